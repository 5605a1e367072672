// The dry run before approval: what approving would send, cost and take, from counts only. The sample
// notices are written for a made-up person, so no one affected appears in the preview.
import { createHash } from 'node:crypto';
import { defaultNoticePolicy, NOTICE_CHANNELS, perChannel, type NoticeChannel } from '../domain/fallback.js';
import { DEFAULT_NOTICE_LOCALE, noticeWriter, smsEncoding, smsSegments } from '../domain/notice/index.js';
import { noticeIncident } from '../domain/notice/incident-notice.js';
import { summariseObligations } from '../domain/obligations/engine.js';
import { planSends, sendCostsUsd, sendSeconds, type PlannedSends } from '../domain/preview/planned-sends.js';
import type { ChannelSettings } from '../platform/channel-config.js';
import type { IncidentRecord } from '../store/ledger.js';
import type { ReachGroups } from '../store/reach-groups.js';
import { incidentObligations } from '../workflows/incident-obligations.js';
import type { IncidentState } from '../workflows/incident-messages.js';
import { previewStale } from './errors.js';
import { announcementView } from './announcement-view.js';
import { incidentTranslations } from './incident-view.js';
import {
  approveIncident,
  loadIncident,
  queryIncidentState,
  workflowInputFor,
  type IncidentDeps,
} from './incidents.js';

export type PreviewChannels = Pick<ChannelSettings, 'channels' | 'limits' | 'noticeBaseUrl'> &
  Partial<Pick<ChannelSettings, 'fanout'>>;

/** Who the sample notices are addressed to: nobody real. */
export const SAMPLE_PERSON = { name: 'Alex Sample' } as const;

/** The notices are version 1 until approval; follow-ups have their own route. */
const NOTICE_VERSION = 1;

function configuredChannels(channels: PreviewChannels): Set<NoticeChannel> {
  return new Set(NOTICE_CHANNELS.filter((c) => channels.channels[c] !== undefined));
}

/**
 * What the approver approves: the affected set as counted, the policy and the planned sends. The same
 * hash at approval time means nobody was added, removed or changed since the preview.
 */
export function previewHash(
  incidentId: string,
  reach: ReachGroups,
  policy: unknown,
  plan: PlannedSends,
): string {
  const seen = { incidentId, groups: reach.groups, lastChangedAt: reach.lastChangedAt, policy, plan };
  return createHash('sha256').update(JSON.stringify(seen)).digest('hex');
}

interface Planned {
  incident: IncidentRecord;
  reach: ReachGroups;
  plan: PlannedSends;
  policy: ReturnType<typeof defaultNoticePolicy>;
  hash: string;
}

export async function plannedNotices(
  deps: IncidentDeps,
  channels: PreviewChannels,
  id: string,
): Promise<Planned> {
  const incident = await loadIncident(deps, id);
  const reach = await deps.ledger.reachGroups(id);
  // The order the worker will use (NOTICE_ORDER_*), read from the same settings.
  const policy = defaultNoticePolicy(incident.facts.severity, channels.fanout?.orders);
  const plan = planSends(policy, reach.groups, configuredChannels(channels), DEFAULT_NOTICE_LOCALE);
  return { incident, reach, plan, policy, hash: previewHash(id, reach, policy, plan) };
}

function samples(incident: IncidentRecord, channels: PreviewChannels, plan: PlannedSends) {
  const write = noticeWriter({ incident: noticeIncident(incident.facts), noticeVersion: NOTICE_VERSION });
  const noticeUrl = `${channels.noticeBaseUrl}/n/sample-notice-link`;
  return Object.entries(plan.byLocale).map(([locale, sends]) => {
    const n = write({ locale, person: { ...SAMPLE_PERSON }, noticeUrl });
    return {
      locale,
      ...(sends.email > 0
        ? { email: { subject: n.email.subject, html: n.email.html, text: n.email.text } }
        : {}),
      ...(sends.sms > 0
        ? { sms: { text: n.sms, segments: smsSegments(n.sms), encoding: smsEncoding(n.sms) } }
        : {}),
      ...(sends.push > 0 ? { push: n.push } : {}),
    };
  });
}

