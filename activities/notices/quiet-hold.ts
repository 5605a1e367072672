// Quiet hours at the page: of the people just claimed on a channel that rings their phone, those in
// their local quiet hours go back to the ledger as `scheduled` until the hours end; the fan-out
// workflow sleeps until then and walks the lane again, when the claim takes them (claimDue).
import type { NoticeChannel } from '../../domain/fallback.js';
import { heldInQuietHours, quietUntil, type QuietHours } from '../../domain/quiet/quiet-hours.js';
import type { Ledger, StoredAffectedUser } from '../../store/ledger.js';
import type { PageProgress } from './progress.js';

export interface QuietHold {
  ledger: Pick<Ledger, 'scheduleDeliveries'>;
  quietHours: QuietHours | undefined;
  nowMs: number;
  progress: PageProgress;
}

/** The people to send to now; the others are scheduled for the end of their quiet hours. */
export async function holdForQuietHours(
  h: QuietHold,
  at: { incidentId: string; channel: NoticeChannel; noticeVersion: number },
  people: StoredAffectedUser[],
): Promise<StoredAffectedUser[]> {
  if (!h.quietHours || !heldInQuietHours(at.channel)) return people;
  const now: StoredAffectedUser[] = [];
  const held = new Map<number, StoredAffectedUser[]>();
  for (const p of people) {
    const until = quietUntil(h.quietHours, p, h.nowMs);
    if (until === undefined) now.push(p);
    else held.set(until, [...(held.get(until) ?? []), p]);
  }
  for (const [until, group] of held) {
    await h.ledger.scheduleDeliveries(
      at,
      group.map((p) => p.userId),
      new Date(until).toISOString(),
    );
    for (const p of group) h.progress.wait(p, at.channel, until);
  }
  return now;
}
