// The breach register (GDPR Art. 33(5), PIPEDA s. 10.3, LGPD Art. 48): one entry per incident, notified
// or not, built from what the ledger keeps after the retention purge — the incident's facts, the
// assessment counts, the audit log's decisions, the filings and the delivery counts. Never a person.
import type { IncidentFacts } from '../incident.js';

/** The ledger's records an entry is built from, by shape (the store's types fit them). */
export interface RegisterSources {
  incident: {
    id: string;
    externalId: string | null;
    facts: IncidentFacts;
    severity: string;
    phase: string;
    createdAt: string;
    closedAt: string | null;
    purgedAt: string | null;
  };
  assessment?: {
    at: string;
    counts: { affected: number; byCountry: Record<string, number>; byRisk: Record<string, number> };
  };
  audit: ReadonlyArray<{
    at: string;
    actor: string;
    action: string;
    reason: string | null;
    details: Record<string, unknown> | null;
  }>;
  filings: ReadonlyArray<{
    id: string;
    recipient: string | null;
    regime: string;
    phase: string;
    status: string;
    dueAt: string | null;
    submittedAt: string | null;
    receipt: unknown;
    acknowledgement: unknown;
  }>;
  deliveries: { channels: Record<string, ChannelCounts>; unreachable: number };
}

export interface ChannelCounts {
  pending: number;
  sent: number;
  delivered: number;
  failed: number;
  unreachable: number;
}

export interface RegisterDecision {
  at: string;
  by: string;
  action: string;
  reason: string | null;
  /** Judgements only: the finding as recorded. */
  judgement?: { kind: string; value: boolean | null; regime: string | null };
  /** Filing decisions only. */
  filingId?: string;
}

export interface RegisterFiling {
  id: string;
  recipient: string | null;
  regime: string;
  phase: string;
  status: string;
  dueAt: string | null;
  submittedAt: string | null;
  receiptReference: string | null;
  acknowledgementReference: string | null;
}

export interface RegisterEntry {
  incidentId: string;
  externalId: string | null;
  facts: {
    title: string;
    description: string;
    discoveredAt: string;
    occurredFrom: string | null;
    occurredTo: string | null;
    dataCategories: string[];
    severity: string;
    measuresTaken: string;
  };
  phase: string;
  openedAt: string;
  closedAt: string | null;
  purgedAt: string | null;
  effects: {
    assessedAt: string;
    affected: number;
    byCountry: Record<string, number>;
    byRisk: Record<string, number>;
  } | null;
  decisions: RegisterDecision[];
  filings: RegisterFiling[];
  notices: { notified: boolean; sent: number; byChannel: Record<string, ChannelCounts>; unreachable: number };
}

/** Audit actions that are decisions with reasons; the rest (phases, uploads) are the workflow's steps. */
const DECISION_ACTIONS = [
  'incident:approved',
  'incident:cancelled',
  'incident:closed',
  'incident:supplemental_notice',
  'retention:purge',
];
const isDecision = (action: string) =>
  DECISION_ACTIONS.includes(action) || action.startsWith('judgement:') || action.startsWith('filing:');

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function referenceOf(value: unknown): string | null {
  return value && typeof value === 'object' ? text((value as { reference?: unknown }).reference) : null;
}

function decisionOf(a: RegisterSources['audit'][number]): RegisterDecision {
  const d: RegisterDecision = { at: a.at, by: a.actor, action: a.action, reason: a.reason };
  if (a.action.startsWith('judgement:')) {
    const j = (a.details?.judgement ?? {}) as { kind?: unknown; value?: unknown; regime?: unknown };
    d.judgement = {
      kind: text(j.kind) ?? a.action.slice('judgement:'.length),
      value: typeof j.value === 'boolean' ? j.value : null,
      regime: text(j.regime),
    };
  }
  const filingId = text(a.details?.filingId);
  if (filingId) d.filingId = filingId;
  return d;
}

export function registerEntry(s: RegisterSources): RegisterEntry {
  const f = s.incident.facts;
  const channels = s.deliveries.channels;
  const sent = Object.values(channels).reduce((n, c) => n + c.sent, 0);
  return {
    incidentId: s.incident.id,
    externalId: s.incident.externalId,
    facts: {
      title: f.title,
      description: f.description,
      discoveredAt: f.discoveredAt,
      occurredFrom: f.occurredFrom ?? null,
      occurredTo: f.occurredTo ?? null,
      dataCategories: [...f.dataCategories],
      severity: s.incident.severity,
      measuresTaken: f.measuresTaken,
    },
    phase: s.incident.phase,
    openedAt: s.incident.createdAt,
    closedAt: s.incident.closedAt,
    purgedAt: s.incident.purgedAt,
    effects: s.assessment
      ? {
          assessedAt: s.assessment.at,
          affected: s.assessment.counts.affected,
          byCountry: s.assessment.counts.byCountry,
          byRisk: s.assessment.counts.byRisk,
        }
      : null,
    decisions: s.audit.filter((a) => isDecision(a.action)).map(decisionOf),
    filings: s.filings.map((x) => ({
      id: x.id,
      recipient: x.recipient,
      regime: x.regime,
      phase: x.phase,
      status: x.status,
      dueAt: x.dueAt,
      submittedAt: x.submittedAt,
      receiptReference: referenceOf(x.receipt),
      acknowledgementReference: referenceOf(x.acknowledgement),
    })),
    notices: { notified: sent > 0, sent, byChannel: channels, unreachable: s.deliveries.unreachable },
  };
}
