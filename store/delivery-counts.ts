// Progress counts of deliveries: read from the counts the triggers of migration 0009 keep, in the time
// it takes to read a few dozen rows whatever the incident's size; and recounted from the rows by the
// reconciliation, which proves the kept counts right or repairs them.
import { sql, type Kysely } from 'kysely';
import { NOTICE_CHANNELS, type NoticeChannel } from '../domain/fallback.js';
import type { DeliveryCounts, DeliveryStatus } from './deliveries.js';
import type { Flavor } from './flavor.js';
import type { LedgerDatabase } from './schema.js';

/** The pseudo channel of the rows that count people unreachable on some channel. */
const PEOPLE = '*';
/** The pseudo version of the people unreachable on some channel of any version. */
const ANY_VERSION = 0;

/** One counted cell: version, channel (or `*` for people), status, deliveries (or people), duplicates. */
export interface CountCell {
  noticeVersion: number;
  channel: string;
  status: string;
  n: number;
  duplicates: number;
}

export interface CountDrift extends CountCell {
  /** What the counts said before the repair. */
  kept: { n: number; duplicates: number };
}

export interface CountsReconciliation {
  /** Cells compared (each version, channel and status of the incident, and its people counts). */
  cells: number;
  /** Cells whose kept counts differed from the rows; each was repaired. Empty when all was right. */
  drift: CountDrift[];
}

type Db = Kysely<LedgerDatabase>;

/** The kept counts of an incident per version, channel and status (summed over the slots). */
export async function keptCells(db: Db, incidentId: string): Promise<CountCell[]> {
  const rows = await db
    .selectFrom('delivery_counts')
    .select(['notice_version', 'channel', 'status'])
    .select((eb) => [
      eb.fn.sum<number | string>('n').as('n'),
      eb.fn.sum<number | string>('duplicates').as('d'),
    ])
    .where('incident_id', '=', incidentId)
    .groupBy(['notice_version', 'channel', 'status'])
    .execute();
  return rows.map((r) => ({
    noticeVersion: Number(r.notice_version),
    channel: r.channel,
    status: r.status,
    n: Number(r.n),
    duplicates: Number(r.d),
  }));
}

/** The same cells counted from the delivery rows: the cost grows with the incident. */
export async function rowCells(db: Db, flavor: Flavor, incidentId: string): Promise<CountCell[]> {
  const dup = sql<number>`sum(case when possible_duplicate = ${flavor.bool(true)} then 1 else 0 end)`;
  const rows = await db
    .selectFrom('deliveries')
    .select(['notice_version', 'channel', 'status', (eb) => eb.fn.countAll<number | string>().as('n')])
    .select(dup.as('d'))
    .where('incident_id', '=', incidentId)
    .groupBy(['notice_version', 'channel', 'status'])
    .execute();
  const cells: CountCell[] = rows.map((r) => ({
    noticeVersion: Number(r.notice_version),
    channel: r.channel,
    status: r.status,
    n: Number(r.n),
    duplicates: Number(r.d ?? 0),
  }));
  const people = await db
    .selectFrom('deliveries')
    .select(['notice_version', sql<number | string>`count(distinct user_id)`.as('n')])
    .where('incident_id', '=', incidentId)
    .where('status', '=', 'unreachable')
    .groupBy('notice_version')
    .execute();
  for (const r of people)
    cells.push({
      noticeVersion: Number(r.notice_version),
      channel: PEOPLE,
      status: 'unreachable',
      n: Number(r.n),
      duplicates: 0,
    });
  const any = await db
    .selectFrom('deliveries')
    .select(sql<number | string>`count(distinct user_id)`.as('n'))
    .where('incident_id', '=', incidentId)
    .where('status', '=', 'unreachable')
    .executeTakeFirstOrThrow();
  if (Number(any.n) > 0)
    cells.push({
      noticeVersion: ANY_VERSION,
      channel: PEOPLE,
      status: 'unreachable',
      n: Number(any.n),
      duplicates: 0,
    });
  return cells;
}

/** The progress an incident's counts show, for one version or all. */
export function progressOf(cells: readonly CountCell[], noticeVersion?: number): DeliveryCounts {
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
  for (const c of cells) {
    if (c.channel === PEOPLE) {
      if (c.noticeVersion === (noticeVersion ?? ANY_VERSION)) counts.unreachable += c.n;
      continue;
    }
    if (noticeVersion !== undefined && c.noticeVersion !== noticeVersion) continue;
    const p = counts.channels[c.channel as NoticeChannel];
    if (!p) continue;
    counts.possibleDuplicates += c.duplicates;
    switch (c.status as DeliveryStatus) {
      case 'claimed':
      case 'failed_retryable':
        p.pending += c.n;
        break;
      case 'accepted':
        p.sent += c.n;
        break;
      case 'delivered':
        p.sent += c.n;
        p.delivered += c.n;
        break;
      case 'failed_permanent':
        p.failed += c.n;
        break;
      case 'unreachable':
        p.unreachable += c.n;
        break;
      case 'scheduled':
        p.scheduled += c.n;
        break;
    }
  }
  return counts;
}

const cellKey = (c: Pick<CountCell, 'noticeVersion' | 'channel' | 'status'>) =>
  `${c.noticeVersion}\u0000${c.channel}\u0000${c.status}`;

/** Where the kept cells differ from the counted ones (a cell missing on one side counts zero). */
export function driftOf(kept: readonly CountCell[], counted: readonly CountCell[]): CountDrift[] {
  const byKey = new Map(kept.map((c) => [cellKey(c), c]));
  const drift: CountDrift[] = [];
  for (const c of counted) {
    const k = byKey.get(cellKey(c));
    byKey.delete(cellKey(c));
    if (!k || k.n !== c.n || k.duplicates !== c.duplicates)
      drift.push({ ...c, kept: { n: k?.n ?? 0, duplicates: k?.duplicates ?? 0 } });
  }
  for (const k of byKey.values())
    if (k.n !== 0 || k.duplicates !== 0)
      drift.push({ ...k, n: 0, duplicates: 0, kept: { n: k.n, duplicates: k.duplicates } });
  return drift;
}

/**
 * Recounts an incident from its rows and repairs the counts where they differ, in one transaction that
 * sees rows and counts at the same moment: SQLite's write lock, or PostgreSQL's repeatable read (the
 * writers keep going meanwhile; the repair is a correction added to slot 0, which no writer uses).
 */
export async function reconcileCounts(
  db: Db,
  flavor: Flavor,
  incidentId: string,
): Promise<CountsReconciliation> {
  const run = async (trx: Db): Promise<CountsReconciliation> => {
    const counted = await rowCells(trx, flavor, incidentId);
    const drift = driftOf(await keptCells(trx, incidentId), counted);
    for (const d of drift) {
      await trx
        .insertInto('delivery_counts')
        .values({
          incident_id: incidentId,
          notice_version: d.noticeVersion,
          channel: d.channel,
          status: d.status,
          slot: 0,
          n: d.n - d.kept.n,
          duplicates: d.duplicates - d.kept.duplicates,
        })
        .onConflict((oc) =>
          oc.columns(['incident_id', 'notice_version', 'channel', 'status', 'slot']).doUpdateSet({
            n: sql`delivery_counts.n + excluded.n`,
            duplicates: sql`delivery_counts.duplicates + excluded.duplicates`,
          }),
        )
        .execute();
    }
    return { cells: counted.length, drift };
  };
  if (flavor.name === 'postgres') return db.transaction().setIsolationLevel('repeatable read').execute(run);
  return flavor.write(db, run);
}
