// "Was I affected?" lookups: each one's digests, tries and outcome, the count of lookups per address,
// and the search for an affected person by address. Addresses and codes are kept only as keyed hashes.
import { sql, type Kysely } from 'kysely';
import type { LookupAddress, LookupChannel, LookupState } from '../domain/announcement/lookup.js';
import type { LedgerDatabase } from './schema.js';
import { SqlRepository } from './sql-repository.js';

export interface AnnouncementLookupsTable {
  /** The lookup reference the answer page carries: random, no personal data. */
  id: string;
  incident_id: string;
  channel: string;
  address_digest: string;
  code_digest: string | null;
  link_ref: number | null;
  /** pending (the code is on its way), sent, none (nobody affected has this address), failed. */
  outcome: string;
  tries: number;
  created_at: string | Date;
  expires_at: string | Date;
  used_at: string | Date | null;
}

export interface AnnouncementLookupCountsTable {
  address_digest: string;
  /** Seconds since the epoch. PostgreSQL returns bigint as a string. */
  window_start: number | string;
  used: number;
}

type LookupTables = {
  announcement_lookups: AnnouncementLookupsTable;
  announcement_lookup_counts: AnnouncementLookupCountsTable;
};

export type LookupOutcome = 'pending' | 'sent' | 'none' | 'failed';

export interface NewLookup {
  id: string;
  incidentId: string;
  channel: LookupChannel;
  addressDigest: string;
  at: string;
  expiresAt: string;
}

export interface StoredLookup extends LookupState {
  id: string;
  incidentId: string;
  channel: LookupChannel;
  addressDigest: string;
  linkRef: number | null;
  outcome: LookupOutcome;
  createdAt: string;
}

export interface AnnouncementLookups {
  /**
   * Counts one lookup of an address digest in the window starting at `windowStart` (seconds since
   * the epoch); false, counting nothing, once the window holds `limit` of them.
   */
  countAddressLookup(addressDigest: string, windowStart: number, limit: number): Promise<boolean>;
  startLookup(lookup: NewLookup): Promise<void>;
  /** The link reference of the incident's affected person with this address, unless purged. */
  findAffectedLinkRef(incidentId: string, address: LookupAddress): Promise<number | undefined>;
  settleLookup(
    id: string,
    result: { outcome: LookupOutcome; codeDigest?: string; linkRef?: number },
  ): Promise<void>;
  /** Counts one try of a lookup of this incident and returns it as it is after counting. */
  tryLookupCode(id: string, incidentId: string): Promise<StoredLookup | undefined>;
  /** Marks a lookup used; false when it already was (a code opens the notice once). */
  useLookup(id: string, at: string): Promise<boolean>;
  getLookup(id: string): Promise<StoredLookup | undefined>;
  /** Removes lookups created before `before` and address counts of windows before it; returns lookups removed. */
  pruneLookups(before: string): Promise<number>;
}

const time = (v: string | Date | null): string | null =>
  v === null ? null : v instanceof Date ? v.toISOString() : v;

export class SqlAnnouncementLookups extends SqlRepository implements AnnouncementLookups {
  private get tables(): Kysely<LedgerDatabase & LookupTables> {
    return this.db.withTables<LookupTables>();
  }

  async countAddressLookup(addressDigest: string, windowStart: number, limit: number): Promise<boolean> {
    if (limit < 1) return false;
    const db = this.tables;
    const take = () =>
      db
        .updateTable('announcement_lookup_counts')
        .set({ used: sql<number>`used + 1` })
        .where('address_digest', '=', addressDigest)
        .where('window_start', '=', windowStart)
        .where('used', '<', limit)
        .returning('used')
        .executeTakeFirst();
    if (await take()) return true;
    const created = await db
      .insertInto('announcement_lookup_counts')
      .values({ address_digest: addressDigest, window_start: windowStart, used: 1 })
      .onConflict((oc) => oc.columns(['address_digest', 'window_start']).doNothing())
      .returning('used')
      .executeTakeFirst();
    return created !== undefined || (await take()) !== undefined;
  }

  async startLookup(l: NewLookup): Promise<void> {
    await this.tables
      .insertInto('announcement_lookups')
      .values({
        id: l.id,
        incident_id: l.incidentId,
        channel: l.channel,
        address_digest: l.addressDigest,
        outcome: 'pending',
        tries: 0,
        created_at: l.at,
        expires_at: l.expiresAt,
      })
      .execute();
  }

  async findAffectedLinkRef(incidentId: string, address: LookupAddress): Promise<number | undefined> {
    const column = address.channel === 'email' ? 'email' : 'phone';
    const r = await this.db
      .selectFrom('affected_users')
      .select('link_ref')
      .where('incident_id', '=', incidentId)
      .where(column, '=', address.address)
      .where('purged', '=', this.flavor.bool(false))
      .orderBy('link_ref')
      .limit(1)
      .executeTakeFirst();
    return r?.link_ref === null || r?.link_ref === undefined ? undefined : Number(r.link_ref);
  }

  async settleLookup(
    id: string,
    result: { outcome: LookupOutcome; codeDigest?: string; linkRef?: number },
  ): Promise<void> {
    await this.tables
      .updateTable('announcement_lookups')
      .set({
        outcome: result.outcome,
        ...(result.codeDigest !== undefined ? { code_digest: result.codeDigest } : {}),
        ...(result.linkRef !== undefined ? { link_ref: result.linkRef } : {}),
      })
      .where('id', '=', id)
      .execute();
  }

  async tryLookupCode(id: string, incidentId: string): Promise<StoredLookup | undefined> {
    const r = await this.tables
      .updateTable('announcement_lookups')
      .set({ tries: sql<number>`tries + 1` })
      .where('id', '=', id)
      .where('incident_id', '=', incidentId)
      .returningAll()
      .executeTakeFirst();
    return r && toLookup(r);
  }

  async useLookup(id: string, at: string): Promise<boolean> {
    const r = await this.tables
      .updateTable('announcement_lookups')
      .set({ used_at: at })
      .where('id', '=', id)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async getLookup(id: string): Promise<StoredLookup | undefined> {
    const r = await this.tables
      .selectFrom('announcement_lookups')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return r && toLookup(r);
  }

  async pruneLookups(before: string): Promise<number> {
    const db = this.tables;
    const r = await db.deleteFrom('announcement_lookups').where('created_at', '<', before).executeTakeFirst();
    await db
      .deleteFrom('announcement_lookup_counts')
      .where('window_start', '<', Math.floor(Date.parse(before) / 1000))
      .execute();
    return Number(r.numDeletedRows);
  }
}

function toLookup(r: AnnouncementLookupsTable): StoredLookup {
  return {
    id: r.id,
    incidentId: r.incident_id,
    channel: r.channel as LookupChannel,
    addressDigest: r.address_digest,
    codeDigest: r.code_digest,
    linkRef: r.link_ref === null ? null : Number(r.link_ref),
    outcome: r.outcome as LookupOutcome,
    tries: Number(r.tries),
    createdAt: time(r.created_at)!,
    expiresAt: time(r.expires_at)!,
    usedAt: time(r.used_at),
  };
}
