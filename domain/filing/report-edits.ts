// An approver's edits of a report's free text. Each edit replaces the text of one section, in the report's
// language (`code`) or in English (`code.en`); counts, instants and codes are the ledger's and stay as built.
import type { FilingReport } from './report-contents.js';
import { EDITABLE_TEXT, isReportField } from './report-values.js';

const MAX_EDIT_CHARS = 20_000;

function editTarget(key: string, fields: readonly string[]): { field: string; english: boolean } {
  const english = key.endsWith('.en');
  const field = english ? key.slice(0, -3) : key;
  const editable = fields.filter((f) => !isReportField(f) || EDITABLE_TEXT[f] !== undefined);
  if (!fields.includes(field) || !editable.includes(field)) {
    throw new Error(
      `edit "${key}": not a free-text field of this report; editable: ${editable.join(', ') || 'none'}`,
    );
  }
  return { field, english };
}

/** Applies the edits in place and returns the fields they changed; throws naming a bad edit. */
export function applyEdits(
  sections: Record<string, unknown>,
  edits: Readonly<Record<string, string>>,
  fields: readonly string[],
  language: string,
): string[] {
  const changed: string[] = [];
  // Plain edits first: they replace the text in every language, and an English one may then be added.
  const keys = Object.keys(edits).sort((a, b) => Number(a.endsWith('.en')) - Number(b.endsWith('.en')));
  for (const key of keys) {
    const text = edits[key]!.trim();
    if (text.length === 0 || text.length > MAX_EDIT_CHARS) {
      throw new Error(`edit "${key}": must be between 1 and ${MAX_EDIT_CHARS} characters`);
    }
    const { field, english } = editTarget(key, fields);
    const path = isReportField(field) ? (EDITABLE_TEXT[field] ?? 'text') : 'text';
    const section = { ...((sections[field] as Record<string, unknown> | undefined) ?? {}) };
    const value =
      field === 'what_you_can_do'
        ? text
            .split('\n')
            .map((s) => s.trim())
            .filter((s) => s.length > 0)
        : text;
    const tag = english ? 'en' : language;
    const before = english ? ((section[path] as Record<string, unknown> | null) ?? {}) : {};
    section[path] = { ...before, [tag]: value };
    sections[field] = section;
    changed.push(field);
  }
  return [...new Set(changed)];
}

/**
 * The approver's words stand in later phases until someone edits them again: a section edited in the latest
 * earlier report, and not edited now, keeps that report's value. Returns the sections carried so.
 */
export function carryEdits(
  sections: Record<string, unknown>,
  latest: FilingReport | undefined,
  editedNow: readonly string[],
): string[] {
  const carried: string[] = [];
  for (const field of latest?.edited ?? []) {
    if (editedNow.includes(field) || !(field in latest!.sections) || !(field in sections)) continue;
    sections[field] = latest!.sections[field];
    carried.push(field);
  }
  return carried;
}
