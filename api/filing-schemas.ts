// Bodies and answers of the responder's filing routes (api/routes/filings.ts), as zod types for the
// validation, the serializer and the OpenAPI document.
import { z } from 'zod';
import { EDITABLE_FIELDS, MAX_EDIT_LENGTH } from '../workflows/filing-messages.js';

const text = (max: number) => z.string().trim().min(1).max(max);

/** An approver's rewrites of free-text report fields, by field code. */
export const FilingEdits = z
  .partialRecord(z.enum(EDITABLE_FIELDS), text(MAX_EDIT_LENGTH))
  .describe(`Free-text report fields to rewrite: ${EDITABLE_FIELDS.join(', ')}`);

export const ApproveFilingBody = z
  .object({ note: text(2_000).optional(), edits: FilingEdits.optional() })
  .strict();
export const RejectFilingBody = z
  .object({ changes: z.string().trim().min(3).max(5_000), edits: FilingEdits.optional() })
  .strict();
export const DelayReasonsBody = z.object({ reasons: z.string().trim().min(10).max(10_000) }).strict();
export const PortalConfirmationBody = z
  .object({
    confirmationNumber: text(200),
    evidenceSha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/, 'must be the SHA-256 of the confirmation screenshot or PDF, 64 hex digits')
      .optional(),
  })
  .strict();

export const FilingParams = z.object({ id: z.string().min(1).max(100) });
export const IncidentFilingParams = z.object({
  id: z.string().min(1).max(100),
  fid: z.string().min(1).max(100),
});

export const FilingAnswer = z.looseObject({
  id: z.string(),
  incidentId: z.string(),
  regime: z.string(),
  phase: z.string(),
  status: z.string(),
  recipient: z.string().nullable(),
  dueAt: z.string().nullable(),
  submittedAt: z.string().nullable(),
  reportHash: z.string().nullable(),
  receipt: z.unknown(),
  acknowledgement: z.unknown(),
  live: z.boolean().describe('false when no worker answered in time: `state` is absent'),
  state: z
    .unknown()
    .optional()
    .describe(
      'The filing workflow: status, waitingFor, reminders (share, lateByMs), approval, rejections, edits, delayReasons, portal, receipt, acknowledgement',
    ),
  report: z.unknown().describe('The report as prepared or filed (JSON, per regime schema)'),
});
