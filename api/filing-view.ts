// A filing as the regulator's routes show it: the ledger's row, brought up to date by the filing
// workflow's live state when a worker answers. The report holds counts and the organisation's own
// words only, so a regulator reads it whole.
import { z } from 'zod';
import type { FilingRecord } from '../store/ledger.js';
import type { FilingState } from '../workflows/filing-messages.js';

const FilingSummaryShape = {
  id: z.string(),
  incidentId: z.string(),
  recipient: z.string().nullable(),
  regime: z.string(),
  phase: z.string(),
  status: z.string(),
  dueAt: z.string().nullable(),
  submittedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  reportHash: z.string().nullable().describe('Hex SHA-256 of the report as filed'),
  receipt: z.unknown().describe('What the regulator’s side answered when it went out; null before'),
  acknowledgement: z
    .unknown()
    .describe('The regulator’s acknowledgement: by, at, reference, questions; null before'),
  links: z.object({ self: z.string(), pdf: z.string(), acknowledge: z.string() }),
};

export const FilingSummary = z.object(FilingSummaryShape);
export const FilingList = z.object({
  items: z.array(FilingSummary),
  nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last'),
});
export const FilingView = z.object({
  ...FilingSummaryShape,
  report: z.unknown().describe('The report (JSON, schema per regime); null while it is not yet drafted'),
  live: z.boolean().describe('false when no worker answered in time: status and receipt are the ledger’s'),
});
/** The filing workflow's state (workflows/filing-messages.ts FilingState). */
export const FilingStateAnswer = z.object({
  filingId: z.string(),
  status: z.string(),
  dueAt: z.string(),
  reminders: z.array(z.unknown()),
  approval: z.unknown().optional(),
  rejections: z.array(z.unknown()),
  edits: z.record(z.string(), z.string()),
  delayReasons: z.unknown().optional(),
  reportHash: z.string().optional(),
  submittedAt: z.string().optional(),
  receipt: z.unknown().optional(),
  portalConfirmation: z.unknown().optional(),
  acknowledgement: z
    .object({ by: z.string(), at: z.string(), reference: z.string(), questions: z.string().optional() })
    .optional(),
  cancellation: z.unknown().optional(),
});

export function filingLinks(id: string) {
  const self = `/v1/filings/${encodeURIComponent(id)}`;
  return { self, pdf: self, acknowledge: `${self}/acknowledge` };
}

export function filingSummary(f: FilingRecord): z.infer<typeof FilingSummary> {
  return {
    id: f.id,
    incidentId: f.incidentId,
    recipient: f.recipient,
    regime: f.regime,
    phase: f.phase,
    status: f.status,
    dueAt: f.dueAt,
    submittedAt: f.submittedAt,
    createdAt: f.createdAt,
    updatedAt: f.updatedAt,
    reportHash: f.reportHash,
    receipt: f.receipt ?? null,
    acknowledgement: f.acknowledgement ?? null,
    links: filingLinks(f.id),
  };
}

/** The ledger's row, with what the workflow knows that the ledger may not have caught up with yet. */
export function filingView(f: FilingRecord, state: FilingState | undefined): z.infer<typeof FilingView> {
  const base = filingSummary(f);
  if (!state) return { ...base, report: f.payload ?? null, live: false };
  return {
    ...base,
    status: state.status,
    dueAt: state.dueAt ?? base.dueAt,
    submittedAt: state.submittedAt ?? base.submittedAt,
    reportHash: state.reportHash ?? base.reportHash,
    receipt: state.receipt ?? base.receipt,
    acknowledgement: state.acknowledgement ?? base.acknowledgement,
    report: f.payload ?? null,
    live: true,
  };
}
