import { sql, type Migration } from 'kysely';
import type { AnyDb, FlavorName } from './flavor-types.js';

/**
 * Progress counts per incident, notice version, channel and status, kept by triggers on the deliveries
 * table so that every write of a delivery (claim, record, callback, purge, delete) moves its count in the
 * same transaction. Reading them costs the same at any size; counting the rows grew with the incident.
 *
 * Two pseudo rows per incident count people, not deliveries: channel `*`, status `unreachable` is the
 * people unreachable on some channel of that version, and version 0 the same across versions.
 *
 * `slot` spreads PostgreSQL's counts over the connections (the backend's pid): concurrent transactions of
 * one lane would otherwise queue on one counts row (and could deadlock taking two of them in opposite
 * orders). SQLite has one writer and uses slot 0; the reconciliation writes its repairs to slot 0 too.
 */
export function deliveryCounts(flavor: FlavorName): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('delivery_counts')
        .addColumn('incident_id', 'text', (c) => c.notNull())
        .addColumn('notice_version', 'integer', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('slot', 'integer', (c) => c.notNull())
        .addColumn('n', flavor === 'postgres' ? 'bigint' : 'integer', (c) => c.notNull())
        .addColumn('duplicates', flavor === 'postgres' ? 'bigint' : 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('delivery_counts_pk', [
          'incident_id',
          'notice_version',
          'channel',
          'status',
          'slot',
        ])
        .execute();
      if (flavor === 'postgres') await postgresTriggers(db);
      else await sqliteTriggers(db);
      await backfill(db, flavor);
    },
  };
}

/** Another unreachable row of the same person (and version, for `versionOnly`) than `row`. */
function otherUnreachable(row: 'NEW' | 'OLD', versionOnly: boolean) {
  const scope = versionOnly
    ? `d.notice_version = ${row}.notice_version AND d.channel <> ${row}.channel`
    : `(d.channel <> ${row}.channel OR d.notice_version <> ${row}.notice_version)`;
  return `EXISTS (SELECT 1 FROM deliveries d WHERE d.incident_id = ${row}.incident_id
    AND d.user_id = ${row}.user_id AND ${scope} AND d.status = 'unreachable')`;
}

const SQLITE_BUMP = (row: 'NEW' | 'OLD', sign: '+' | '-') => `
  INSERT INTO delivery_counts (incident_id, notice_version, channel, status, slot, n, duplicates)
  VALUES (${row}.incident_id, ${row}.notice_version, ${row}.channel, ${row}.status, 0, ${sign}1,
    ${sign}${row}.possible_duplicate)
  ON CONFLICT (incident_id, notice_version, channel, status, slot)
  DO UPDATE SET n = n + excluded.n, duplicates = duplicates + excluded.duplicates;`;

/** A person entering (+) or leaving (-) "unreachable on some channel", for one version and for all. */
const SQLITE_PEOPLE = (row: 'NEW' | 'OLD', sign: '+' | '-', also = '') =>
  [true, false]
    .map(
      (versionOnly) => `
  INSERT INTO delivery_counts (incident_id, notice_version, channel, status, slot, n, duplicates)
  SELECT ${row}.incident_id, ${versionOnly ? `${row}.notice_version` : '0'}, '*', 'unreachable', 0, ${sign}1, 0
  WHERE ${row}.status = 'unreachable' ${also} AND NOT ${otherUnreachable(row, versionOnly)}
  ON CONFLICT (incident_id, notice_version, channel, status, slot) DO UPDATE SET n = n + excluded.n;`,
    )
    .join('');

async function sqliteTriggers(db: AnyDb): Promise<void> {
  await sql
    .raw(
      `CREATE TRIGGER delivery_counts_insert AFTER INSERT ON deliveries BEGIN
      ${SQLITE_BUMP('NEW', '+')} ${SQLITE_PEOPLE('NEW', '+')} END`,
    )
    .execute(db);
  // A person leaves "unreachable somewhere" when this row stops being unreachable and no other row is,
  // and enters in the opposite case; the row itself is never among the "other" rows looked at.
  await sql
    .raw(
      `CREATE TRIGGER delivery_counts_update AFTER UPDATE OF status, possible_duplicate ON deliveries
      WHEN OLD.status IS NOT NEW.status OR OLD.possible_duplicate IS NOT NEW.possible_duplicate BEGIN
      ${SQLITE_BUMP('OLD', '-')} ${SQLITE_BUMP('NEW', '+')}
      ${SQLITE_PEOPLE('OLD', '-', "AND NEW.status <> 'unreachable'")}
      ${SQLITE_PEOPLE('NEW', '+', "AND OLD.status <> 'unreachable'")} END`,
    )
    .execute(db);
  await sql
    .raw(
      `CREATE TRIGGER delivery_counts_delete AFTER DELETE ON deliveries BEGIN
      ${SQLITE_BUMP('OLD', '-')} ${SQLITE_PEOPLE('OLD', '-')} END`,
    )
    .execute(db);
}

