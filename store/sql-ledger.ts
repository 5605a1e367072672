// The ledger over Kysely, shared by both stores; store/flavor.ts holds what differs between them.
import { randomUUID } from 'node:crypto';
import {
  sql,
  type Expression,
  type ExpressionBuilder,
  type Kysely,
  type Selectable,
  type SqlBool,
} from 'kysely';
import { z } from 'zod';
import type { AffectedUser } from '../domain/affected-user.js';
import { mergeAffectedUser, sameAffectedUser } from '../domain/affected-user-merge.js';
import {
  emptyAssessment,
  riskLevel,
  UNKNOWN,
  type AssessmentCounts,
  type RiskLevel,
} from '../domain/assessment.js';
import type { DataCategory, IncidentFacts, Severity } from '../domain/incident.js';
import { isFinal, noticesStarted, type Phase } from '../domain/phases.js';
import { redact } from '../domain/redaction.js';
import type { Flavor } from './flavor.js';
import {
  AffectedUsersFrozenError,
  CHANNELS,
  IncidentNotFoundError,
  InvalidCursorError,
  type AffectedUserPageOptions,
  type AnnouncementRecord,
  type AuditEntry,
  type Channel,
  type ClaimOptions,
  type ClaimResult,
  type DeliveryCounts,
  type DeliveryKey,
  type DeliveryOutcome,
  type DeliveryPageOptions,
  type DeliveryRecord,
  type DeliveryStatus,
  type FilingRecord,
  type IncidentRecord,
  type Ledger,
  type NewAnnouncement,
  type NewAuditEntry,
  type NewFiling,
  type NewIncident,
  type Page,
  type StoredAffectedUser,
  type StoredAssessment,
  type UpsertOptions,
  type UpsertResult,
} from './ledger.js';
import type { AffectedUsersTable, DeliveriesTable, IncidentsTable, LedgerDatabase } from './schema.js';

/** Rows per multi-row statement: about 16 parameters a row stays far below both stores' limits. */
const CHUNK = 500;

const nowIso = () => new Date().toISOString();

function* chunks<T>(items: readonly T[], size = CHUNK): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

const CursorTuple = z
  .array(z.union([z.string(), z.number()]))
  .min(1)
  .max(4);
