// What the announcement's parts share inside the incident workflow: the state they change, the requests
// people made, the audit entries waiting to be written, and the decisions that read them.
import { ApplicationFailure } from '@temporalio/workflow';
import {
  decideAfterNotices,
  decideBeforeNotices,
  type AnnouncementPolicy,
  type AnnouncementRequest,
} from '../domain/announcement/decision.js';
import { emptyFanoutTotals } from '../domain/fallback.js';
import type { Phase } from '../domain/phases.js';
import type { AnnouncementState } from './announcement-messages.js';
import type { AnnouncementPublisher, PendingAudit } from './announcement-publication.js';
import { WRONG_PHASE, type IncidentState, type IncidentWorkflowInput } from './incident-messages.js';

export const BEFORE_APPROVAL: readonly Phase[] = ['opened', 'assessing', 'awaiting_approval'];

export interface TrackContext {
  input: IncidentWorkflowInput;
  state: IncidentState;
  policy: AnnouncementPolicy;
  requests: AnnouncementRequest[];
  pendingAudit: PendingAudit[];
  publisher: AnnouncementPublisher;
  noticesDone: boolean;
  finished: boolean;
}

export const now = () => new Date().toISOString();

export function refuse(ctx: TrackContext, message: string): never {
  throw ApplicationFailure.nonRetryable(`incident ${ctx.input.incidentId}: ${message}`, WRONG_PHASE);
}

function decisionDetails(a: AnnouncementState): Record<string, unknown> {
  const d = a.decision;
  return {
    stage: a.stage,
    reasons: d.reasons,
    replacesIndividualNoticeFor: d.replacesIndividualNoticeFor,
    replacementReason: d.replacementReason,
    skipIndividualNotices: d.skipIndividualNotices,
    postingDays: d.postingDays,
    postingDaysSource: d.postingDaysSource,
    ...(d.estimatedCostUsd !== undefined ? { estimatedCostUsd: d.estimatedCostUsd } : {}),
  };
}

export function recordDecision(ctx: TrackContext, a: AnnouncementState, actor: string): void {
  ctx.pendingAudit.push({
    action: 'announcement:decided',
    key: a.stage,
    actor,
    at: a.decidedAt,
    reason: a.decision.reasons.map((r) => r.detail).join('; '),
    details: decisionDetails(a),
  });
}

/** Re-proposes the announcement that would come with the notices, from the state as it is now. */
export function propose(ctx: TrackContext): void {
  const { state } = ctx;
  if (!BEFORE_APPROVAL.includes(state.phase)) return;
  if (state.announcement && state.announcement.status !== 'proposed') return;
  const decision = decideBeforeNotices(
    {
      severity: state.severity,
      obligations: state.obligations,
      assessment: state.assessment,
      judgements: state.judgements,
      requests: ctx.requests,
    },
    ctx.policy,
  );
  if (decision.announce)
    state.announcement = { status: 'proposed', stage: 'with_notices', decision, decidedAt: now() };
  else delete state.announcement;
}

/** After the notices: an announcement to approve when too many were left unreachable, or one was asked for. */
export function decideAfter(ctx: TrackContext): void {
  const { state } = ctx;
  const decision = decideAfterNotices(state.notices ?? emptyFanoutTotals(), ctx.requests, ctx.policy);
  if (!decision.announce) return;
  state.announcement = { status: 'awaiting_approval', stage: 'after_notices', decision, decidedAt: now() };
  recordDecision(ctx, state.announcement, 'system');
}

/** New facts: the announcement, when there is one, is published again as the next version. */
export function supplement(ctx: TrackContext): void {
  const a = ctx.state.announcement;
  if (a?.status === 'published' || a?.status === 'approved') {
    a.pendingVersion = Math.max(a.pendingVersion ?? 0, a.version ?? 1) + 1;
  }
}

// An announcement approved with the notices also stands in for the people they then failed to reach: its
// reasons and count grow (audited), and one already up is published again with them.
export function widen(ctx: TrackContext, a: AnnouncementState): void {
  const after = decideAfterNotices(ctx.state.notices ?? emptyFanoutTotals(), [], ctx.policy);
  const added = after.reasons.filter((r) => !a.decision.reasons.some((k) => k.code === r.code));
  if (added.length === 0) return;
  a.decision = {
    ...a.decision,
    reasons: [...a.decision.reasons, ...added],
    replacesIndividualNoticeFor: Math.max(
      a.decision.replacesIndividualNoticeFor,
      after.replacesIndividualNoticeFor,
    ),
    replacementReason: a.decision.replacementReason ?? after.replacementReason,
  };
  recordDecision(ctx, { ...a, stage: 'after_notices', decidedAt: now() }, 'system');
  // Not yet up: the first publication carries them; on its way or up: the next version does.
  if (a.status === 'published' || ctx.publisher.inFlight()) supplement(ctx);
}
