// Public announcements of an incident (website, media, substitute notice).
import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { LedgerDatabase } from './schema.js';
import { nowIso, SqlRepository } from './sql-repository.js';

export interface AnnouncementRecord {
  id: string;
  incidentId: string;
  /** e.g. website, media, substitute_notice. */
  kind: string;
  phase: string;
  status: string;
  payload: unknown;
  receipt: unknown;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** The newest published version; null before the first publication. */
  version: number | null;
  contentHash: string | null;
  locales: string[];
  /** The end of the posting period; archived after it. */
  expiresAt: string | null;
  archivedAt: string | null;
}
export interface NewAnnouncement {
  id?: string;
  incidentId: string;
  kind: string;
  phase: string;
  status: string;
  payload: unknown;
  receipt?: unknown;
  publishedAt?: string | null;
  at?: string;
  version?: number | null;
  contentHash?: string | null;
  locales?: string[];
  expiresAt?: string | null;
  archivedAt?: string | null;
}

export interface AnnouncementStore {
  /** Creates or replaces a public announcement by id. */
  saveAnnouncement(rec: NewAnnouncement): Promise<AnnouncementRecord>;
  getAnnouncement(id: string): Promise<AnnouncementRecord | undefined>;
  /** Oldest first. */
  listAnnouncements(incidentId: string): Promise<AnnouncementRecord[]>;
  /** Published and archived announcements of every incident, newest publication first. */
  listPublicAnnouncements(limit: number): Promise<AnnouncementRecord[]>;
  /**
   * Marks it archived at `at` unless it already is; returns the record as it is afterwards
   * (undefined when there is none). An archived announcement stays readable.
   */
  archiveAnnouncementRecord(id: string, at: string): Promise<AnnouncementRecord | undefined>;
}

export class SqlAnnouncements extends SqlRepository implements AnnouncementStore {
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
      // Left out, the publication's columns keep what they hold (a caller that only changes the status).
      ...(rec.version !== undefined ? { version: rec.version } : {}),
      ...(rec.contentHash !== undefined ? { content_hash: rec.contentHash } : {}),
      ...(rec.locales !== undefined ? { locales: this.flavor.json(rec.locales) } : {}),
      ...(rec.expiresAt !== undefined ? { expires_at: rec.expiresAt } : {}),
      ...(rec.archivedAt !== undefined ? { archived_at: rec.archivedAt } : {}),
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

  async listPublicAnnouncements(limit: number): Promise<AnnouncementRecord[]> {
    const rows = await this.db
      .selectFrom('announcements')
      .selectAll()
      .where('status', 'in', ['published', 'archived'])
      .where('published_at', 'is not', null)
      .orderBy('published_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => this.toAnnouncement(r));
  }

  async archiveAnnouncementRecord(id: string, at: string): Promise<AnnouncementRecord | undefined> {
    await this.db
      .updateTable('announcements')
      .set({ status: 'archived', archived_at: at, updated_at: at })
      .where('id', '=', id)
      .where('archived_at', 'is', null)
      .execute();
    return this.getAnnouncement(id);
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
      version: r.version === null ? null : Number(r.version),
      contentHash: r.content_hash,
      locales: r.locales === null ? [] : f.readJson<string[]>(r.locales),
      expiresAt: f.readOptionalTime(r.expires_at),
      archivedAt: f.readOptionalTime(r.archived_at),
    };
  }
}
