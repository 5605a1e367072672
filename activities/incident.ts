// The ledger work the incident workflow asks for. Activities take and return references and counts,
// never people, so workflow history stays small and free of personal data.
import type { Phase } from '../domain/phases.js';
import type { AssessmentCounts } from '../domain/assessment.js';
import type { AuditSigner } from '../platform/audit-keys.js';
import type { Ledger } from '../store/ledger.js';
import { anchorPhase, type AuditHeadRecord } from './evidence/phase-anchor.js';

export interface RecordPhaseInput {
  incidentId: string;
  phase: Phase;
  at: string;
  actor: string;
  reason?: string;
}

/** `auditSigner` signs the chain head at each phase change; without it the head is returned unsigned. */
export function createIncidentActivities(ledger: Ledger, auditSigner?: AuditSigner) {
  return {
    /**
     * Mirrors the workflow's phase into the ledger and the audit log, where the API and auditors read it,
     * anchors what the phase step covered in the chain and returns the signed head.
     */
    async recordPhase({ incidentId, phase, at, actor, reason }: RecordPhaseInput): Promise<AuditHeadRecord> {
      await ledger.setIncidentPhase(incidentId, phase, at);
      // A retried attempt (the first one wrote, then timed out) must not enter the phase twice in the log.
      const action = `phase:${phase}`;
      if (!(await ledger.listAudit(incidentId)).some((a) => a.action === action)) {
        await ledger.appendAudit({ incidentId, at, actor, action, reason });
      }
      return anchorPhase(ledger, auditSigner, { incidentId, phase, at });
    },

    /** Audits that monitoring outlived its period because obligations were open (regime, kind, status). */
    async recordMonitoringPeriodEnded({
      incidentId,
      at,
      openObligations,
    }: {
      incidentId: string;
      at: string;
      openObligations: { regime: string; kind: string; status: string }[];
    }): Promise<void> {
      const action = 'monitoring:period-ended';
      if ((await ledger.listAudit(incidentId)).some((a) => a.action === action)) return;
      const listed = openObligations.map((o) => `${o.regime} ${o.kind} (${o.status})`).join(', ');
      await ledger.appendAudit({
        incidentId,
        at,
        actor: 'system',
        action,
        reason: `monitoring period ended with obligations open: ${listed}; it stays in monitoring until none is open or a person closes it`,
        details: { openObligations },
      });
    },

    /** Counts the affected people by place, reachability, language and risk; the people stay in the ledger. */
    async assessAffectedUsers(incidentId: string): Promise<AssessmentCounts> {
      return ledger.assess(incidentId);
    },

    async purgePersonalData(incidentId: string): Promise<{ purged: number }> {
      const purged = await ledger.purgePersonalData(incidentId);
      await ledger.appendAudit({
        incidentId,
        at: new Date().toISOString(),
        actor: 'system',
        action: 'retention:purge',
        reason: 'retention period after closing ended',
        details: { purged },
      });
      return { purged };
    },
  };
}

export type IncidentActivities = ReturnType<typeof createIncidentActivities>;
