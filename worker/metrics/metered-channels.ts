// Counts every provider call as it passes: how long it took and what the provider answered. Wraps the
// channels the worker built, so the fan-out's own code stays as it is.
import type { Channels, SendResult } from '../../activities/channels/index.js';
import type { NoticeChannel } from '../../domain/fallback.js';
import { codeLabel, type WorkerMetrics } from './worker-metrics.js';

type Sender = { send(items: readonly never[]): Promise<SendResult[]> };

function metered<C extends Sender>(channel: NoticeChannel, inner: C, metrics: WorkerMetrics): C {
  const send = async (items: readonly never[]): Promise<SendResult[]> => {
    const stop = metrics.sendDuration.startTimer({ channel });
    try {
      const results = await inner.send(items);
      stop();
      for (const r of results) {
        metrics.noticeSends.inc({ channel, outcome: r.outcome });
        if (r.outcome !== 'accepted') {
          metrics.providerErrors.inc({ channel, class: r.outcome, code: codeLabel(r.code) });
        }
      }
      return results;
    } catch (err) {
      stop();
      metrics.noticeSends.inc({ channel, outcome: 'error' }, items.length);
      metrics.providerErrors.inc({
        channel,
        class: 'exception',
        code: codeLabel((err as { code?: string }).code),
      });
      throw err;
    }
  };
  // Keep the channel's other members (name, reportsStatus) and its `this`.
  return Object.assign(Object.create(inner) as C, { send });
}

export function meteredChannels(channels: Channels, metrics: WorkerMetrics): Channels {
  return {
    ...(channels.email
      ? { email: metered('email', channels.email as Sender, metrics) as Channels['email'] }
      : {}),
    ...(channels.sms ? { sms: metered('sms', channels.sms as Sender, metrics) as Channels['sms'] } : {}),
    ...(channels.push ? { push: metered('push', channels.push as Sender, metrics) as Channels['push'] } : {}),
    close: () => channels.close(),
  };
}
