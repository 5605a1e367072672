// What each section of a filed report holds, as zod schemas keyed by field code. Values are language-neutral
// (codes, counts, instants) except the organisation's own words, which are `Text`: the same words keyed by
// the language they are written in, so one JSON serves the regulator's language and English.
import { z } from 'zod';
import { Contact, DataCategory, Severity } from '../incident.js';
import { JudgementKind } from '../obligations/judgement.js';
import { RISK_KINDS } from '../notice/template.js';
import type { ReportFieldCode } from './report-labels.js';

const instant = z.iso.datetime({ offset: true });
const count = z.number().int().nonnegative();

/** The same words in one or more languages, keyed by BCP 47 tag. */
export const Text = z
  .record(z.string().min(2).max(35), z.string().trim().min(1))
  .refine((t) => Object.keys(t).length > 0, 'needs the text in at least one language');
export type Text = z.infer<typeof Text>;

/** A list of steps per language. */
export const TextList = z.record(z.string().min(2).max(35), z.array(z.string().trim().min(1)));
export type TextList = z.infer<typeof TextList>;

/** Text the organisation may not know yet (an early phase): null is "to follow in a later report". */
const pending = z.strictObject({ text: Text.nullable() });

export const NOTIFICATION_STATES = ['completed', 'in_progress', 'not_started', 'not_required'] as const;

export const SECTION_SCHEMAS = {
  reporting_entity: z.strictObject({
    name: z.string().trim().min(1),
    sector: z.string(),
    nis2Entity: z.string(),
    listedCompany: z.boolean(),
    criticalInfrastructure: z.boolean(),
    trustServiceProvider: z.boolean(),
  }),
  contact_point: Contact,
  nature_of_breach: z.strictObject({ title: Text, description: Text }),
  occurred_at: z.strictObject({ from: instant.nullable(), to: instant.nullable() }),
  discovered_at: z.strictObject({ at: instant }),
  aware_at: z.strictObject({
    at: instant,
    basis: z.enum(['judgement', 'discovery']),
    decidedBy: z.string().optional(),
  }),
  data_categories: z.strictObject({
    categories: z.array(DataCategory).min(1),
    highRisk: z.array(DataCategory),
  }),
  people_count: z.strictObject({
    approximate: count,
    byRisk: z.strictObject({ low: count, medium: count, high: count }),
  }),
  records_count: z.strictObject({ approximate: count, basis: z.literal('one_per_person') }),
  people_by_jurisdiction: z.strictObject({
    byCountry: z.record(z.string(), count),
    byRegion: z.record(z.string(), count),
  }),
  likely_consequences: z.strictObject({ risks: z.array(z.enum(RISK_KINDS)).min(1), text: Text }),
  measures_taken: z.strictObject({ taken: Text, adviceToPeople: TextList }),
  individuals_notified: z.strictObject({
    state: z.enum(NOTIFICATION_STATES),
    people: count,
    reached: count,
    unreachable: count,
    sent: z.record(z.string(), count),
  }),
  cross_border_impact: z.strictObject({
    countries: z.array(z.string()),
    crossBorder: z.boolean().nullable(),
    text: Text.nullable(),
  }),
  reasons_for_delay: z
    .strictObject({ late: z.boolean(), dueAt: instant.nullable(), reasons: Text.nullable() })
    .refine((v) => !v.late || v.reasons !== null, {
      path: ['reasons'],
      message: 'a report filed after its deadline must give the reasons for the delay',
    }),
  suspected_malicious: z.strictObject({ suspected: z.boolean().nullable(), explanation: Text.nullable() }),
  severity_and_impact: z.strictObject({
    severity: Severity,
    peopleAffected: count.nullable(),
    highRiskPeople: count.nullable(),
    text: Text.nullable(),
  }),
  indicators_of_compromise: pending,
  root_cause: pending,
  mitigation_applied: z.strictObject({ text: Text }),
  what_you_can_do: z.strictObject({ steps: TextList }),
  decision_and_reasons: z.strictObject({
    decisions: z.array(
      z.strictObject({
        kind: JudgementKind,
        value: z.boolean(),
        reason: z.string(),
        decidedAt: instant,
        decidedBy: z.string(),
        effectiveAt: instant.optional(),
        regime: z.string().optional(),
      }),
    ),
    text: Text.nullable(),
  }),
  sample_notice: z.strictObject({ language: z.string(), subject: z.string(), text: z.string() }),
  material_impact: pending,
} satisfies Record<ReportFieldCode, z.ZodType>;

export function isReportField(code: string): code is ReportFieldCode {
  return Object.hasOwn(SECTION_SCHEMAS, code);
}

/**
 * Where an approver's edit goes in each free-text section: the path of the Text it replaces. Sections not
 * listed here are counts, instants and codes, which come from the ledger and are not edited by hand.
 */
export const EDITABLE_TEXT: Partial<Record<ReportFieldCode, string>> = {
  nature_of_breach: 'description',
  likely_consequences: 'text',
  measures_taken: 'taken',
  cross_border_impact: 'text',
  reasons_for_delay: 'reasons',
  suspected_malicious: 'explanation',
  severity_and_impact: 'text',
  indicators_of_compromise: 'text',
  root_cause: 'text',
  mitigation_applied: 'text',
  decision_and_reasons: 'text',
  material_impact: 'text',
  what_you_can_do: 'steps',
};