async function postgresTriggers(db: AnyDb): Promise<void> {
  await sql
    .raw(
      `CREATE FUNCTION delivery_counts_bump(inc text, ver integer, ch text, st text, d bigint, dup bigint)
      RETURNS void LANGUAGE sql AS $$
        INSERT INTO delivery_counts (incident_id, notice_version, channel, status, slot, n, duplicates)
        VALUES (inc, ver, ch, st, pg_backend_pid(), d, dup)
        ON CONFLICT (incident_id, notice_version, channel, status, slot)
        DO UPDATE SET n = delivery_counts.n + excluded.n,
          duplicates = delivery_counts.duplicates + excluded.duplicates
      $$`,
    )
    .execute(db);
  const dup = (row: string) => `(CASE WHEN ${row}.possible_duplicate THEN 1 ELSE 0 END)`;
  const people = (row: 'NEW' | 'OLD', sign: string) =>
    [true, false]
      .map(
        (versionOnly) => `IF NOT ${otherUnreachable(row, versionOnly)} THEN
          PERFORM delivery_counts_bump(${row}.incident_id, ${versionOnly ? `${row}.notice_version` : '0'},
            '*', 'unreachable', ${sign}1, 0);
        END IF;`,
      )
      .join('\n');
  await sql
    .raw(
      `CREATE FUNCTION delivery_counts_track() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
          IF TG_OP = 'UPDATE' AND OLD.status IS NOT DISTINCT FROM NEW.status
            AND OLD.possible_duplicate IS NOT DISTINCT FROM NEW.possible_duplicate THEN
            RETURN NULL;
          END IF;
          PERFORM delivery_counts_bump(OLD.incident_id, OLD.notice_version, OLD.channel, OLD.status,
            -1, -${dup('OLD')});
          IF OLD.status = 'unreachable' AND (TG_OP = 'DELETE' OR NEW.status <> 'unreachable') THEN
            ${people('OLD', '-')}
          END IF;
        END IF;
        IF TG_OP IN ('UPDATE', 'INSERT') THEN
          PERFORM delivery_counts_bump(NEW.incident_id, NEW.notice_version, NEW.channel, NEW.status,
            1, ${dup('NEW')});
          IF NEW.status = 'unreachable' AND (TG_OP = 'INSERT' OR OLD.status <> 'unreachable') THEN
            ${people('NEW', '')}
          END IF;
        END IF;
        RETURN NULL;
      END $$`,
    )
    .execute(db);
  await sql
    .raw(
      `CREATE TRIGGER delivery_counts_track AFTER INSERT OR DELETE OR UPDATE OF status, possible_duplicate
      ON deliveries FOR EACH ROW EXECUTE FUNCTION delivery_counts_track()`,
    )
    .execute(db);
}

/** The counts of the deliveries that exist before the triggers did. */
async function backfill(db: AnyDb, flavor: FlavorName): Promise<void> {
  const dup = flavor === 'postgres' ? 'CASE WHEN possible_duplicate THEN 1 ELSE 0 END' : 'possible_duplicate';
  await sql
    .raw(
      `INSERT INTO delivery_counts (incident_id, notice_version, channel, status, slot, n, duplicates)
      SELECT incident_id, notice_version, channel, status, 0, count(*), sum(${dup})
      FROM deliveries GROUP BY incident_id, notice_version, channel, status`,
    )
    .execute(db);
  await sql
    .raw(
      `INSERT INTO delivery_counts (incident_id, notice_version, channel, status, slot, n, duplicates)
      SELECT incident_id, notice_version, '*', 'unreachable', 0, count(DISTINCT user_id), 0
      FROM deliveries WHERE status = 'unreachable' GROUP BY incident_id, notice_version`,
    )
    .execute(db);
  await sql
    .raw(
      `INSERT INTO delivery_counts (incident_id, notice_version, channel, status, slot, n, duplicates)
      SELECT incident_id, 0, '*', 'unreachable', 0, count(DISTINCT user_id), 0
      FROM deliveries WHERE status = 'unreachable' GROUP BY incident_id`,
    )
    .execute(db);
}
