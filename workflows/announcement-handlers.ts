// What people may ask of the announcement while the incident runs: ask for one (a responder's request
// joins the decision), and approve one decided after the notices. Refusals name the reason (HTTP 409).
import { setHandler } from '@temporalio/workflow';
import { decideAfterNotices } from '../domain/announcement/decision.js';
import { emptyFanoutTotals } from '../domain/fallback.js';
import { isFinal } from '../domain/phases.js';
import {
  approveAnnouncementUpdate,
  requestAnnouncementUpdate,
  type ApproveAnnouncementInput,
  type RequestAnnouncementInput,
} from './announcement-messages.js';
import {
  BEFORE_APPROVAL,
  decideAfter,
  now,
  propose,
  refuse,
  type TrackContext,
} from './announcement-track.js';

function requestAnnouncementHandler(ctx: TrackContext): void {
  const { state } = ctx;
  setHandler(
    requestAnnouncementUpdate,
    ({ by, reason }) => {
      ctx.requests.push({ by, reason, at: now() });
      if (BEFORE_APPROVAL.includes(state.phase)) propose(ctx);
      else if (state.announcement?.status === 'awaiting_approval') {
        state.announcement.decision = decideAfterNotices(
          state.notices ?? emptyFanoutTotals(),
          ctx.requests,
          ctx.policy,
        );
      } else if (ctx.noticesDone) decideAfter(ctx);
      // While the notices go out, the request waits for their totals.
      return state.announcement ?? null;
    },
    {
      validator: (_request: RequestAnnouncementInput) => {
        if (isFinal(state.phase)) refuse(ctx, `cannot ask for an announcement in phase ${state.phase}`);
        const status = state.announcement?.status;
        if (status === 'approved' || status === 'published' || status === 'archived')
          refuse(ctx, `an announcement is already ${status}`);
      },
    },
  );
}

function approveAnnouncementHandler(ctx: TrackContext): void {
  const { state } = ctx;
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
        if (state.purgedAt) refuse(ctx, 'its personal data is purged; an announcement is no longer decided');
        if (!a) refuse(ctx, 'there is no announcement to approve');
        if (a?.status === 'proposed')
          refuse(ctx, 'the proposed announcement is approved with the notices (POST …/approve)');
        if (a?.status !== 'awaiting_approval') refuse(ctx, `the announcement is already ${a?.status}`);
      },
    },
  );
}

export function announcementHandlers(ctx: TrackContext): void {
  requestAnnouncementHandler(ctx);
  approveAnnouncementHandler(ctx);
}
