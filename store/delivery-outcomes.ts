// What happened to sends: the worker's own records of acceptance and failure, and the provider's
// callbacks. A row never moves backwards (an acceptance after the delivery callback keeps delivered).
import { sql, type Kysely } from 'kysely';
import { redact } from '../domain/redaction.js';
import {
  deliveryByKey,
  statusOneOf,
  type DeliveryFilter,
  type DeliveryKey,
  type DeliveryOutcome,
  type DeliveryStatus,
} from './deliveries.js';
import type { LedgerDatabase } from './schema.js';
import { chunks, nowIso, SqlRepository } from './sql-repository.js';

export interface DeliveryOutcomes {
  /**
   * Records what happened to a page of sends in one transaction; results follow `items` order. Each is
   * the row's status afterwards (undefined when no such delivery exists and the outcome needs one).
   */
  recordDeliveryOutcomes(
    items: readonly { key: DeliveryKey; outcome: DeliveryOutcome }[],
  ): Promise<(DeliveryStatus | undefined)[]>;
  /**
   * For provider callbacks (Twilio's status callbacks) about the message `providerId`. With `key`
   * (the callback carried a sealed delivery reference) the delivery is found by its key, unless it
   * already names another message. Without it (messages sent before references were added) by the
   * provider's id alone, which no index covers: a scan of the deliveries.
   */
  recordProviderCallback(
    channel: 'sms' | 'letter' | 'voice',
    providerId: string,
    outcome: Exclude<DeliveryOutcome, { status: 'unreachable' }>,
    key?: DeliveryKey,
  ): Promise<DeliveryStatus | undefined>;
}

const ALLOWED_FROM: Record<DeliveryOutcome['status'], DeliveryStatus[]> = {
  accepted: ['claimed', 'failed_retryable'],
  // A callback may overtake the worker's own record of acceptance.
  delivered: ['claimed', 'accepted', 'failed_retryable'],
  failed_retryable: ['claimed'],
  // Bounces arrive after the provider accepted the message.
  failed_permanent: ['claimed', 'accepted', 'failed_retryable'],
  unreachable: ['claimed', 'failed_retryable', 'failed_permanent'],
};

export class SqlDeliveryOutcomes extends SqlRepository implements DeliveryOutcomes {
  private outcomeColumns(outcome: DeliveryOutcome, at: string) {
    switch (outcome.status) {
      case 'accepted':
        return {
          status: outcome.status,
          provider_id: outcome.providerId,
          accepted_at: at,
          updated_at: at,
          ...(outcome.contentHash ? { content_hash: outcome.contentHash } : {}),
          ...(outcome.expectedDeliveryDate ? { expected_delivery_date: outcome.expectedDeliveryDate } : {}),
        };
      case 'delivered':
        return { status: outcome.status, updated_at: at };
      case 'failed_retryable':
      case 'failed_permanent':
        return {
          status: outcome.status,
          error_code: outcome.errorCode ?? null,
          error_message: outcome.errorMessage === undefined ? null : redact(outcome.errorMessage),
          updated_at: at,
        };
      case 'unreachable':
        return { status: outcome.status, error_message: redact(outcome.reason), updated_at: at };
    }
  }

  private async applyOutcome(
    trx: Kysely<LedgerDatabase>,
    filter: DeliveryFilter,
    outcome: DeliveryOutcome,
  ): Promise<DeliveryStatus | undefined> {
    const at = outcome.at ?? nowIso();
    const updated = await trx
      .updateTable('deliveries')
      .set({
        ...this.outcomeColumns(outcome, at),
        ...(outcome.status === 'delivered'
          ? {
              provider_id: outcome.providerId ?? sql.ref<string | null>('provider_id'),
              accepted_at: sql<string>`coalesce(accepted_at, ${at})`,
            }
          : {}),
      })
      .where(filter)
      .where(statusOneOf(ALLOWED_FROM[outcome.status]))
      .returning('status')
      .executeTakeFirst();
    if (updated) return updated.status as DeliveryStatus;

    if (outcome.status === 'accepted') {
      // The provider's callback came first: keep its status, but remember the provider's id.
      await trx
        .updateTable('deliveries')
        .set({ provider_id: outcome.providerId, accepted_at: at })
        .where(filter)
        .where('provider_id', 'is', null)
        .execute();
    }
    return undefined;
  }

  private async currentStatus(trx: Kysely<LedgerDatabase>, filter: DeliveryFilter) {
    const r = await trx.selectFrom('deliveries').select('status').where(filter).executeTakeFirst();
    return r?.status as DeliveryStatus | undefined;
  }

