// Reading deliveries: the rows of a page of people, one by its key, the progress counts of an
// incident (store/delivery-counts.ts), and the keyset pages the API lists.
import {
  keptCells,
  progressOf,
  reconcileCounts,
  rowCells,
  type CountsReconciliation,
} from './delivery-counts.js';
import {
  toDelivery,
  type DeliveryCounts,
  type DeliveryKey,
  type DeliveryPageOptions,
  type DeliveryRecord,
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
  /** From the counts kept with the rows: the same cost at any size. */
  deliveryCounts(incidentId: string, opts?: { noticeVersion?: number }): Promise<DeliveryCounts>;
  /** The same, counted from the rows (slow on a large incident): for checks and the bench. */
  countDeliveryRows(incidentId: string, opts?: { noticeVersion?: number }): Promise<DeliveryCounts>;
  /** Recounts the incident's rows and repairs the kept counts where they drifted. */
  reconcileDeliveryCounts(incidentId: string): Promise<CountsReconciliation>;
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
    return progressOf(await keptCells(this.db, incidentId), opts.noticeVersion);
  }

  async countDeliveryRows(
    incidentId: string,
    opts: { noticeVersion?: number } = {},
  ): Promise<DeliveryCounts> {
    return progressOf(await rowCells(this.db, this.flavor, incidentId), opts.noticeVersion);
  }

  reconcileDeliveryCounts(incidentId: string): Promise<CountsReconciliation> {
    return reconcileCounts(this.db, this.flavor, incidentId);
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
