// The incident's public announcement, driven from the incident workflow: proposed with the notices (and
// approved with them), or decided after them (approved on its own); published, re-published with every
// supplement while it is up, and archived once its posting period has run out, even after closing.
import { ApplicationFailure, condition, setHandler } from '@temporalio/workflow';
import {
  DEFAULT_ANNOUNCEMENT_POLICY,
  decideAfterNotices,
  decideBeforeNotices,
  type AnnouncementRequest,
} from '../domain/announcement/decision.js';
import { emptyFanoutTotals, type FanoutTotals } from '../domain/fallback.js';
import { isFinal, type Phase } from '../domain/phases.js';
import {
  approveAnnouncementUpdate,
  requestAnnouncementUpdate,
  type AnnouncementState,
  type ApproveAnnouncementInput,
  type RequestAnnouncementInput,
} from './announcement-messages.js';
import { announcementPublisher, type PendingAudit } from './announcement-publication.js';
import {
  WRONG_PHASE,
  type Decision,
  type IncidentState,
  type IncidentWorkflowInput,
} from './incident-messages.js';

const BEFORE_APPROVAL: readonly Phase[] = ['opened', 'assessing', 'awaiting_approval'];

export interface AnnouncementTrack {
  /** Re-proposes the announcement that would come with the notices, from the state as it is now. */
  propose(): void;
  /** The approver approved the notices, and with them the proposed announcement. */
  approveWithNotices(approval: Decision): void;
  /** True when a substitute notice stands in for everyone: no individual notices go out. */
  replacesEveryone(): boolean;
  /** The notices went out; too many left unreachable (or a request) makes an announcement to approve. */
  afterNotices(totals: FanoutTotals | undefined): void;
  /** New facts: the announcement, when there is one, is published again as the next version. */
  supplemented(): void;
  /** Publishes, re-publishes and archives until its period is over, or until `finish` with none up. */
  run(): Promise<void>;
  /** The incident is done; `run` returns once the announcement (if any) is archived. */
  finish(): void;
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

export function announcementTrack(input: IncidentWorkflowInput, state: IncidentState): AnnouncementTrack {
  const policy = input.announcement ?? DEFAULT_ANNOUNCEMENT_POLICY;
  const requests: AnnouncementRequest[] = [];
  const pendingAudit: PendingAudit[] = [];
  const publisher = announcementPublisher(input.incidentId, pendingAudit);
  let noticesDone = false;
  let finished = false;
  const now = () => new Date().toISOString();

  const refuse = (message: string): never => {
    throw ApplicationFailure.nonRetryable(`incident ${input.incidentId}: ${message}`, WRONG_PHASE);
  };
  const recordDecision = (a: AnnouncementState, actor: string) => {
    pendingAudit.push({
      action: 'announcement:decided',
      key: a.stage,
      actor,
      at: a.decidedAt,
      reason: a.decision.reasons.map((r) => r.detail).join('; '),
      details: decisionDetails(a),
    });
  };
  const decideAfter = () => {
    const decision = decideAfterNotices(state.notices ?? emptyFanoutTotals(), requests, policy);
    if (!decision.announce) return;
    state.announcement = { status: 'awaiting_approval', stage: 'after_notices', decision, decidedAt: now() };
    recordDecision(state.announcement, 'system');
  };

  // An announcement approved with the notices also stands in for the people they then failed to reach: its
  // reasons and count grow (audited), and one already up is published again with them.
  const widen = (a: AnnouncementState) => {
    const after = decideAfterNotices(state.notices ?? emptyFanoutTotals(), [], policy);
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
    recordDecision({ ...a, stage: 'after_notices', decidedAt: now() }, 'system');
    // Not yet up: the first publication carries them; on its way or up: the next version does.
    if (a.status === 'published' || publisher.inFlight()) track.supplemented();
  };

  const track: AnnouncementTrack = {
    propose() {
      if (!BEFORE_APPROVAL.includes(state.phase)) return;
      if (state.announcement && state.announcement.status !== 'proposed') return;
      const decision = decideBeforeNotices(
        {
          severity: state.severity,
          obligations: state.obligations,
          assessment: state.assessment,
          judgements: state.judgements,
          requests,
        },
        policy,
      );
      if (decision.announce)
        state.announcement = { status: 'proposed', stage: 'with_notices', decision, decidedAt: now() };
      else delete state.announcement;
    },
    approveWithNotices(approval) {
      track.propose();
      const a = state.announcement;
      if (a?.status !== 'proposed') return;
      a.status = 'approved';
      a.approval = { by: approval.by, at: approval.at, ...(approval.note ? { note: approval.note } : {}) };
      recordDecision(a, approval.by);
    },
    replacesEveryone: () =>
      state.announcement?.stage === 'with_notices' &&
      state.announcement.status !== 'proposed' &&
      state.announcement.decision.skipIndividualNotices === 'everyone',
    afterNotices() {
      noticesDone = true;
      if (!state.announcement) decideAfter();
      else if (state.announcement.status !== 'proposed') widen(state.announcement);
    },
    supplemented() {
      const a = state.announcement;
      if (a?.status === 'published' || a?.status === 'approved') {
        a.pendingVersion = Math.max(a.pendingVersion ?? 0, a.version ?? 1) + 1;
      }
    },
    run: () => runAnnouncement(),
    finish() {
      finished = true;
    },
  };

  setHandler(
    requestAnnouncementUpdate,
    ({ by, reason }) => {
      requests.push({ by, reason, at: now() });
      if (BEFORE_APPROVAL.includes(state.phase)) track.propose();
      else if (state.announcement?.status === 'awaiting_approval') {
        state.announcement.decision = decideAfterNotices(
          state.notices ?? emptyFanoutTotals(),
          requests,
          policy,
        );
      } else if (noticesDone) decideAfter();
      // While the notices go out, the request waits for their totals.
      return state.announcement ?? null;
    },
    {
      validator: (_request: RequestAnnouncementInput) => {
        if (isFinal(state.phase)) refuse(`cannot ask for an announcement in phase ${state.phase}`);
        const status = state.announcement?.status;
        if (status === 'approved' || status === 'published' || status === 'archived')
          refuse(`an announcement is already ${status}`);
      },
    },
  );
  setHandler(
    approveAnnouncementUpdate,
    ({ by, note }) => {
      const a = state.announcement!;
      a.status = 'approved';
      a.approval = { by, at: now(), ...(note ? { note } : {}) };
      return a;
    },
    {
      validator: (_request: ApproveAnnouncementInput) => {
        const a = state.announcement;
        if (state.purgedAt) refuse('its personal data is purged; an announcement is no longer decided');
        if (!a) refuse('there is no announcement to approve');
        if (a?.status === 'proposed')
          refuse('the proposed announcement is approved with the notices (POST …/approve)');
        if (a?.status !== 'awaiting_approval') refuse(`the announcement is already ${a?.status}`);
      },
    },
  );

  // Only an approved announcement not yet up starts at version 1; later versions come from supplements.
  const nextVersion = (a: AnnouncementState | undefined) =>
    a?.status === 'approved' ? 1 : a?.status === 'published' ? a.pendingVersion : undefined;
  const workToDo = () => pendingAudit.length > 0 || nextVersion(state.announcement) !== undefined;

  async function runAnnouncement(): Promise<void> {
    for (;;) {
      await publisher.flushAudit();
      const a = state.announcement;
      const version = nextVersion(a);
      if (a && version !== undefined) {
        await publisher.publish(a, version);
      } else if (a?.status === 'published') {
        // The posting period is a durable timer: it fires after closing, during the retention wait too.
        const remaining = Math.max(Date.parse(a.expiresAt!) - Date.now(), 0);
        if (!(await condition(workToDo, remaining))) await publisher.archive(a);
      } else if (finished) {
        return;
      } else {
        await condition(() => workToDo() || finished);
      }
    }
  }

  return track;
}
