// Every published version of an announcement: what the page, the JSON and the feed showed, its
// content hash, and the receipts of the adapters that carried it (webhook, media email).
import type { Selectable } from 'kysely';
import type { LedgerDatabase } from './schema.js';
import { SqlRepository } from './sql-repository.js';

export interface AnnouncementVersionRecord {
  announcementId: string;
  incidentId: string;
  version: number;
  content: unknown;
  contentHash: string;
  /** Receipts by adapter name, each as the adapter recorded it. */
  receipts: Record<string, unknown>;
  publishedAt: string;
}

export interface AnnouncementVersions {
  /**
   * Records a version unless one with this announcement and version exists; either way returns the
   * stored one, so a retried publication keeps the content, hash and time of the first.
   */
  recordAnnouncementVersion(
    rec: Omit<AnnouncementVersionRecord, 'receipts'>,
  ): Promise<{ version: AnnouncementVersionRecord; created: boolean }>;
  /** Adds (or replaces) one adapter's receipt of a version. */
  recordAnnouncementReceipt(
    announcementId: string,
    version: number,
    adapter: string,
    receipt: unknown,
  ): Promise<AnnouncementVersionRecord>;
  getAnnouncementVersion(
    announcementId: string,
    version: number,
  ): Promise<AnnouncementVersionRecord | undefined>;
  /** Oldest first. */
  listAnnouncementVersions(announcementId: string): Promise<AnnouncementVersionRecord[]>;
  /** The newest versions of every announcement, newest first (the feed). */
  recentAnnouncementVersions(limit: number): Promise<AnnouncementVersionRecord[]>;
}

export class SqlAnnouncementVersions extends SqlRepository implements AnnouncementVersions {
  async recordAnnouncementVersion(
    rec: Omit<AnnouncementVersionRecord, 'receipts'>,
  ): Promise<{ version: AnnouncementVersionRecord; created: boolean }> {
    const inserted = await this.db
      .insertInto('announcement_versions')
      .values({
        announcement_id: rec.announcementId,
        version: rec.version,
        incident_id: rec.incidentId,
        content: this.flavor.json(rec.content),
        content_hash: rec.contentHash,
        receipts: this.flavor.json({}),
        published_at: rec.publishedAt,
      })
      .onConflict((oc) => oc.columns(['announcement_id', 'version']).doNothing())
      .executeTakeFirst();
    const stored = await this.getAnnouncementVersion(rec.announcementId, rec.version);
    if (!stored) throw new Error(`announcement version ${rec.announcementId} v${rec.version} vanished`);
    return { version: stored, created: Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0 };
  }

  async recordAnnouncementReceipt(
    announcementId: string,
    version: number,
    adapter: string,
    receipt: unknown,
  ): Promise<AnnouncementVersionRecord> {
    return this.write(async (trx) => {
      const row = await trx
        .selectFrom('announcement_versions')
        .select('receipts')
        .where('announcement_id', '=', announcementId)
        .where('version', '=', version)
        .executeTakeFirst();
      if (!row) throw new Error(`no announcement version ${announcementId} v${version}`);
      const receipts = { ...this.flavor.readJson<Record<string, unknown>>(row.receipts), [adapter]: receipt };
      await trx
        .updateTable('announcement_versions')
        .set({ receipts: this.flavor.json(receipts) })
        .where('announcement_id', '=', announcementId)
        .where('version', '=', version)
        .execute();
      const updated = await trx
        .selectFrom('announcement_versions')
        .selectAll()
        .where('announcement_id', '=', announcementId)
        .where('version', '=', version)
        .executeTakeFirstOrThrow();
      return this.toVersion(updated);
    });
  }

  async getAnnouncementVersion(
    announcementId: string,
    version: number,
  ): Promise<AnnouncementVersionRecord | undefined> {
    const r = await this.db
      .selectFrom('announcement_versions')
      .selectAll()
      .where('announcement_id', '=', announcementId)
      .where('version', '=', version)
      .executeTakeFirst();
    return r && this.toVersion(r);
  }

  async listAnnouncementVersions(announcementId: string): Promise<AnnouncementVersionRecord[]> {
    const rows = await this.db
      .selectFrom('announcement_versions')
      .selectAll()
      .where('announcement_id', '=', announcementId)
      .orderBy('version')
      .execute();
    return rows.map((r) => this.toVersion(r));
  }

  async recentAnnouncementVersions(limit: number): Promise<AnnouncementVersionRecord[]> {
    const rows = await this.db
      .selectFrom('announcement_versions')
      .selectAll()
      .orderBy('published_at', 'desc')
      .orderBy('announcement_id', 'desc')
      .orderBy('version', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => this.toVersion(r));
  }

  private toVersion(r: Selectable<LedgerDatabase['announcement_versions']>): AnnouncementVersionRecord {
    const f = this.flavor;
    return {
      announcementId: r.announcement_id,
      incidentId: r.incident_id,
      version: Number(r.version),
      content: f.readJson(r.content),
      contentHash: r.content_hash,
      receipts: f.readJson<Record<string, unknown>>(r.receipts),
      publishedAt: f.readTime(r.published_at),
    };
  }
}
