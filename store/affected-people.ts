// The affected people of an incident: the snapshot an operator uploads, read back page by page for
// the fan-out. The rules for merging two records of one person are the domain's.
import type { Expression, Selectable, SqlBool, ExpressionBuilder } from 'kysely';
import type { AffectedUser } from '../domain/affected-user.js';
import { riskLevel, type RiskLevel } from '../domain/assessment.js';
import type { DataCategory } from '../domain/incident.js';
import type { Phase } from '../domain/phases.js';
import type { NoticeChannel } from '../domain/fallback.js';
import type { Flavor } from './flavor.js';
import type { AffectedUsersTable, LedgerDatabase } from './schema.js';
import { reachGroups, type ReachGroups } from './reach-groups.js';
import { nowIso, SqlRepository } from './sql-repository.js';

export interface StoredAffectedUser extends AffectedUser {
  /** The person's number within the incident, which their notice link carries instead of the userId. */
  linkRef: number;
  risk: RiskLevel;
  pushTokenDead: boolean;
  purged: boolean;
}

export interface UpsertOptions {
  /**
   * Identifies one upload across its batches: a row whose user was already written under the
   * same import id counts as a duplicate, so `duplicates` is a property of the file, not of the store.
   */
  importId?: string;
}

/** inserted + merged + unchanged = the distinct people of the call not already seen in the same import. */
export interface UpsertResult {
  /** People new to the snapshot. */
  inserted: number;
  /** People in the snapshot before (this import) whose record changed by merging the new data. */
  merged: number;
  /** People in the snapshot before (this import) with nothing new. */
  unchanged: number;
  /** Rows folded into another row of the same user (same call, or earlier in the same import). */
  duplicates: number;
}

export interface AffectedUserPageOptions {
  afterUserId?: string;
  /** Up to and including this userId. */
  throughUserId?: string;
  limit: number;
  /** Only people with contact data for this channel (a live push token for `push`). */
  reachableBy?: NoticeChannel;
}

/** The affected-user list is frozen once notices have started (the API answers 409). */
export class AffectedUsersFrozenError extends Error {
  constructor(
    readonly incidentId: string,
    readonly phase: Phase,
  ) {
    super(`incident ${incidentId} is ${phase}: affected users can no longer change`);
    this.name = 'AffectedUsersFrozenError';
  }
}

export interface AffectedPeople {
  /** Ordered by userId (keyset). */
  pageAffectedUsers(incidentId: string, opts: AffectedUserPageOptions): Promise<StoredAffectedUser[]>;
  getAffectedUser(incidentId: string, userId: string): Promise<StoredAffectedUser | undefined>;
  /** The person a notice link names (StoredAffectedUser.linkRef). */
  getAffectedUserByLinkRef(incidentId: string, linkRef: number): Promise<StoredAffectedUser | undefined>;
  /** The user ids of a page of the affected set, without the rest of the row. */
  pageAffectedUserIds(
    incidentId: string,
    opts: Pick<AffectedUserPageOptions, 'afterUserId' | 'limit' | 'reachableBy'>,
  ): Promise<string[]>;
  markPushTokenDead(incidentId: string, userId: string): Promise<void>;
  /** The people summed by reachable channels and language (one grouped query). */
  reachGroups(incidentId: string): Promise<ReachGroups>;
}

export class SqlAffectedPeople extends SqlRepository implements AffectedPeople {
  reachGroups(incidentId: string): Promise<ReachGroups> {
    return reachGroups(this.db, this.flavor, incidentId);
  }

  async pageAffectedUsers(incidentId: string, opts: AffectedUserPageOptions): Promise<StoredAffectedUser[]> {
    const rows = await this.db
      .selectFrom('affected_users')
      .selectAll()
      .where(this.affectedUserPage(incidentId, opts))
      .orderBy('user_id', 'asc')
      .limit(opts.limit)
      .execute();
    return rows.map((r) => toStoredUser(this.flavor, r));
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
      if (opts.reachableBy === 'sms' || opts.reachableBy === 'voice')
        conditions.push(eb('phone', 'is not', null));
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
    return r && toStoredUser(this.flavor, r);
  }

  async getAffectedUserByLinkRef(
    incidentId: string,
    linkRef: number,
  ): Promise<StoredAffectedUser | undefined> {
    const r = await this.db
      .selectFrom('affected_users')
      .selectAll()
      .where('incident_id', '=', incidentId)
      .where('link_ref', '=', linkRef)
      .executeTakeFirst();
    return r && toStoredUser(this.flavor, r);
  }

  async markPushTokenDead(incidentId: string, userId: string): Promise<void> {
    await this.db
      .updateTable('affected_users')
      .set({ push_token_dead: this.flavor.bool(true), updated_at: nowIso() })
      .where('incident_id', '=', incidentId)
      .where('user_id', '=', userId)
      .execute();
  }
}

type AffectedUserFilter = (eb: ExpressionBuilder<LedgerDatabase, 'affected_users'>) => Expression<SqlBool>;

export function readUser(f: Flavor, r: Selectable<AffectedUsersTable>): AffectedUser {
  const u: AffectedUser = { userId: r.user_id };
  if (r.name !== null) u.name = r.name;
  if (r.email !== null) u.email = r.email;
  if (r.phone !== null) u.phone = r.phone;
  if (r.push_token !== null) u.pushToken = r.push_token;
  if (r.locale !== null) u.locale = r.locale;
  if (r.country !== null) u.country = r.country;
  if (r.region !== null) u.region = r.region;
  if (r.data_categories !== null) u.dataCategories = f.readJson<DataCategory[]>(r.data_categories);
  return u;
}

export function toStoredUser(f: Flavor, r: Selectable<AffectedUsersTable>): StoredAffectedUser {
  return {
    ...readUser(f, r),
    linkRef: Number(r.link_ref),
    risk: r.risk as RiskLevel,
    pushTokenDead: f.readBool(r.push_token_dead),
    purged: f.readBool(r.purged),
  };
}

export function userColumns(f: Flavor, u: AffectedUser, incidentCategories: readonly DataCategory[]) {
  return {
    name: u.name ?? null,
    email: u.email ?? null,
    phone: u.phone ?? null,
    push_token: u.pushToken ?? null,
    locale: u.locale ?? null,
    country: u.country ?? null,
    region: u.region ?? null,
    data_categories: u.dataCategories ? f.json(u.dataCategories) : null,
    risk: riskLevel(u.dataCategories ?? incidentCategories),
  };
}
