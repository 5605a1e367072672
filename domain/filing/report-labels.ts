// The words a filed report is written in, per language: field headings, data categories, harms and the
// phrases around the values. Kept as plain data so a privacy officer can correct a translation without
// touching the renderer. A language without an entry is rendered in English only, and the PDF says so.
import { FIELDS, type FieldCode } from '../obligations/fields.js';
import type { ReportLabels } from './report-label-set.js';
import { de } from './report-labels-de.js';
import { en } from './report-labels-en.js';
import { fr } from './report-labels-fr.js';
import { ja } from './report-labels-ja.js';
import { pt } from './report-labels-pt.js';
import { zh } from './report-labels-zh.js';

export const REPORT_LABELS: Readonly<Record<string, ReportLabels>> = { en, de, fr, ja, pt, zh };

const primary = (tag: string) => tag.toLowerCase().split(/[-_]/)[0] ?? '';

/** The words for a language, or undefined when the report cannot be written in it (English only then). */
export function reportLabelsFor(language: string): ReportLabels | undefined {
  return REPORT_LABELS[primary(language)];
}

export function fieldLabel(labels: ReportLabels, code: string): string {
  return (
    (labels.fields as Record<string, string>)[code] ??
    (en.fields as Record<string, string>)[code] ??
    FIELDS[code as FieldCode] ??
    code
  );
}

export function phaseLabel(labels: ReportLabels, phase: string): string {
  return labels.phases[phase] ?? en.phases[phase] ?? phase.replace(/_/g, ' ');
}

/** Fills `{name}` placeholders. */
export function fillLabel(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (m, k: string) => values[k] ?? m);
}

export type { ReportFieldCode, ReportLabels } from './report-label-set.js';
