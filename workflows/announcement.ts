// The incident's public announcement, driven from the incident workflow: proposed with the notices (and
// approved with them), or decided after them (approved on its own); published, re-published with every
// supplement while it is up, and archived once its posting period has run out, even after closing.
import { condition } from '@temporalio/workflow';
import { DEFAULT_ANNOUNCEMENT_POLICY } from '../domain/announcement/decision.js';
import type { FanoutTotals } from '../domain/fallback.js';
import type { AnnouncementState } from './announcement-messages.js';
import { announcementHandlers } from './announcement-handlers.js';
import { announcementPublisher, type PendingAudit } from './announcement-publication.js';
import {
  decideAfter,
  propose,
  recordDecision,
  supplement,
  widen,
  type TrackContext,
} from './announcement-track.js';
import type { Decision, IncidentState, IncidentWorkflowInput } from './incident-messages.js';

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

// Only an approved announcement not yet up starts at version 1; later versions come from supplements.
const nextVersion = (a: AnnouncementState | undefined) =>
  a?.status === 'approved' ? 1 : a?.status === 'published' ? a.pendingVersion : undefined;

async function runAnnouncement(ctx: TrackContext): Promise<void> {
  const { state, publisher } = ctx;
  const workToDo = () => ctx.pendingAudit.length > 0 || nextVersion(state.announcement) !== undefined;
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
    } else if (ctx.finished) {
      return;
    } else {
      await condition(() => workToDo() || ctx.finished);
    }
  }
}

function approveWithNotices(ctx: TrackContext, approval: Decision): void {
  propose(ctx);
  const a = ctx.state.announcement;
  if (a?.status !== 'proposed') return;
  a.status = 'approved';
  a.approval = { by: approval.by, at: approval.at, ...(approval.note ? { note: approval.note } : {}) };
  recordDecision(ctx, a, approval.by);
}

export function announcementTrack(input: IncidentWorkflowInput, state: IncidentState): AnnouncementTrack {
  const pendingAudit: PendingAudit[] = [];
  const ctx: TrackContext = {
    input,
    state,
    policy: input.announcement ?? DEFAULT_ANNOUNCEMENT_POLICY,
    requests: [],
    pendingAudit,
    publisher: announcementPublisher(input.incidentId, pendingAudit),
    noticesDone: false,
    finished: false,
  };
  announcementHandlers(ctx);
  return {
    propose: () => propose(ctx),
    approveWithNotices: (approval) => approveWithNotices(ctx, approval),
    replacesEveryone: () =>
      state.announcement?.stage === 'with_notices' &&
      state.announcement.status !== 'proposed' &&
      state.announcement.decision.skipIndividualNotices === 'everyone',
    afterNotices() {
      ctx.noticesDone = true;
      if (!state.announcement) decideAfter(ctx);
      else if (state.announcement.status !== 'proposed') widen(ctx, state.announcement);
    },
    supplemented: () => supplement(ctx),
    run: () => runAnnouncement(ctx),
    finish() {
      ctx.finished = true;
    },
  };
}
