// Record: what the provider answered goes into the ledger before the page counts it, so a retry
// claims only what is still unsent. On the last allowed attempt a retryable failure counts as
// permanent, so the person falls through to the next channel instead of waiting forever.
import { personOutcome, type NoticeChannel, type NoticePolicy } from '../../domain/fallback.js';
import type { DeliveryKey, DeliveryOutcome, Ledger, StoredAffectedUser } from '../../store/ledger.js';
import type { SendResult } from '../channels/index.js';
import type { ChannelStates, PageProgress } from './progress.js';
import type { UnitOutcomes } from './send.js';

/** Writes one delivery's outcome (the OutcomeWriter, which gathers them into few transactions). */
export interface OutcomeRecorder {
  record(key: DeliveryKey, outcome: DeliveryOutcome): Promise<unknown>;
}

export interface PageRecordInput {
  outcomes: OutcomeRecorder;
  ledger: Pick<Ledger, 'markPushTokenDead'>;
  progress: PageProgress;
  incidentId: string;
  noticeVersion: number;
  /** This is the page's last allowed attempt. */
  lastAttempt: boolean;
}

/** Records one page's sends on one channel, and reports each to the page's progress. */
export class ChannelRecord implements UnitOutcomes {
  constructor(
    private readonly page: PageRecordInput,
    private readonly channel: NoticeChannel,
  ) {}

  async answered(unit: readonly StoredAffectedUser[], results: readonly SendResult[]): Promise<void> {
    const byKey = new Map(unit.map((p) => [p.userId, p]));
    await Promise.all(results.map((r) => this.result(byKey.get(r.key)!, r)));
  }

  async givenBack(unit: readonly StoredAffectedUser[], errorCode: string, err: unknown): Promise<void> {
    await Promise.all(
      unit.map((p) =>
        this.page.outcomes.record(this.key(p), {
          status: 'failed_retryable',
          errorCode,
          errorMessage: String(err),
        }),
      ),
    );
  }

  private key(p: StoredAffectedUser): DeliveryKey {
    const { incidentId, noticeVersion } = this.page;
    return { incidentId, userId: p.userId, channel: this.channel, noticeVersion };
  }

  private async result(p: StoredAffectedUser, r: SendResult): Promise<void> {
    const { outcomes, progress } = this.page;
    const channel = this.channel;
    if (r.outcome === 'accepted') {
      await outcomes.record(this.key(p), {
        status: 'accepted',
        providerId: r.providerId ?? `${channel}:${p.userId}`,
        ...(r.contentHash ? { contentHash: r.contentHash } : {}),
        ...(r.expectedDeliveryDate ? { expectedDeliveryDate: r.expectedDeliveryDate } : {}),
      });
      progress.sent(p, channel);
    } else if (r.outcome === 'permanent' || this.page.lastAttempt) {
      const code = r.outcome === 'permanent' ? r.code : `RETRIES_EXHAUSTED:${r.code ?? ''}`;
      await outcomes.record(this.key(p), {
        status: 'failed_permanent',
        ...(code ? { errorCode: code } : {}),
        ...(r.message ? { errorMessage: r.message } : {}),
      });
      if (r.deadToken) await this.page.ledger.markPushTokenDead(this.page.incidentId, p.userId);
      progress.failed(p, channel, `${channel} failed permanently${r.code ? ` (${r.code})` : ''}`);
    } else {
      await outcomes.record(this.key(p), {
        status: 'failed_retryable',
        ...(r.code ? { errorCode: r.code } : {}),
        ...(r.message ? { errorMessage: r.message } : {}),
      });
      progress.retry(p, channel, r.retryAfterMs);
    }
  }
}

export interface PeopleDecided {
  reached: number;
  pending: number;
  unreachable: number;
}

/**
 * Reached, still pending or unreachable, per person. No channel could reach the unreachable: every
 * channel of the policy is marked unreachable with its own reason, which the announcement
 * (substitute notice) counts and lists.
 */
export async function recordPeopleDecided(
  outcomes: OutcomeRecorder,
  policy: NoticePolicy,
  people: readonly StoredAffectedUser[],
  statesOf: (p: StoredAffectedUser) => ChannelStates,
  at: { incidentId: string; noticeVersion: number },
): Promise<PeopleDecided> {
  let reached = 0;
  let pending = 0;
  const unreachable: Array<{ p: StoredAffectedUser; reasons: Partial<Record<NoticeChannel, string>> }> = [];
  for (const p of people) {
    const o = personOutcome(policy, statesOf(p));
    if (o.reached) reached++;
    if (o.pending) pending++;
    if (o.unreachable) unreachable.push({ p, reasons: o.unreachable });
  }
  await Promise.all(
    unreachable.flatMap(({ p, reasons }) =>
      (Object.entries(reasons) as Array<[NoticeChannel, string]>).map(([channel, reason]) =>
        outcomes.record({ ...at, userId: p.userId, channel }, { status: 'unreachable', reason }),
      ),
    ),
  );
  return { reached, pending, unreachable: unreachable.length };
}
