// Claiming sends: before a worker sends to someone on a channel, it claims that delivery, so two
// workers (or a retried activity) never both send. One statement per step for a whole page.
import { sql, type Kysely } from 'kysely';
import type { NoticeChannel } from '../domain/fallback.js';
import { statusOneOf, type ClaimOptions, type ClaimResult, type DeliveryStatus } from './deliveries.js';
import type { LedgerDatabase } from './schema.js';
import { chunks, nowIso, SqlRepository } from './sql-repository.js';

export interface ClaimBatch {
  incidentId: string;
  channel: NoticeChannel;
  noticeVersion: number;
}

export interface DeliveryClaims {
  /** One statement per step for a whole page of one channel; results follow `userIds` order. */
  claimDeliveries(batch: ClaimBatch, userIds: readonly string[], opts?: ClaimOptions): Promise<ClaimResult[]>;
}

const ALREADY: Record<DeliveryStatus, ClaimResult> = {
  accepted: 'already_accepted',
  delivered: 'already_accepted',
  claimed: 'already_claimed',
  failed_permanent: 'already_failed',
  unreachable: 'already_unreachable',
  failed_retryable: 'already_claimed',
  scheduled: 'already_scheduled',
};

type Results = Map<string, ClaimResult>;

/** What every step of one claim shares: its transaction, the page's channel and version, its clock. */
interface Claim {
  trx: Kysely<LedgerDatabase>;
  batch: ClaimBatch;
  now: string;
  results: Results;
}

export class SqlDeliveryClaims extends SqlRepository implements DeliveryClaims {
  async claimDeliveries(
    batch: ClaimBatch,
    userIds: readonly string[],
    opts: ClaimOptions = {},
  ): Promise<ClaimResult[]> {
    const now = opts.now ?? nowIso();
    const results: Results = new Map();
    // One order for every claimer, so two workers claiming overlapping pages cannot deadlock.
    const unique = [...new Set(userIds)].sort();
    await this.write(async (trx) => {
      const c: Claim = { trx, batch, now, results };
      for (const ids of chunks(unique)) {
        // Each step takes the people the steps before it left undecided.
        let rest = await this.claimNew(c, ids);
        if (rest.length) rest = await this.retryFailed(c, rest);
        if (rest.length) rest = await this.claimDue(c, rest);
        if (rest.length && opts.reclaimAfterMs !== undefined)
          rest = await this.reclaimStale(c, rest, opts.reclaimAfterMs);
        if (rest.length) await this.reportHeld(c, rest);
      }
    });
    return userIds.map((id) => results.get(id) ?? 'already_claimed');
  }

  /** People never tried on this channel and version: a new claimed row. */
  private async claimNew({ trx, batch, now, results }: Claim, ids: string[]): Promise<string[]> {
    const fresh = await trx
      .insertInto('deliveries')
      .values(
        ids.map((userId) => ({
          incident_id: batch.incidentId,
          user_id: userId,
          channel: batch.channel,
          notice_version: batch.noticeVersion,
          status: 'claimed',
          attempts: 1,
          claimed_at: now,
          updated_at: now,
        })),
      )
      .onConflict((oc) => oc.columns(['incident_id', 'user_id', 'channel', 'notice_version']).doNothing())
      .returning('user_id')
      .execute();
    return settle(ids, fresh, 'claimed', results);
  }

  /** A retryable failure is tried again. */
  private async retryFailed({ trx, batch, now, results }: Claim, ids: string[]): Promise<string[]> {
    const retried = await trx
      .updateTable('deliveries')
      .set({ status: 'claimed', attempts: sql<number>`attempts + 1`, claimed_at: now, updated_at: now })
      .where('incident_id', '=', batch.incidentId)
      .where('channel', '=', batch.channel)
      .where('notice_version', '=', batch.noticeVersion)
      .where('user_id', 'in', ids)
      .where(statusOneOf(['failed_retryable']))
      .returning('user_id')
      .execute();
    return settle(ids, retried, 'claimed', results);
  }

  /** A scheduled send whose time has come (quiet hours over, a call's retry due). */
  private async claimDue({ trx, batch, now, results }: Claim, ids: string[]): Promise<string[]> {
    const due = await trx
      .updateTable('deliveries')
      .set({ status: 'claimed', attempts: sql<number>`attempts + 1`, claimed_at: now, updated_at: now })
      .where('incident_id', '=', batch.incidentId)
      .where('channel', '=', batch.channel)
      .where('notice_version', '=', batch.noticeVersion)
      .where('user_id', 'in', ids)
      .where(statusOneOf(['scheduled']))
      .where((eb) => eb.or([eb('not_before', 'is', null), eb('not_before', '<=', now)]))
      .returning('user_id')
      .execute();
    return settle(ids, due, 'claimed', results);
  }

  /** A claim whose worker died before recording is taken over, and flagged as a possible duplicate. */
  private async reclaimStale(
    { trx, batch, now, results }: Claim,
    ids: string[],
    reclaimAfterMs: number,
  ): Promise<string[]> {
    const staleBefore = new Date(Date.parse(now) - reclaimAfterMs).toISOString();
    const reclaimed = await trx
      .updateTable('deliveries')
      .set({
        attempts: sql<number>`attempts + 1`,
        possible_duplicate: this.flavor.bool(true),
        claimed_at: now,
        updated_at: now,
      })
      .where('incident_id', '=', batch.incidentId)
      .where('channel', '=', batch.channel)
      .where('notice_version', '=', batch.noticeVersion)
      .where('user_id', 'in', ids)
      .where(statusOneOf(['claimed']))
      .where('claimed_at', '<', staleBefore)
      .returning('user_id')
      .execute();
    return settle(ids, reclaimed, 'reclaimed', results);
  }

  /** The rest are held by a status that forbids sending now: say which. */
  private async reportHeld({ trx, batch, results }: Claim, ids: string[]): Promise<void> {
    const held = await trx
      .selectFrom('deliveries')
      .select(['user_id', 'status'])
      .where('incident_id', '=', batch.incidentId)
      .where('channel', '=', batch.channel)
      .where('notice_version', '=', batch.noticeVersion)
      .where('user_id', 'in', ids)
      .execute();
    for (const r of held) results.set(r.user_id, ALREADY[r.status as DeliveryStatus]);
  }
}

/** Records `result` for the rows a step changed; returns the people still undecided. */
function settle(ids: string[], rows: { user_id: string }[], result: ClaimResult, results: Results): string[] {
  for (const r of rows) results.set(r.user_id, result);
  return ids.filter((id) => !results.has(id));
}
