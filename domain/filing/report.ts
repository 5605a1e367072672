// A regulator report: the fields the regime's form asks for, filled from the incident, the counts and the
// judgements, validated against the regime's schema, with what changed since the last earlier phase. Pure:
// the filing activities build it, hash it and render it; the regulator reads the same JSON.
import type { Obligation } from '../obligations/engine.js';
import { buildSection, type SectionSources } from './report-sections.js';
import { applyEdits, carryEdits } from './report-edits.js';
import { reportFields, reportSchema, schemaId } from './report-schema.js';
import { primaryLanguage } from './report-text-source.js';
import { isReportField } from './report-values.js';
import type { FilingReport, FilingReportInput } from './report-contents.js';

export type { FilingReport, FilingReportInput } from './report-contents.js';

/** The report cannot be complete yet; `fields` names what is missing or wrong. */
export class FilingReportIncomplete extends Error {
  constructor(
    readonly schema: string,
    readonly fields: string[],
    detail: string[],
  ) {
    super(`${schema} is incomplete: ${detail.join('; ')}`);
    this.name = 'FilingReportIncomplete';
  }
}

/** Late when the obligation says so or the report is written after its deadline. */
export function isLate(obligation: Obligation, at: string): boolean {
  return (
    obligation.status === 'overdue' ||
    (obligation.dueAt !== null && Date.parse(at) > Date.parse(obligation.dueAt))
  );
}

/** JSON-equal, whatever the order of object keys. */
function sameValue(a: unknown, b: unknown): boolean {
  return stable(a) === stable(b);
}
function stable(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stable).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${stable(x)}`).join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}

export function reportChanges(
  before: FilingReport | undefined,
  sections: Record<string, unknown>,
): FilingReport['changes'] {
  if (!before) return [];
  const keys = [...new Set([...Object.keys(sections), ...Object.keys(before.sections)])];
  return keys
    .filter((k) => !sameValue(before.sections[k], sections[k]))
    .map((field) => ({ field, before: before.sections[field] ?? null, after: sections[field] ?? null }));
}

export function buildFilingReport(input: FilingReportInput): FilingReport {
  const { obligation, recipient } = input;
  const id = schemaId(obligation);
  const late = isLate(obligation, input.generatedAt);
  const language = recipient.language;
  // English is always there; `en-GB` is English already, not a second language.
  const languages = primaryLanguage(language) === 'en' ? [language] : [language, 'en'];
  const latest = input.earlier.at(-1);
  // A later phase carries what the earlier ones said, so the regulator reads one complete picture.
  const fields = [
    ...new Set([...reportFields(obligation, late), ...input.earlier.flatMap((r) => Object.keys(r.sections))]),
  ];
  const sources: SectionSources = {
    obligation,
    facts: input.facts,
    judgements: input.judgements,
    languages,
    late,
    ...(input.assessment ? { assessment: input.assessment } : {}),
    ...(input.notices ? { notices: input.notices } : {}),
    ...(input.delayReasons !== undefined ? { delayReasons: input.delayReasons } : {}),
    ...(input.organisation ? { organisation: input.organisation } : {}),
  };

  const sections: Record<string, unknown> = {};
  const missing: string[] = [];
  for (const field of fields) {
    if (!isReportField(field)) {
      sections[field] = { text: null };
      continue;
    }
    const built = buildSection(field, sources);
    if ('missing' in built) missing.push(`${field}: ${built.missing}`);
    else sections[field] = built.value;
  }
  const edited = applyEdits(sections, input.edits, fields, language);
  const carried = carryEdits(sections, latest, edited);
  if (missing.length > 0) {
    throw new FilingReportIncomplete(
      id,
      missing.map((m) => m.split(':')[0]!),
      missing,
    );
  }
  const report: FilingReport = {
    schema: id,
    filingId: input.filingId,
    incidentId: input.incidentId,
    regime: obligation.regime,
    phase: obligation.phase,
    recipient: recipient.id,
    language,
    generatedAt: input.generatedAt,
    sections,
    changes: reportChanges(latest, sections),
    ...(latest ? { changedSince: latest.phase } : {}),
    edited: [...new Set([...edited, ...carried])],
  };
  validateReport(report, fields);
  return report;
}

/** Checks a report against its regime's schema; throws FilingReportIncomplete naming each bad field. */
export function validateReport(report: FilingReport, fields: readonly string[]): void {
  const result = reportSchema(report.schema, fields).safeParse(report);
  if (result.success) return;
  const issues = result.error.issues.map((i) => ({
    field: i.path[0] === 'sections' ? String(i.path[1] ?? 'sections') : String(i.path[0] ?? ''),
    text: `${i.path.join('.')}: ${i.message}`,
  }));
  throw new FilingReportIncomplete(
    report.schema,
    [...new Set(issues.map((i) => i.field))],
    issues.map((i) => i.text),
  );
}

export { regimeReportSchema, reportFields, reportSchema, schemaId } from './report-schema.js';
export type { ReportSchema } from './report-schema.js';
