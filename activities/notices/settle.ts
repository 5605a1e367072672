// Settle: after every lane of an `all` fan-out is through, decide per person from the ledger who was
// reached and who no channel could reach (recorded with the reasons). People are counted here,
// once; the lanes count only their pages and sends.
import {
  addressFor,
  emptyFanoutTotals,
  type ChannelState,
  type FanoutTotals,
  type NoticeChannel,
  type NoticePolicy,
} from '../../domain/fallback.js';
import type { DeliveryRecord, Ledger, StoredAffectedUser } from '../../store/ledger.js';
import type { Channels } from '../channels/index.js';
import type { NoticeActivityContext } from './activity-context.js';
import type { ChannelStates } from './progress.js';
import { recordPeopleDecided, type OutcomeRecorder } from './record.js';

export interface SettleNoticePagesInput {
  incidentId: string;
  noticeVersion: number;
  policy: NoticePolicy;
  pageSize: number;
}

export interface NoticeSettling {
  ledger: Pick<Ledger, 'pageAffectedUsers' | 'deliveriesOf'>;
  channels: Omit<Channels, 'close'>;
  outcomes: OutcomeRecorder;
}

/** What the ledger says a channel did for a person, once its lane has finished. */
export function ledgerState(
  channels: Omit<Channels, 'close'>,
  p: StoredAffectedUser,
  channel: NoticeChannel,
  row?: DeliveryRecord,
): ChannelState {
  if (row) {
    switch (row.status) {
      case 'accepted':
      case 'delivered':
        return { kind: 'sent' };
      case 'failed_permanent':
        return {
          kind: 'failed',
          reason: `${channel} failed permanently${row.errorCode ? ` (${row.errorCode})` : ''}`,
        };
      case 'unreachable':
        return { kind: 'failed', reason: row.errorMessage ?? `${channel} unreachable` };
      case 'scheduled':
        return { kind: 'waiting' };
      default:
        return { kind: 'pending' };
    }
  }
  if (!channels[channel]) return { kind: 'failed', reason: `${channel} is not configured` };
  const a = addressFor(p, channel);
  // An address without a row: the lane has not been there (yet); decide nothing.
  return 'missing' in a ? { kind: 'failed', reason: a.missing } : { kind: 'pending' };
}

/** A page of people's deliveries, by person and channel. */
async function deliveriesByPerson(
  ledger: NoticeSettling['ledger'],
  input: SettleNoticePagesInput,
  people: readonly StoredAffectedUser[],
): Promise<Map<string, Partial<Record<NoticeChannel, DeliveryRecord>>>> {
  const rows = new Map<string, Partial<Record<NoticeChannel, DeliveryRecord>>>();
  const userIds = people.map((p) => p.userId);
  for (const r of await ledger.deliveriesOf(input.incidentId, input.noticeVersion, userIds)) {
    const own = rows.get(r.userId) ?? {};
    own[r.channel] = r;
    rows.set(r.userId, own);
  }
  return rows;
}

/**
 * Page by page through the affected set. A retry resumes after the last page its heartbeat
 * reported, with the counts so far.
 */
export async function settleNoticePages(
  s: NoticeSettling,
  input: SettleNoticePagesInput,
  activity: NoticeActivityContext,
): Promise<FanoutTotals> {
  const { incidentId, noticeVersion, policy } = input;
  const resume = activity.heartbeatDetails as { after?: string; totals: FanoutTotals } | undefined;
  const totals = resume?.totals ?? emptyFanoutTotals();
  let after = resume?.after;
  for (;;) {
    activity.signal.throwIfAborted();
    const people = await s.ledger.pageAffectedUsers(incidentId, {
      ...(after !== undefined ? { afterUserId: after } : {}),
      limit: input.pageSize,
    });
    if (people.length === 0) break;
    const rows = await deliveriesByPerson(s.ledger, input, people);
    const statesOf = (p: StoredAffectedUser) =>
      Object.fromEntries(
        policy.order.map((c) => [c, ledgerState(s.channels, p, c, rows.get(p.userId)?.[c])]),
      ) as ChannelStates;
    const decided = await recordPeopleDecided(s.outcomes, policy, people, statesOf, {
      incidentId,
      noticeVersion,
    });
    totals.people += people.length;
    totals.reached += decided.reached;
    totals.unreachable += decided.unreachable;
    after = people[people.length - 1]!.userId;
    activity.heartbeat({ after, totals });
    if (people.length < input.pageSize) break;
  }
  return totals;
}
