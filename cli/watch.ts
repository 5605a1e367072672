// `breach watch`: a progress bar per channel and the next deadlines counting down, until the
// notices are out; then the incident as `breach status` shows it.
import { setTimeout as sleep } from 'node:timers/promises';
import cliProgress from 'cli-progress';
import type { BreachClient, Json } from './client.js';
import { NOTICE_CHANNELS, type NoticeChannel } from '../domain/fallback.js';
import { noticesUnderWay } from './incident-lines.js';
import { countdown } from './output.js';

export interface WatchOptions {
  intervalMs: number;
  /** Gives up after this long (0: never). */
  timeoutMs: number;
}

function channelCounts(view: Json, channel: NoticeChannel) {
  const c = view.notices?.[channel] ?? {};
  const done = (c.sent ?? 0) + (c.failed ?? 0);
  return { done, total: done + (c.pending ?? 0), delivered: c.delivered ?? 0, failed: c.failed ?? 0 };
}

function nextDeadlines(view: Json, now: number): string {
  const due = (view.obligations ?? [])
    .filter((o: Json) => o.dueAt && (o.status === 'due' || o.status === 'overdue'))
    .sort((x: Json, y: Json) => Date.parse(x.dueAt) - Date.parse(y.dueAt))
    .slice(0, 3)
    .map((o: Json) => `${o.regime} ${o.kind} ${countdown(o.dueAt, now)}`);
  return due.length ? due.join(' · ') : 'no deadline open';
}

/** Polls the incident until its notices are out; the bars go to stderr, so stdout stays the answer. */
export async function watchIncident(client: BreachClient, id: string, opts: WatchOptions): Promise<Json> {
  const bars = new cliProgress.MultiBar(
    {
      stream: process.stderr,
      format: ' {label} |{bar}| {value}/{total} {detail}',
      hideCursor: true,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  );
  const perChannel = Object.fromEntries(
    NOTICE_CHANNELS.map((c) => [c, bars.create(0, 0, { label: c.padEnd(9), detail: '' })]),
  );
  const deadlines = bars.create(1, 0, { label: 'deadlines', detail: '' }, { format: ' {label} {detail}' });
  const started = Date.now();
  try {
    for (;;) {
      const view = await client.get(`/v1/incidents/${encodeURIComponent(id)}`);
      for (const c of NOTICE_CHANNELS) {
        const n = channelCounts(view, c);
        perChannel[c]!.setTotal(n.total);
        perChannel[c]!.update(n.done, { detail: `delivered ${n.delivered}, failed ${n.failed}` });
      }
      deadlines.update(0, { detail: `${nextDeadlines(view, Date.now())} · phase ${view.phase}` });
      if (!noticesUnderWay(view.phase) && (view.notices === undefined || noneLeft(view))) return view;
      if (opts.timeoutMs > 0 && Date.now() - started > opts.timeoutMs) return view;
      await sleep(opts.intervalMs);
    }
  } finally {
    bars.stop();
  }
}

function noneLeft(view: Json): boolean {
  return NOTICE_CHANNELS.every((c) => (view.notices?.[c]?.pending ?? 0) === 0);
}