function encodeCursor(values: (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}
function decodeCursor(cursor: string, shape: ('string' | 'number')[]): (string | number)[] {
  try {
    const values = CursorTuple.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    if (values.length !== shape.length || values.some((v, i) => typeof v !== shape[i]))
      throw new Error('shape');
    return values;
  } catch {
    throw new InvalidCursorError();
  }
}

type ExistingUser = Pick<Selectable<AffectedUsersTable>, 'user_id' | 'import_id'> & { user: AffectedUser };

/**
 * A status condition for deliveries looked up by their claim key. Written so that SQLite does not take
 * it for the progress index: with incident, version, channel and status all given, it would walk every
 * delivery in that status (thousands while a provider is down) instead of finding each person by key.
 */
function statusOneOf(statuses: readonly DeliveryStatus[]) {
  return sql<SqlBool>`coalesce(${sql.ref('status')}, '') in (${sql.join(statuses)})`;
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

const ALREADY: Record<DeliveryStatus, ClaimResult> = {
  accepted: 'already_accepted',
  delivered: 'already_accepted',
  claimed: 'already_claimed',
  failed_permanent: 'already_failed',
  unreachable: 'already_unreachable',
  failed_retryable: 'already_claimed',
};

export class SqlLedger implements Ledger {
  readonly kind: 'sqlite' | 'postgres';

  private closed = false;

  /** `release` frees the connection on close: destroys it, or drops one user of a shared SQLite file. */
  constructor(
    readonly db: Kysely<LedgerDatabase>,
    private readonly flavor: Flavor,
    private readonly release: () => Promise<void> = () => db.destroy(),
  ) {
    this.kind = flavor.name;
  }

  private write<T>(fn: (trx: Kysely<LedgerDatabase>) => Promise<T>): Promise<T> {
    return this.flavor.write(this.db, fn);
  }

  // ---- incidents -------------------------------------------------------------------------------

  private toIncident(r: Selectable<IncidentsTable>): IncidentRecord {
    const f = this.flavor;
    return {
      id: r.id,
      externalId: r.external_id,
      facts: f.readJson<IncidentFacts>(r.facts),
      severity: r.severity as Severity,
      phase: r.phase as Phase,
      createdBy: r.created_by,
      createdAt: f.readTime(r.created_at),
      updatedAt: f.readTime(r.updated_at),
      closedAt: f.readOptionalTime(r.closed_at),
      purgedAt: f.readOptionalTime(r.purged_at),
    };
  }

  async createIncident(rec: NewIncident): Promise<{ incident: IncidentRecord; created: boolean }> {
    const at = rec.createdAt ?? nowIso();
    const externalId = rec.facts.externalId ?? null;
    // ON CONFLICT on external_id makes a concurrent duplicate wait for the first and then do nothing.
    const inserted = await this.db
      .insertInto('incidents')
      .values({
        id: rec.id ?? randomUUID(),
        external_id: externalId,
        facts: this.flavor.json(rec.facts),
        severity: rec.facts.severity,
        phase: rec.phase ?? 'opened',
        created_by: rec.createdBy,
        created_at: at,
        updated_at: at,
        closed_at: null,
        purged_at: null,
      })
      .onConflict((oc) => oc.column('external_id').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (inserted) return { incident: this.toIncident(inserted), created: true };
    const existing = await this.db
      .selectFrom('incidents')
      .selectAll()
      .where('external_id', '=', externalId)
      .executeTakeFirstOrThrow();
    return { incident: this.toIncident(existing), created: false };
  }

  async getIncident(id: string): Promise<IncidentRecord | undefined> {
    const r = await this.db.selectFrom('incidents').selectAll().where('id', '=', id).executeTakeFirst();
    return r && this.toIncident(r);
  }

  async listIncidents(opts: {
    phase?: Phase;
    limit: number;
    cursor?: string;
  }): Promise<Page<IncidentRecord>> {
    let q = this.db.selectFrom('incidents').selectAll();
    if (opts.phase) q = q.where('phase', '=', opts.phase);
    if (opts.cursor) {
      const [createdAt, id] = decodeCursor(opts.cursor, ['string', 'string']) as [string, string];
      q = q.where((eb) =>
        eb.or([
          eb('created_at', '<', createdAt),
          eb.and([eb('created_at', '=', createdAt), eb('id', '<', id)]),
        ]),
      );
    }
    const rows = await q
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(opts.limit + 1)
      .execute();
    const items = rows.slice(0, opts.limit).map((r) => this.toIncident(r));
    const last = items[items.length - 1];
    return rows.length > opts.limit && last
      ? { items, nextCursor: encodeCursor([last.createdAt, last.id]) }
      : { items };
  }

  async setIncidentPhase(id: string, phase: Phase, at: string): Promise<void> {
    const r = await this.db
      .updateTable('incidents')
      .set({
        phase,
        updated_at: at,
        closed_at: isFinal(phase) ? at : sql.ref<string | null>('closed_at'),
      })
      .where('id', '=', id)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) throw new IncidentNotFoundError(id);
  }

  async updateIncidentFacts(id: string, facts: IncidentFacts, at: string): Promise<void> {
    const r = await this.db
      .updateTable('incidents')
      .set({ facts: this.flavor.json(facts), severity: facts.severity, updated_at: at })
      .where('id', '=', id)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) throw new IncidentNotFoundError(id);
  }

  async deleteIncident(id: string): Promise<boolean> {
    return this.write(async (trx) => {
      for (const table of [
        'deliveries',
        'affected_users',
        'assessments',
        'filings',
        'announcements',
      ] as const) {
        await trx.deleteFrom(table).where('incident_id', '=', id).execute();
      }
      const r = await trx.deleteFrom('incidents').where('id', '=', id).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    });
  }

  // ---- audit -----------------------------------------------------------------------------------

  async appendAudit(entry: NewAuditEntry): Promise<AuditEntry> {
    const r = await this.db
      .insertInto('audit_log')
      .values({
        incident_id: entry.incidentId,
        at: entry.at ?? nowIso(),
        actor: entry.actor,
        action: entry.action,
        reason: entry.reason ?? null,
        details: entry.details === undefined ? null : this.flavor.json(entry.details),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return this.toAudit(r);
  }

  private toAudit(r: Selectable<LedgerDatabase['audit_log']>): AuditEntry {
    return {
      id: Number(r.id),
      incidentId: r.incident_id,
      at: this.flavor.readTime(r.at),
      actor: r.actor,
      action: r.action,
      reason: r.reason,
      details: r.details === null ? null : this.flavor.readJson<Record<string, unknown>>(r.details),
    };
  }

  async listAudit(incidentId: string): Promise<AuditEntry[]> {
    const rows = await this.db
      .selectFrom('audit_log')
      .selectAll()
      .where('incident_id', '=', incidentId)
      .orderBy('id', 'asc')
      .execute();
    return rows.map((r) => this.toAudit(r));
  }

  // ---- affected users --------------------------------------------------------------------------

  private readUser(r: Selectable<AffectedUsersTable>): AffectedUser {
    const u: AffectedUser = { userId: r.user_id };
    if (r.name !== null) u.name = r.name;
    if (r.email !== null) u.email = r.email;
    if (r.phone !== null) u.phone = r.phone;
    if (r.push_token !== null) u.pushToken = r.push_token;
    if (r.locale !== null) u.locale = r.locale;
    if (r.country !== null) u.country = r.country;
    if (r.region !== null) u.region = r.region;
    if (r.data_categories !== null)
      u.dataCategories = this.flavor.readJson<DataCategory[]>(r.data_categories);
    return u;
  }

  private toStoredUser(r: Selectable<AffectedUsersTable>): StoredAffectedUser {
    return {
      ...this.readUser(r),
      risk: r.risk as RiskLevel,
      pushTokenDead: this.flavor.readBool(r.push_token_dead),
      purged: this.flavor.readBool(r.purged),
    };
  }

  private userColumns(u: AffectedUser, incidentCategories: readonly DataCategory[]) {
    return {
      name: u.name ?? null,
      email: u.email ?? null,
      phone: u.phone ?? null,
      push_token: u.pushToken ?? null,
      locale: u.locale ?? null,
      country: u.country ?? null,
      region: u.region ?? null,
      data_categories: u.dataCategories ? this.flavor.json(u.dataCategories) : null,
      risk: riskLevel(u.dataCategories ?? incidentCategories),
    };
  }

  async upsertAffectedUsers(
    incidentId: string,
    rows: readonly AffectedUser[],
    opts: UpsertOptions = {},
  ): Promise<UpsertResult> {
    const result: UpsertResult = { inserted: 0, merged: 0, unchanged: 0, duplicates: 0 };
    const folded = new Map<string, AffectedUser>();
    for (const row of rows) {
      const prev = folded.get(row.userId);
      if (prev) result.duplicates++;
      folded.set(row.userId, prev ? mergeAffectedUser(prev, row) : row);
    }
    const importId = opts.importId ?? null;
    const at = nowIso();

    return this.write(async (trx) => {
      const incident = await this.flavor.lockIncident(trx, incidentId);
      if (!incident) throw new IncidentNotFoundError(incidentId);
      const phase = incident.phase as Phase;
      if (noticesStarted(phase) || isFinal(phase)) throw new AffectedUsersFrozenError(incidentId, phase);
      const incidentCategories = this.flavor.readJson<IncidentFacts>(incident.facts).dataCategories;

      const existing = new Map<string, ExistingUser>();
      for (const ids of chunks([...folded.keys()])) {
        const found = await trx
          .selectFrom('affected_users')
          .selectAll()
          .where('incident_id', '=', incidentId)
          .where('user_id', 'in', ids)
          .execute();
        for (const r of found)
          existing.set(r.user_id, { user_id: r.user_id, import_id: r.import_id, user: this.readUser(r) });
      }

      const inserts: AffectedUser[] = [];
      const updates: { before: AffectedUser; after: AffectedUser }[] = [];
      const touchOnly: string[] = [];
      for (const [userId, incoming] of folded) {
        const ex = existing.get(userId);
        if (!ex) {
          inserts.push(incoming);
          continue;
        }
        // Seen earlier in this import: only a duplicate, whatever it adds to that person.
        const repeat = importId !== null && ex.import_id === importId;
        if (repeat) result.duplicates++;
        const after = mergeAffectedUser(ex.user, incoming);
        if (!sameAffectedUser(ex.user, after)) {
          updates.push({ before: ex.user, after });
          if (!repeat) result.merged++;
        } else if (!repeat) {
          result.unchanged++;
          if (importId !== null) touchOnly.push(userId);
        }
      }

      for (const batch of chunks(inserts)) {
        await trx
          .insertInto('affected_users')
          .values(
            batch.map((u) => ({
              incident_id: incidentId,
              user_id: u.userId,
              ...this.userColumns(u, incidentCategories),
              import_id: importId,
              created_at: at,
              updated_at: at,
            })),
          )
          .execute();
      }
      result.inserted = inserts.length;

      for (const { before, after } of updates) {
        const tokenChanged = before.pushToken !== after.pushToken;
        await trx
          .updateTable('affected_users')
          .set((eb) => ({
            ...this.userColumns(after, incidentCategories),
            // A new token is worth trying even if the old one was reported dead.
            push_token_dead: tokenChanged ? this.flavor.bool(false) : eb.ref('push_token_dead'),
            import_id: importId ?? eb.ref('import_id'),
            updated_at: at,
          }))
          .where('incident_id', '=', incidentId)
          .where('user_id', '=', after.userId)
          .execute();
      }

      if (importId !== null) {
        for (const ids of chunks(touchOnly)) {
          await trx
            .updateTable('affected_users')
            .set({ import_id: importId })
            .where('incident_id', '=', incidentId)
            .where('user_id', 'in', ids)
            .execute();
        }
      }
      return result;
    });
  }

  async pageAffectedUsers(incidentId: string, opts: AffectedUserPageOptions): Promise<StoredAffectedUser[]> {
    const rows = await this.db
      .selectFrom('affected_users')
      .selectAll()
      .where(this.affectedUserPage(incidentId, opts))
      .orderBy('user_id', 'asc')
      .limit(opts.limit)
      .execute();
    return rows.map((r) => this.toStoredUser(r));
  }

  async pageAffectedUserIds(
    incidentId: string,
    opts: Pick<AffectedUserPageOptions, 'afterUserId' | 'limit' | 'reachableBy'>,
  ): Promise<string[]> {
    const rows = await this.db
      .selectFrom('affected_users')
      .select('user_id')
      .where(this.affectedUserPage(incidentId, opts))
      .orderBy('user_id', 'asc')
      .limit(opts.limit)
      .execute();
    return rows.map((r) => r.user_id);
  }

  /** The people of a page of the affected set: its bounds, and who its channel can reach. */
  private affectedUserPage(
    incidentId: string,
    opts: Omit<AffectedUserPageOptions, 'limit'>,
  ): AffectedUserFilter {
    return (eb) => {
      const conditions: Expression<SqlBool>[] = [eb('incident_id', '=', incidentId)];
      if (opts.afterUserId !== undefined) conditions.push(eb('user_id', '>', opts.afterUserId));
      if (opts.throughUserId !== undefined) conditions.push(eb('user_id', '<=', opts.throughUserId));
      if (opts.reachableBy === 'email') conditions.push(eb('email', 'is not', null));
      if (opts.reachableBy === 'sms') conditions.push(eb('phone', 'is not', null));
      if (opts.reachableBy === 'push') {
        conditions.push(
          eb('push_token', 'is not', null),
          eb('push_token_dead', '=', this.flavor.bool(false)),
        );
      }
      return eb.and(conditions);
    };
  }

  async getAffectedUser(incidentId: string, userId: string): Promise<StoredAffectedUser | undefined> {
    const r = await this.db
      .selectFrom('affected_users')
      .selectAll()
      .where('incident_id', '=', incidentId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return r && this.toStoredUser(r);
  }

  private async computeCounts(db: Kysely<LedgerDatabase>, incidentId: string): Promise<AssessmentCounts> {
    const live = this.flavor.bool(false);
    const totals = await db
      .selectFrom('affected_users')
      .select((eb) => [
        eb.fn.countAll().as('affected'),
        sql<number | string | null>`sum(case when email is not null then 1 else 0 end)`.as('email'),
        sql<number | string | null>`sum(case when phone is not null then 1 else 0 end)`.as('sms'),
        sql<
          number | string | null
        >`sum(case when push_token is not null and push_token_dead = ${live} then 1 else 0 end)`.as('push'),
        sql<number | string | null>`sum(case when email is null and phone is null
          and (push_token is null or push_token_dead <> ${live}) then 1 else 0 end)`.as('none'),
      ])
      .where('incident_id', '=', incidentId)
      .executeTakeFirstOrThrow();

    const counts = emptyAssessment();
    counts.affected = Number(totals.affected);
    counts.reachable = {
      email: Number(totals.email ?? 0),
      sms: Number(totals.sms ?? 0),
      push: Number(totals.push ?? 0),
      none: Number(totals.none ?? 0),
    };
    const grouped = async (column: 'country' | 'region' | 'locale' | 'risk') => {
      const rows = await db
        .selectFrom('affected_users')
        .select([column, (eb) => eb.fn.countAll().as('n')])
        .where('incident_id', '=', incidentId)
        .groupBy(column)
        .orderBy(column)
        .execute();
      const out: Record<string, number> = {};
      for (const r of rows) out[(r[column] as string | null) ?? UNKNOWN] = Number(r.n);
      return out;
    };
    counts.byCountry = await grouped('country');
    counts.byRegion = await grouped('region');
    counts.byLocale = await grouped('locale');
    const risk = await grouped('risk');
    counts.byRisk = { low: risk.low ?? 0, medium: risk.medium ?? 0, high: risk.high ?? 0 };
    return counts;
  }

  private async recordAssessment(
    db: Kysely<LedgerDatabase>,
    incidentId: string,
    counts: AssessmentCounts,
    at: string,
  ) {
    await db
      .insertInto('assessments')
      .values({
        id: randomUUID(),
        incident_id: incidentId,
        computed_at: at,
        counts: this.flavor.json(counts),
      })
      .execute();
  }

  async assess(incidentId: string): Promise<AssessmentCounts> {
    const incident = await this.getIncident(incidentId);
    if (!incident) throw new IncidentNotFoundError(incidentId);
    if (incident.purgedAt) {
      const kept = await this.latestAssessment(incidentId);
      if (kept) return kept.counts;
    }
    const counts = await this.computeCounts(this.db, incidentId);
    await this.recordAssessment(this.db, incidentId, counts, nowIso());
    return counts;
  }

  async latestAssessment(incidentId: string): Promise<StoredAssessment | undefined> {
    const r = await this.db
      .selectFrom('assessments')
      .selectAll()
      .where('incident_id', '=', incidentId)
      .orderBy('computed_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!r) return undefined;
    return {
      id: r.id,
      incidentId: r.incident_id,
      at: this.flavor.readTime(r.computed_at),
      counts: this.flavor.readJson<AssessmentCounts>(r.counts),
    };
  }

  async purgePersonalData(incidentId: string, at: string = nowIso()): Promise<number> {
    return this.write(async (trx) => {
      const incident = await this.flavor.lockIncident(trx, incidentId);
      if (!incident) throw new IncidentNotFoundError(incidentId);
      const purgedAt = await trx
        .selectFrom('incidents')
        .select('purged_at')
        .where('id', '=', incidentId)
        .executeTakeFirstOrThrow();
      if (purgedAt.purged_at !== null) return 0;
      // Reachability cannot be recomputed once contact data is gone, so the counts are kept first.
      await this.recordAssessment(trx, incidentId, await this.computeCounts(trx, incidentId), at);
      const r = await trx
        .updateTable('affected_users')
        .set({
          name: null,
          email: null,
          phone: null,
          push_token: null,
          purged: this.flavor.bool(true),
          updated_at: at,
        })
        .where('incident_id', '=', incidentId)
        .where('purged', '=', this.flavor.bool(false))
        .executeTakeFirst();
      await trx
        .updateTable('deliveries')
        .set({ error_message: null })
        .where('incident_id', '=', incidentId)
        .execute();
      await trx
        .updateTable('incidents')
        .set({ purged_at: at, updated_at: at })
        .where('id', '=', incidentId)
        .execute();
      return Number(r.numUpdatedRows);
    });
  }

  async markPushTokenDead(incidentId: string, userId: string): Promise<void> {
    await this.db
      .updateTable('affected_users')
      .set({ push_token_dead: this.flavor.bool(true), updated_at: nowIso() })
      .where('incident_id', '=', incidentId)
      .where('user_id', '=', userId)
      .execute();
  }

  // ---- deliveries ------------------------------------------------------------------------------

  async claimDelivery(key: DeliveryKey, opts?: ClaimOptions): Promise<ClaimResult> {
    const [r] = await this.claimDeliveries(key, [key.userId], opts);
    return r as ClaimResult;
  }

  async claimDeliveries(
    batch: { incidentId: string; channel: Channel; noticeVersion: number },
    userIds: readonly string[],
    opts: ClaimOptions = {},
  ): Promise<ClaimResult[]> {
    const now = opts.now ?? nowIso();
    const results = new Map<string, ClaimResult>();
    // One order for every claimer, so two workers claiming overlapping pages cannot deadlock.
    const unique = [...new Set(userIds)].sort();
    await this.write(async (trx) => {
      for (const ids of chunks(unique)) {
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
        for (const r of fresh) results.set(r.user_id, 'claimed');

        let rest = ids.filter((id) => !results.has(id));
        if (rest.length) {
          const retried = await trx
            .updateTable('deliveries')
            .set({ status: 'claimed', attempts: sql<number>`attempts + 1`, claimed_at: now, updated_at: now })
            .where('incident_id', '=', batch.incidentId)
            .where('channel', '=', batch.channel)
            .where('notice_version', '=', batch.noticeVersion)
            .where('user_id', 'in', rest)
            .where(statusOneOf(['failed_retryable']))
            .returning('user_id')
            .execute();
          for (const r of retried) results.set(r.user_id, 'claimed');
          rest = rest.filter((id) => !results.has(id));
        }
        if (rest.length && opts.reclaimAfterMs !== undefined) {
          const staleBefore = new Date(Date.parse(now) - opts.reclaimAfterMs).toISOString();
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
            .where('user_id', 'in', rest)
            .where(statusOneOf(['claimed']))
            .where('claimed_at', '<', staleBefore)
            .returning('user_id')
            .execute();
          for (const r of reclaimed) results.set(r.user_id, 'reclaimed');
          rest = rest.filter((id) => !results.has(id));
        }
        if (rest.length) {
          const held = await trx
            .selectFrom('deliveries')
            .select(['user_id', 'status'])
            .where('incident_id', '=', batch.incidentId)
            .where('channel', '=', batch.channel)
            .where('notice_version', '=', batch.noticeVersion)
            .where('user_id', 'in', rest)
            .execute();
          for (const r of held) results.set(r.user_id, ALREADY[r.status as DeliveryStatus]);
        }
      }
    });
    return userIds.map((id) => results.get(id) ?? 'already_claimed');
  }

  private outcomeColumns(outcome: DeliveryOutcome, at: string) {
    switch (outcome.status) {
      case 'accepted':
        return { status: outcome.status, provider_id: outcome.providerId, accepted_at: at, updated_at: at };
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

  async recordDeliveryOutcome(
    key: DeliveryKey,
    outcome: DeliveryOutcome,
  ): Promise<DeliveryStatus | undefined> {
    return this.write((trx) => this.recordOne(trx, key, outcome));
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
      if (outcome.status !== 'accepted' || outcome.at !== undefined) continue;
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
    channel: 'sms',
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

  private toDelivery(r: Selectable<DeliveriesTable>): DeliveryRecord {
    const f = this.flavor;
    return {
      incidentId: r.incident_id,
      userId: r.user_id,
      channel: r.channel as Channel,
      noticeVersion: Number(r.notice_version),
      status: r.status as DeliveryStatus,
      providerId: r.provider_id,
      errorCode: r.error_code,
      errorMessage: r.error_message,
      attempts: Number(r.attempts),
      possibleDuplicate: f.readBool(r.possible_duplicate),
      claimedAt: f.readOptionalTime(r.claimed_at),
      acceptedAt: f.readOptionalTime(r.accepted_at),
      updatedAt: f.readTime(r.updated_at),
    };
  }

  async takeSendQuota(channel: Channel, windowStart: number, count: number, limit: number): Promise<boolean> {
    if (count > limit) return false;
    const take = () =>
      this.db
        .updateTable('send_quota')
        .set({ used: sql<number>`used + ${count}` })
        .where('channel', '=', channel)
        .where('window_start', '=', windowStart)
        .where(sql<number>`used + ${count}`, '<=', limit)
        .returning('used')
        .executeTakeFirst();
    if (await take()) return true;
    // The first taker of a second creates its row, and clears the rows of seconds long gone.
    const created = await this.db
      .insertInto('send_quota')
      .values({ channel, window_start: windowStart, used: count })
      .onConflict((oc) => oc.columns(['channel', 'window_start']).doNothing())
      .returning('used')
      .executeTakeFirst();
    if (!created) return (await take()) !== undefined;
    await this.db
      .deleteFrom('send_quota')
      .where('channel', '=', channel)
      .where('window_start', '<', windowStart - 60)
      .execute();
    return true;
  }

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
      for (const r of rows) if (Number(r.notice_version) === noticeVersion) out.push(this.toDelivery(r));
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
    return r && this.toDelivery(r);
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
        CHANNELS.map((c) => [c, { pending: 0, sent: 0, delivered: 0, failed: 0, unreachable: 0 }]),
      ) as DeliveryCounts['channels'],
      unreachable: 0,
      possibleDuplicates: 0,
    };
    for (const r of rows) {
      const p = counts.channels[r.channel as Channel];
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
    const items = rows.slice(0, opts.limit).map((r) => this.toDelivery(r));
    const last = items[items.length - 1];
    return rows.length > opts.limit && last
      ? { items, nextCursor: encodeCursor([last.userId, last.channel, last.noticeVersion]) }
      : { items };
  }

  // ---- filings and announcements ---------------------------------------------------------------

  async saveFiling(rec: NewFiling): Promise<FilingRecord> {
    const at = rec.at ?? nowIso();
    const values = {
      regime: rec.regime,
      phase: rec.phase,
      status: rec.status,
      payload: this.flavor.json(rec.payload ?? null),
      receipt: rec.receipt === undefined ? null : this.flavor.json(rec.receipt),
      due_at: rec.dueAt ?? null,
      submitted_at: rec.submittedAt ?? null,
      updated_at: at,
    };
    const r = await this.db
      .insertInto('filings')
      .values({ id: rec.id ?? randomUUID(), incident_id: rec.incidentId, created_at: at, ...values })
      .onConflict((oc) => oc.column('id').doUpdateSet(values))
      .returningAll()
      .executeTakeFirstOrThrow();
    return this.toFiling(r);
  }

  async getFiling(id: string): Promise<FilingRecord | undefined> {
    const r = await this.db.selectFrom('filings').selectAll().where('id', '=', id).executeTakeFirst();
    return r && this.toFiling(r);
  }

  async listFilings(incidentId: string): Promise<FilingRecord[]> {
    const rows = await this.db
      .selectFrom('filings')
      .selectAll()
      .where('incident_id', '=', incidentId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map((r) => this.toFiling(r));
  }

  private toFiling(r: Selectable<LedgerDatabase['filings']>): FilingRecord {
    const f = this.flavor;
    return {
      id: r.id,
      incidentId: r.incident_id,
      regime: r.regime,
      phase: r.phase,
      status: r.status,
      payload: f.readJson(r.payload),
      receipt: r.receipt === null ? null : f.readJson(r.receipt),
      dueAt: f.readOptionalTime(r.due_at),
      submittedAt: f.readOptionalTime(r.submitted_at),
      createdAt: f.readTime(r.created_at),
      updatedAt: f.readTime(r.updated_at),
    };
  }

  async saveAnnouncement(rec: NewAnnouncement): Promise<AnnouncementRecord> {
    const at = rec.at ?? nowIso();
    const values = {
      kind: rec.kind,
      phase: rec.phase,
      status: rec.status,
      payload: this.flavor.json(rec.payload ?? null),
      receipt: rec.receipt === undefined ? null : this.flavor.json(rec.receipt),
      published_at: rec.publishedAt ?? null,
      updated_at: at,
    };
    const r = await this.db
      .insertInto('announcements')
      .values({ id: rec.id ?? randomUUID(), incident_id: rec.incidentId, created_at: at, ...values })
      .onConflict((oc) => oc.column('id').doUpdateSet(values))
      .returningAll()
      .executeTakeFirstOrThrow();
    return this.toAnnouncement(r);
  }

  async getAnnouncement(id: string): Promise<AnnouncementRecord | undefined> {
    const r = await this.db.selectFrom('announcements').selectAll().where('id', '=', id).executeTakeFirst();
    return r && this.toAnnouncement(r);
  }

  async listAnnouncements(incidentId: string): Promise<AnnouncementRecord[]> {
    const rows = await this.db
      .selectFrom('announcements')
      .selectAll()
      .where('incident_id', '=', incidentId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map((r) => this.toAnnouncement(r));
  }

  private toAnnouncement(r: Selectable<LedgerDatabase['announcements']>): AnnouncementRecord {
    const f = this.flavor;
    return {
      id: r.id,
      incidentId: r.incident_id,
      kind: r.kind,
      phase: r.phase,
      status: r.status,
      payload: f.readJson(r.payload),
      receipt: r.receipt === null ? null : f.readJson(r.receipt),
      publishedAt: f.readOptionalTime(r.published_at),
      createdAt: f.readTime(r.created_at),
      updatedAt: f.readTime(r.updated_at),
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.release();
  }
}

type DeliveryFilter = (eb: ExpressionBuilder<LedgerDatabase, 'deliveries'>) => Expression<SqlBool>;
type AffectedUserFilter = (eb: ExpressionBuilder<LedgerDatabase, 'affected_users'>) => Expression<SqlBool>;

/** One delivery by its claim key (the primary key). */
function deliveryByKey(key: DeliveryKey): DeliveryFilter {
  return (eb) =>
    eb.and([
      eb('incident_id', '=', key.incidentId),
      eb('user_id', '=', key.userId),
      eb('channel', '=', key.channel),
      eb('notice_version', '=', key.noticeVersion),
    ]);
}