  async recordDeliveryOutcomes(
    items: readonly { key: DeliveryKey; outcome: DeliveryOutcome }[],
  ): Promise<(DeliveryStatus | undefined)[]> {
    return this.write(async (trx) => {
      const out: (DeliveryStatus | undefined)[] = new Array(items.length);
      const done = await this.recordAcceptances(trx, items);
      for (const [i, { key, outcome }] of items.entries()) {
        out[i] = done.has(i) ? 'accepted' : await this.recordOne(trx, key, outcome);
      }
      return out;
    });
  }

  /**
   * Acceptances are most of what a fan-out records: those of one (incident, channel, notice version)
   * go in one statement per chunk. Returns the indexes applied; the rest (already delivered, a
   * callback that came first, ...) take the one-by-one path.
   */
  private async recordAcceptances(
    trx: Kysely<LedgerDatabase>,
    items: readonly { key: DeliveryKey; outcome: DeliveryOutcome }[],
  ): Promise<Set<number>> {
    const groups = new Map<string, Array<{ i: number; key: DeliveryKey; providerId: string }>>();
    const seen = new Set<string>();
    for (const [i, { key, outcome }] of items.entries()) {
      // Letters carry their PDF's hash and arrival date: the one-by-one path writes those too.
      if (outcome.status !== 'accepted' || outcome.at !== undefined || outcome.contentHash) continue;
      const person = `${key.incidentId}\u0000${key.channel}\u0000${key.noticeVersion}\u0000${key.userId}`;
      // The same key twice in one batch keeps the one-by-one path's order of effects.
      if (seen.has(person)) continue;
      seen.add(person);
      const group = `${key.incidentId}\u0000${key.channel}\u0000${key.noticeVersion}`;
      const list = groups.get(group) ?? [];
      list.push({ i, key, providerId: outcome.providerId });
      groups.set(group, list);
    }
    const applied = new Set<number>();
    const at = nowIso();
    for (const list of groups.values()) {
      const { incidentId, channel, noticeVersion } = list[0]!.key;
      for (const part of chunks(list, 200)) {
        const providerIds = sql<string>`case ${sql.ref('user_id')} ${sql.join(
          part.map((p) => sql`when ${p.key.userId} then ${p.providerId}`),
          sql` `,
        )} end`;
        const rows = await trx
          .updateTable('deliveries')
          .set({ status: 'accepted', provider_id: providerIds, accepted_at: at, updated_at: at })
          .where('incident_id', '=', incidentId)
          .where('channel', '=', channel)
          .where('notice_version', '=', noticeVersion)
          .where(
            'user_id',
            'in',
            part.map((p) => p.key.userId),
          )
          .where(statusOneOf(ALLOWED_FROM.accepted))
          .returning('user_id')
          .execute();
        const updated = new Set(rows.map((r) => r.user_id));
        for (const p of part) if (updated.has(p.key.userId)) applied.add(p.i);
      }
    }
    return applied;
  }

  private async recordOne(
    trx: Kysely<LedgerDatabase>,
    key: DeliveryKey,
    outcome: DeliveryOutcome,
  ): Promise<DeliveryStatus | undefined> {
    const byKey = deliveryByKey(key);
    const applied = await this.applyOutcome(trx, byKey, outcome);
    if (applied) return applied;
    if (outcome.status === 'unreachable') {
      // No claim is needed to say a channel cannot reach someone (no contact data).
      const at = outcome.at ?? nowIso();
      const inserted = await trx
        .insertInto('deliveries')
        .values({
          incident_id: key.incidentId,
          user_id: key.userId,
          channel: key.channel,
          notice_version: key.noticeVersion,
          status: 'unreachable',
          error_message: redact(outcome.reason),
          attempts: 0,
          updated_at: at,
        })
        .onConflict((oc) => oc.columns(['incident_id', 'user_id', 'channel', 'notice_version']).doNothing())
        .returning('status')
        .executeTakeFirst();
      if (inserted) return 'unreachable';
    }
    return this.currentStatus(trx, byKey);
  }

  async recordProviderCallback(
    channel: 'sms' | 'letter' | 'voice',
    providerId: string,
    outcome: Exclude<DeliveryOutcome, { status: 'unreachable' }>,
    key?: DeliveryKey,
  ): Promise<DeliveryStatus | undefined> {
    // By key, the row must not name another message: a late callback of a send that a retry
    // repeated (a possible duplicate) must not overwrite what the later message did.
    const filter: DeliveryFilter = key
      ? (eb) =>
          eb.and([
            deliveryByKey(key)(eb),
            eb.or([eb('provider_id', 'is', null), eb('provider_id', '=', providerId)]),
          ])
      : (eb) => eb.and([eb('channel', '=', channel), eb('provider_id', '=', providerId)]);
    return this.write(async (trx) => {
      const applied = await this.applyOutcome(trx, filter, outcome);
      return applied ?? this.currentStatus(trx, filter);
    });
  }
}