function announcementOf(state: IncidentState | undefined) {
  const a = state?.announcement;
  if (!a) {
    return {
      triggered: false,
      why: state
        ? 'No announcement is proposed: no threshold or statute calls for one before the notices'
        : 'The incident workflow did not answer; whether an announcement is due is unknown',
    };
  }
  return {
    triggered: a.decision.announce,
    why: a.decision.reasons.map((r) => r.detail).join('; ') || 'proposed',
    status: a.status,
    stage: a.stage,
    reasons: a.decision.reasons,
    skipIndividualNotices: a.decision.skipIndividualNotices,
  };
}

export async function incidentPreview(deps: IncidentDeps, channels: PreviewChannels, id: string) {
  const { incident, plan, policy, hash } = await plannedNotices(deps, channels, id);
  const state = await queryIncidentState(deps, id);
  const costs = {
    email: deps.config.NOTICE_COST_EMAIL_USD,
    sms: deps.config.NOTICE_COST_SMS_USD,
    push: deps.config.NOTICE_COST_PUSH_USD,
    letter: deps.config.NOTICE_COST_LETTER_USD,
    voice: deps.config.NOTICE_COST_VOICE_USD,
  };
  const cost = sendCostsUsd(plan.sends, costs);
  const obligations = state
    ? incidentObligations(
        workflowInputFor(deps, incident, incident.createdBy),
        state,
        new Date().toISOString(),
      )
    : [];
  const limits = channels.limits;
  const seconds = sendSeconds(
    plan.sends,
    perChannel((c) => limits[c].ratePerSecond),
  );
  return {
    id,
    phase: state?.phase ?? incident.phase,
    previewHash: hash,
    noticeVersion: NOTICE_VERSION,
    policy,
    people: plan.people,
    channels: NOTICE_CHANNELS.map((c) => ({
      channel: c,
      configured: channels.channels[c] !== undefined,
      sends: plan.sends[c],
      costUsd: cost[c],
      seconds: seconds[c],
      concurrency: limits[c].concurrency,
      ratePerSecond: limits[c].ratePerSecond ?? null,
    })),
    byLocale: plan.byLocale,
    totalCostUsd: cost.total,
    estimatedSeconds: seconds.total,
    missing: {
      unreachable: plan.unreachable,
      judgements: summariseObligations(obligations).judgementsNeeded,
    },
    obligations: obligations.map((o) => ({
      id: o.id,
      regime: o.regime,
      kind: o.kind,
      recipient: o.recipient,
      status: o.status,
      dueAt: o.dueAt,
    })),
    announcement: announcementOf(state),
    samples: samples(incident, channels, plan),
  };
}

/** 409 `preview_stale` when what approving would send is no longer what the approver saw. */
export async function requireFreshPreview(
  deps: IncidentDeps,
  channels: PreviewChannels,
  id: string,
  seen: string,
): Promise<void> {
  const { hash } = await plannedNotices(deps, channels, id);
  if (hash !== seen) throw previewStale();
}

/** Approves the notices, after checking the approver saw the people as they are now (`previewHash`). */
export async function approveIncidentAsSeen(
  deps: IncidentDeps,
  preview: PreviewChannels,
  id: string,
  by: string,
  body: { note?: string; previewHash?: string } | undefined,
) {
  if (body?.previewHash) await requireFreshPreview(deps, preview, id, body.previewHash);
  const state = await approveIncident(deps, id, by, body?.note);
  const incident = await loadIncident(deps, id);
  return {
    id,
    phase: state.phase,
    approval: state.approval,
    ...(state.announcement ? { announcement: announcementView(state.announcement) } : {}),
    translations: incidentTranslations(incident, state.assessment),
  };
}
