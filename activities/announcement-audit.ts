// The announcement's decisions, publications and archiving in the incident's audit log. Reasons and
// counts only, never people; a retried attempt finds its own entry and writes nothing twice.
import type { Ledger } from '../store/ledger.js';

export interface AnnouncementAuditInput {
  incidentId: string;
  /** `announcement:decided`, `announcement:published`, `announcement:archived`. */
  action: string;
  /** Tells entries of one action apart (the decision's stage, the published version). */
  key: string;
  actor: string;
  at: string;
  reason?: string;
  details: Record<string, unknown>;
}

export function createAnnouncementAuditActivities(ledger: Ledger) {
  return {
    async recordAnnouncementAudit(input: AnnouncementAuditInput): Promise<void> {
      const { incidentId, action, key, actor, at, reason, details } = input;
      const entries = await ledger.listAudit(incidentId);
      if (entries.some((e) => e.action === action && e.details?.key === key)) return;
      // The publishing activities record their own publication and archiving (with the content hash
      // and receipts, also when run outside a workflow); the workflow's entry for the same version
      // would be a second record of one event.
      // (The publishing activity calls a re-publication `announcement:updated`.)
      const version = details.version;
      const same = action === 'announcement:published' ? [action, 'announcement:updated'] : [action];
      const recordedByPublishing = (e: { action: string; details?: Record<string, unknown> | null }) =>
        same.includes(e.action) &&
        e.details?.key === undefined &&
        version !== undefined &&
        e.details?.version === version;
      if (entries.some(recordedByPublishing)) return;
      await ledger.appendAudit({
        incidentId,
        at,
        actor,
        action,
        ...(reason ? { reason } : {}),
        details: { key, ...details },
      });
    },
  };
}

export type AnnouncementAuditActivities = ReturnType<typeof createAnnouncementAuditActivities>;
