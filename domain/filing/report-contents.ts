// What a filing report is built from (the incident's facts, counts and judgements, the earlier phases) and
// what it holds (the regime's sections, what changed since the earlier phase): never the affected people.
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
  /** Earlier phases of the same regime and recipient, oldest first. */
  earlier: FilingReport[];
  /** Required in the report when the filing is late (rule.fieldsIfLate). */
  delayReasons?: string;
  /** An approver's edits of free-text fields: field code (or `code.en` for the English text) -> text. */
  edits: Record<string, string>;
  generatedAt: string;
  /** The reporting organisation's name; the incident contact's name when absent. */
  organisation?: string;
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
  /** Field code -> value; never personal data of affected people. */
  sections: Record<string, unknown>;
  /** Against the latest earlier phase; [] for the first. */
  changes: Array<{ field: string; before: unknown; after: unknown }>;
  /** The phase `changes` are counted against. */
  changedSince?: string;
  /** Sections whose text an approver wrote; carried into later phases until edited again. */
  edited?: string[];
}
