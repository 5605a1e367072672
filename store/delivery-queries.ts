// Reading deliveries: the rows of a page of people, one by its key, the progress counts of an
// incident, and the keyset pages the API lists.
import { sql } from 'kysely';
import { NOTICE_CHANNELS, type NoticeChannel } from '../domain/fallback.js';
import {
  toDelivery,
  type DeliveryCounts,
  type DeliveryKey,
  type DeliveryPageOptions,
  type DeliveryRecord,
  type DeliveryStatus,
} from './deliveries.js';
import { decodeCursor, encodeCursor, type Page } from './page.js';
import { chunks, SqlRepository } from './sql-repository.js';

export interface DeliveryQueries {
  /** Every delivery row of these people for one notice version (any channel), in no set order. */
  deliveriesOf(
    incidentId: string,
    noticeVersion: number,
    userIds: readonly string[],
  ): Promise<DeliveryRecord[]>;
  getDelivery(key: DeliveryKey): Promise<DeliveryRecord | undefined>;
  deliveryCounts(incidentId: string, opts?: { noticeVersion?: number }): Promise<DeliveryCounts>;
  /** Ordered by (userId, channel, noticeVersion); no personal data beyond the userId. */
  pageDeliveries(incidentId: string, opts: DeliveryPageOptions): Promise<Page<DeliveryRecord>>;
}

export class SqlDeliveryQueries extends SqlRepository implements DeliveryQueries {
  async deliveriesOf(
    incidentId: string,
    noticeVersion: number,
    userIds: readonly string[],
  ): Promise<DeliveryRecord[]> {
    const out: DeliveryRecord[] = [];
    for (const ids of chunks([...new Set(userIds)])) {
      // The version is left out of the query on purpose: with it, SQLite walks every delivery of the
      // version through the progress index instead of looking each person up by the claim key.
      const rows = await this.db
        .selectFrom('deliveries')
        .selectAll()
        .where('incident_id', '=', incidentId)
        .where('user_id', 'in', ids)
        .execute();
      for (const r of rows)
        if (Number(r.notice_version) === noticeVersion) out.push(toDelivery(this.flavor, r));
    }
    return out;
  }

  async getDelivery(key: DeliveryKey): Promise<DeliveryRecord | undefined> {
    const r = await this.db
      .selectFrom('deliveries')
      .selectAll()
      .where('incident_id', '=', key.incidentId)
      .where('user_id', '=', key.userId)
      .where('channel', '=', key.channel)
      .where('notice_version', '=', key.noticeVersion)
      .executeTakeFirst();
    return r && toDelivery(this.flavor, r);
  }

  async deliveryCounts(incidentId: string, opts: { noticeVersion?: number } = {}): Promise<DeliveryCounts> {
    let q = this.db
      .selectFrom('deliveries')
      .select(['channel', 'status', (eb) => eb.fn.countAll().as('n')])
      .where('incident_id', '=', incidentId);
    if (opts.noticeVersion !== undefined) q = q.where('notice_version', '=', opts.noticeVersion);
    const rows = await q.groupBy(['channel', 'status']).execute();

    const counts: DeliveryCounts = {
      channels: Object.fromEntries(
        NOTICE_CHANNELS.map((c) => [
          c,
          { pending: 0, sent: 0, delivered: 0, failed: 0, unreachable: 0, scheduled: 0 },
        ]),
      ) as DeliveryCounts['channels'],
      unreachable: 0,
      possibleDuplicates: 0,
    };
    for (const r of rows) {
      const p = counts.channels[r.channel as NoticeChannel];
      if (!p) continue;
      const n = Number(r.n);
      switch (r.status as DeliveryStatus) {
        case 'claimed':
        case 'failed_retryable':
          p.pending += n;
          break;
        case 'accepted':
          p.sent += n;
          break;
        case 'delivered':
          p.sent += n;
          p.delivered += n;
          break;
        case 'failed_permanent':
          p.failed += n;
          break;
        case 'unreachable':
          p.unreachable += n;
          break;
        case 'scheduled':
          p.scheduled += n;
          break;
      }
    }

    let extra = this.db
      .selectFrom('deliveries')
      .select((eb) => [
        sql<number | string>`count(distinct case when status = 'unreachable' then user_id end)`.as(
          'unreachable',
        ),
        sql<
          number | string | null
        >`sum(case when possible_duplicate = ${this.flavor.bool(true)} then 1 else 0 end)`.as('dups'),
        eb.fn.countAll().as('all'),
      ])
      .where('incident_id', '=', incidentId);
    if (opts.noticeVersion !== undefined) extra = extra.where('notice_version', '=', opts.noticeVersion);
    const e = await extra.executeTakeFirstOrThrow();
    counts.unreachable = Number(e.unreachable ?? 0);
    counts.possibleDuplicates = Number(e.dups ?? 0);
    return counts;
  }

  async pageDeliveries(incidentId: string, opts: DeliveryPageOptions): Promise<Page<DeliveryRecord>> {
    let q = this.db.selectFrom('deliveries').selectAll().where('incident_id', '=', incidentId);
    if (opts.channel) q = q.where('channel', '=', opts.channel);
    if (opts.status) q = q.where('status', 'in', Array.isArray(opts.status) ? opts.status : [opts.status]);
    if (opts.noticeVersion !== undefined) q = q.where('notice_version', '=', opts.noticeVersion);
    if (opts.cursor) {
      const [userId, channel, version] = decodeCursor(opts.cursor, ['string', 'string', 'number']) as [
        string,
        string,
        number,
      ];
      q = q.where((eb) =>
        eb(eb.refTuple('user_id', 'channel', 'notice_version'), '>', eb.tuple(userId, channel, version)),
      );
    }
    const rows = await q
      .orderBy('user_id')
      .orderBy('channel')
      .orderBy('notice_version')
      .limit(opts.limit + 1)
      .execute();
    const items = rows.slice(0, opts.limit).map((r) => toDelivery(this.flavor, r));
    const last = items[items.length - 1];
    return rows.length > opts.limit && last
      ? { items, nextCursor: encodeCursor([last.userId, last.channel, last.noticeVersion]) }
      : { items };
  }
}
