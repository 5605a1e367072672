// The bench's ceiling: a bare loop sending the run's notices through one channel's SDK, as fast as
// the channel's configured concurrency allows. Shared by `npm run bench` and `npm run bench:pages`.
import { randomUUID } from 'node:crypto';
import type { Channels, SendResult } from '../activities/channels/index.js';
import { noticeLink } from '../activities/notices.js';
import { sealDeliveryRef } from '../domain/delivery-ref.js';
import { noticeWriter } from '../domain/notice/index.js';
import { noticePerson } from '../domain/notice/incident-notice.js';
import type { ChannelSettings } from '../platform/channel-config.js';
import type { NoticeChannel } from '../domain/fallback.js';
import { BENCH_INCIDENT, benchPerson } from './harness.js';

/**
 * The notices the run sends, written as the worker writes them: the harness's incident, people
 * made as the run's are (names, the run's mix of languages) and signed links of the same length.
 */
export function sampleNotices(settings: ChannelSettings, count: number) {
  const write = noticeWriter({ incident: BENCH_INCIDENT, noticeVersion: 1 });
  return Array.from({ length: count }, (_, i) => {
    const person = benchPerson(i, () => 1);
    const incidentId = randomUUID();
    const link = noticeLink(settings, incidentId, { linkRef: i + 1 }, 1);
    const notice = write({ locale: person.locale, person: noticePerson(person), noticeUrl: link });
    const callbackRef = sealDeliveryRef(
      { incidentId, userId: person.userId, channel: 'sms', noticeVersion: 1 },
      settings.linkSecret,
    );
    return { notice, link, callbackRef };
  });
}

/** Sends `count` notices through one channel as fast as its configured concurrency allows. */
export async function ceiling(
  channels: Channels,
  samples: ReturnType<typeof sampleNotices>,
  channel: NoticeChannel,
  count: number,
  started = Date.now(),
): Promise<number> {
  const chunk = 1000;
  let accepted = 0;
  for (let i = 0; i < count; i += chunk) {
    const ids = Array.from({ length: Math.min(chunk, count - i) }, (_, j) => i + j);
    let results: SendResult[];
    if (channel === 'email') {
      results = await channels.email!.send(
        ids.map((k) => {
          const s = samples[k % samples.length]!;
          return {
            key: String(k),
            to: `ceiling${k}@example.com`,
            ...s.notice.email,
            messageId: `<ceiling.${k}.${started}@acme.example>`,
          };
        }),
      );
    } else if (channel === 'sms') {
      results = await channels.sms!.send(
        ids.map((k) => ({
          key: String(k),
          to: `+1666${String(k).padStart(7, '0')}`,
          body: samples[k % samples.length]!.notice.sms,
          callbackRef: samples[k % samples.length]!.callbackRef,
        })),
      );
    } else {
      results = await channels.push!.send(
        ids.map((k) => ({
          key: String(k),
          token: `ceiling-${k}`,
          ...samples[k % samples.length]!.notice.push,
          link: samples[k % samples.length]!.link,
          data: { incidentId: 'ceiling', noticeVersion: '1' },
        })),
      );
    }
    accepted += results.filter((r) => r.outcome === 'accepted').length;
  }
  if (accepted !== count) throw new Error(`${channel} ceiling: ${accepted} of ${count} accepted`);
  return count / ((Date.now() - started) / 1000);
}
