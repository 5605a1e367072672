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
}

export interface AnnouncementStore {
  /** Creates or replaces a public announcement by id. */
  saveAnnouncement(rec: NewAnnouncement): Promise<AnnouncementRecord>;
  getAnnouncement(id: string): Promise<AnnouncementRecord | undefined>;
  /** Oldest first. */
  listAnnouncements(incidentId: string): Promise<AnnouncementRecord[]>;
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
}
