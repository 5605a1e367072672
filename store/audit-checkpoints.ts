// Signed checkpoints of an incident's audit chain: the head at a phase change, signed with the
// service's Ed25519 audit key, so the database alone cannot rewrite the chain unseen.
import type { Selectable } from 'kysely';
import type { LedgerDatabase } from './schema.js';
import { SqlRepository } from './sql-repository.js';
import type { SignedCheckpoint } from '../domain/evidence/audit-chain.js';

/** A chain head signed with the audit key (Ed25519, base64), as the ledger keeps it. */
export type AuditCheckpoint = SignedCheckpoint;

export interface AuditCheckpoints {
  /** Keeps the first checkpoint of a place in the chain: a retried activity does not sign it twice. */
  recordAuditCheckpoint(c: AuditCheckpoint): Promise<AuditCheckpoint>;
  /** Oldest first. */
  listAuditCheckpoints(incidentId: string): Promise<AuditCheckpoint[]>;
}

export class SqlAuditCheckpoints extends SqlRepository implements AuditCheckpoints {
  async recordAuditCheckpoint(c: AuditCheckpoint): Promise<AuditCheckpoint> {
    await this.db
      .insertInto('audit_checkpoints')
      .values({
        incident_id: c.incidentId,
        seq: c.seq,
        head: c.head,
        key_id: c.keyId,
        signature: c.signature,
        signed_at: c.signedAt,
      })
      .onConflict((oc) => oc.columns(['incident_id', 'seq']).doNothing())
      .execute();
    const r = await this.db
      .selectFrom('audit_checkpoints')
      .selectAll()
      .where('incident_id', '=', c.incidentId)
      .where('seq', '=', c.seq)
      .executeTakeFirstOrThrow();
    return this.toCheckpoint(r);
  }

  async listAuditCheckpoints(incidentId: string): Promise<AuditCheckpoint[]> {
    const rows = await this.db
      .selectFrom('audit_checkpoints')
      .selectAll()
      .where('incident_id', '=', incidentId)
      .orderBy('seq', 'asc')
      .execute();
    return rows.map((r) => this.toCheckpoint(r));
  }

  private toCheckpoint(r: Selectable<LedgerDatabase['audit_checkpoints']>): AuditCheckpoint {
    return {
      incidentId: r.incident_id,
      seq: Number(r.seq),
      head: r.head,
      keyId: r.key_id,
      signature: r.signature,
      signedAt: this.flavor.readTime(r.signed_at),
    };
  }
}
