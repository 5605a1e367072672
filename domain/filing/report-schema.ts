// The JSON schema of each regime's report, from the rules pack: the sections its form asks for in that
// phase (and the late-filing ones once the deadline has passed), each with the shape report-values.ts gives.
import { z } from 'zod';
import type { Obligation } from '../obligations/engine.js';
import { RULES_PACK } from '../obligations/rules-pack.js';
import type { ObligationRule } from '../obligations/rule.js';
import { isReportField, SECTION_SCHEMAS, Text } from './report-values.js';

/** Bumped when a section's shape changes in a way a regulator's parser would notice. */
export const REPORT_SCHEMA_VERSION = 1;

export function schemaId(o: Pick<Obligation, 'regime' | 'kind' | 'phase'>): string {
  return `${o.regime}.${o.kind}.${o.phase}/${REPORT_SCHEMA_VERSION}`;
}

export function ruleOf(o: Pick<Obligation, 'regime' | 'kind' | 'phase'>): ObligationRule | undefined {
  return RULES_PACK.find((r) => r.id === o.regime)?.obligations.find(
    (r) => r.kind === o.kind && r.phase === o.phase,
  );
}

/** The regime's name as the rules pack gives it ("EU GDPR Art. 33/34"), for titles. */
export function regimeName(regime: string): string {
  return RULES_PACK.find((r) => r.id === regime)?.name ?? regime;
}

/** The sections this phase's report must hold: the obligation's, and the late ones when it is late. */
export function reportFields(obligation: Obligation, late: boolean): string[] {
  const rule = ruleOf(obligation);
  return [
    ...new Set([...obligation.fields, ...(rule?.fields ?? []), ...(late ? (rule?.fieldsIfLate ?? []) : [])]),
  ];
}

const change = z.strictObject({ field: z.string(), before: z.unknown(), after: z.unknown() });
/** A field of a custom rules pack that this service has no section shape for: the organisation's words. */
const freeText = z.strictObject({ text: Text.nullable() });

export function reportSchema(id: string, fields: readonly string[]) {
  const shape: Record<string, z.ZodType> = {};
  for (const f of fields) shape[f] = isReportField(f) ? SECTION_SCHEMAS[f] : freeText;
  return z.strictObject({
    schema: z.literal(id),
    filingId: z.string().min(1),
    incidentId: z.string().min(1),
    regime: z.string().min(1),
    phase: z.string().min(1),
    recipient: z.string().min(1),
    language: z.string().min(2),
    generatedAt: z.iso.datetime({ offset: true }),
    sections: z.strictObject(shape),
    changes: z.array(change),
    changedSince: z.string().optional(),
    edited: z.array(z.string()).optional(),
  });
}
export type ReportSchema = ReturnType<typeof reportSchema>;

/** The schema of one regime's report in one phase, as a regulator receives it. */
export function regimeReportSchema(regime: string, phase: string, late = false): ReportSchema {
  const o = { regime, kind: 'regulator_report' as const, phase };
  const rule = ruleOf(o) ?? ruleOf({ ...o, kind: 'sample_to_regulator' });
  if (!rule) throw new Error(`no filed report for ${regime} phase ${phase} in the rules pack`);
  const fields = [...new Set([...rule.fields, ...(late ? rule.fieldsIfLate : [])])];
  return reportSchema(schemaId({ regime, kind: rule.kind, phase }), fields);
}
