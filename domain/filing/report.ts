// MINIMAL stand-in for engineer filing-docs' report builder (the interface of iface-filing.md): the
// obligation's fields filled plainly from the incident's facts and counts. Replaced at the merge.
import type { AssessmentCounts } from '../assessment.js';
import type { FanoutTotals } from '../fallback.js';
import type { IncidentFacts } from '../incident.js';
import type { Obligation } from '../obligations/engine.js';
import type { Judgement } from '../obligations/judgement.js';
import type { Recipient } from './recipient.js';

export interface FilingReportInput {
  filingId: string;
  obligation: Obligation;
  recipient: Recipient;
  incidentId: string;
  facts: IncidentFacts;
  assessment?: AssessmentCounts;
  judgements: Judgement[];
  notices?: FanoutTotals;
  earlier: FilingReport[];
  delayReasons?: string;
  edits: Record<string, string>;
  generatedAt: string;
}
export interface FilingReport {
  schema: string;
  filingId: string;
  incidentId: string;
  regime: string;
  phase: string;
  recipient: string;
  language: string;
  generatedAt: string;
  sections: Record<string, unknown>;
  changes: Array<{ field: string; before: unknown; after: unknown }>;
}

function plainValue(field: string, input: FilingReportInput): unknown {
  const { facts, assessment } = input;
  const values: Record<string, unknown> = {
    reporting_entity: facts.contact.name,
    contact_point: { name: facts.contact.name, email: facts.contact.email },
    nature_of_breach: facts.description,
    occurred_at: { from: facts.occurredFrom ?? null, to: facts.occurredTo ?? null },
    discovered_at: facts.discoveredAt,
    data_categories: facts.dataCategories,
    people_count: assessment?.affected ?? null,
    people_by_jurisdiction: assessment?.byCountry ?? {},
    measures_taken: facts.measuresTaken,
    reasons_for_delay: input.delayReasons,
  };
  return input.edits[field] ?? values[field] ?? null;
}

export function buildFilingReport(input: FilingReportInput): FilingReport {
  const sections: Record<string, unknown> = {};
  for (const field of input.obligation.fields) sections[field] = plainValue(field, input);
  if (input.obligation.fields.includes('reasons_for_delay') && !input.delayReasons) {
    throw new Error('reasons_for_delay: a late filing must give the reasons for the delay');
  }
  const last = input.earlier.at(-1);
  const changes = last
    ? Object.keys(sections)
        .filter((k) => JSON.stringify(last.sections[k]) !== JSON.stringify(sections[k]))
        .map((field) => ({ field, before: last.sections[field], after: sections[field] }))
    : [];
  return {
    schema: `${input.obligation.regime}.regulator_report.${input.obligation.phase}/1`,
    filingId: input.filingId,
    incidentId: input.incidentId,
    regime: input.obligation.regime,
    phase: input.obligation.phase,
    recipient: input.recipient.id,
    language: input.recipient.language,
    generatedAt: input.generatedAt,
    sections,
    changes,
  };
}
