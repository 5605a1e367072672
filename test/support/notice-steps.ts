// For unit tests of the notice steps (test/notices/*): an incident with a few people in a SQLite
// ledger, settings, and channels that answer as the test says instead of sending anywhere.
import type { SendResult } from '../../activities/channels/index.js';
import type { Channels } from '../../activities/channels/index.js';
import type { NoticeActivityContext } from '../../activities/notices/activity-context.js';
import type { AffectedUser } from '../../domain/affected-user.js';
import type { NoticeChannel } from '../../domain/fallback.js';
import type { ChannelSettings } from '../../platform/channel-config.js';
import type { StoredAffectedUser } from '../../store/ledger.js';
import { person, seedPeople } from './fanout-fixtures.js';
import { newIncident, openTestStore, type TestStore } from './stores.js';

export const stepSettings = {
  noticeBaseUrl: 'https://notify.acme.example',
  linkSecret: 'a-notice-link-secret-of-thirty-two-bytes-or-more',
  linkTtlDays: 30,
  emailDomain: 'acme.example',
  limits: {
    email: { concurrency: 4 },
    sms: { concurrency: 4 },
    push: { concurrency: 4 },
    letter: { concurrency: 4 },
    voice: { concurrency: 4 },
  },
  fanout: { pageSize: 50, window: 2, pagesPerRun: 10, reclaimAfterMs: 60_000, maxSendAttempts: 3 },
} satisfies Pick<
  ChannelSettings,
  'limits' | 'noticeBaseUrl' | 'linkSecret' | 'linkTtlDays' | 'emailDomain' | 'fanout'
>;

export interface StepRig {
  store: TestStore;
  incidentId: string;
  people: StoredAffectedUser[];
}

/** A SQLite ledger with one incident and `people` in it, read back as the steps read them. */
export async function stepRig(people: AffectedUser[]): Promise<StepRig> {
  const store = await openTestStore('sqlite');
  const incidentId = await newIncident(store.ledger);
  await seedPeople(store.ledger, incidentId, people);
  const stored = await store.ledger.pageAffectedUsers(incidentId, { limit: 1000 });
  return { store, incidentId, people: stored };
}

export { person };

/** An item a channel was asked to send, by channel. */
export interface SentItem {
  channel: NoticeChannel;
  key: string;
  item: Record<string, unknown>;
}

/**
 * Channels that answer each item with `answer` (accepted by default) and remember what they were
 * given; `only` leaves the other channels unconfigured.
 */
export function answeringChannels(
  answer: (channel: NoticeChannel, key: string) => Omit<SendResult, 'key'> = () => ({ outcome: 'accepted' }),
  only: readonly NoticeChannel[] = ['email', 'sms', 'push'],
): {
  channels: Omit<Channels, 'close'>;
  sent: SentItem[];
  calls: Array<{ channel: NoticeChannel; size: number }>;
} {
  const sent: SentItem[] = [];
  const calls: Array<{ channel: NoticeChannel; size: number }> = [];
  const channel = <N extends NoticeChannel>(name: N) => ({
    name,
    send: async (items: readonly { key: string }[]) => {
      calls.push({ channel: name, size: items.length });
      return items.map((item) => {
        sent.push({ channel: name, key: item.key, item: item as Record<string, unknown> });
        return { key: item.key, ...answer(name, item.key) };
      });
    },
  });
  const channels: Omit<Channels, 'close'> = {
    ...(only.includes('email') ? { email: channel('email') } : {}),
    ...(only.includes('sms') ? { sms: { ...channel('sms'), reportsStatus: true } } : {}),
    ...(only.includes('push') ? { push: channel('push') } : {}),
  };
  return { channels, sent, calls };
}

/**
 * An activity context of the test's own: its heartbeats are kept (copied, as Temporal serialises
 * them when sent), its signal aborts on demand.
 */
export function testActivity(attempt = 1, heartbeatDetails?: unknown) {
  const controller = new AbortController();
  const heartbeats: unknown[] = [];
  const activity: NoticeActivityContext = {
    attempt,
    heartbeatDetails: structuredClone(heartbeatDetails),
    signal: controller.signal,
    heartbeat: (d) => heartbeats.push(structuredClone(d)),
  };
  return { activity, heartbeats, abort: () => controller.abort() };
}
