// At each phase change the incident's chain is anchored to what it covers (deliveries, filings,
// announcements, judgements: counts and a digest of the rows, not one entry per notice), then its head is
// signed as a checkpoint. The workflow keeps the head it gets back: hashes only, no personal data.
import {
  canonicalJson,
  checkpointStatement,
  sha256Hex,
  type AuditHeadRecord,
} from '../../domain/evidence/audit-chain.js';
import { deliveryEvidenceRow, RowDigest } from '../../domain/evidence/row-digest.js';
import type { Phase } from '../../domain/phases.js';
import type { AuditSigner } from '../../platform/audit-keys.js';
import type { Ledger } from '../../store/ledger.js';

export type { AuditHeadRecord } from '../../domain/evidence/audit-chain.js';

const PAGE = 1000;

export async function deliveriesDigest(ledger: Ledger, incidentId: string) {
  const digest = new RowDigest();
  const counts: Record<string, number> = {};
  let cursor: string | undefined;
  do {
    const page = await ledger.pageDeliveries(incidentId, { limit: PAGE, ...(cursor ? { cursor } : {}) });
    for (const d of page.items) {
      digest.add(deliveryEvidenceRow(d));
      const key = `${d.channel}.${d.status}`;
      counts[key] = (counts[key] ?? 0) + 1;
    }
    cursor = page.nextCursor;
  } while (cursor);
  return { rows: digest.rows, byChannelStatus: counts, sha256: digest.hex() };
}

async function coveredRows(ledger: Ledger, incidentId: string) {
  const incident = await ledger.getIncident(incidentId);
  const filings = await ledger.listFilings(incidentId);
  const announcements = await ledger.listAnnouncements(incidentId);
  const versions = (
    await Promise.all(announcements.map((a) => ledger.listAnnouncementVersions(a.id)))
  ).flat();
  const judgements = (await ledger.listAudit(incidentId)).filter((e) => e.action.startsWith('judgement:'));
  const digestOf = (rows: unknown[]) => sha256Hex(rows.map((r) => canonicalJson(r)).join('\n'));
  return {
    // The facts as they stood, so every version of them is in the chain (supplements replace them).
    facts: incident?.facts ?? null,
    factsSha256: incident ? sha256Hex(canonicalJson(incident.facts)) : null,
    deliveries: await deliveriesDigest(ledger, incidentId),
    filings: {
      rows: filings.length,
      byStatus: countBy(filings.map((f) => f.status)),
      sha256: digestOf(
        filings.map((f) => ({
          id: f.id,
          status: f.status,
          reportHash: f.reportHash,
          receipt: f.receipt,
          acknowledgement: f.acknowledgement,
        })),
      ),
    },
    announcements: {
      rows: versions.length,
      sha256: digestOf(
        versions.map((v) => ({ id: v.announcementId, version: v.version, contentHash: v.contentHash })),
      ),
    },
    judgements: { rows: judgements.length, sha256: digestOf(judgements.map((j) => j.hash)) },
  };
}

function countBy(values: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}

/** Idempotent: a retried attempt finds its anchor and checkpoint and returns the same head. */
export async function anchorPhase(
  ledger: Ledger,
  signer: AuditSigner | undefined,
  { incidentId, phase, at }: { incidentId: string; phase: Phase; at: string },
): Promise<AuditHeadRecord> {
  const action = `evidence:anchored:${phase}`;
  const audit = await ledger.listAudit(incidentId);
  const existing = audit.find((a) => a.action === action);
  const anchor =
    existing ??
    (await ledger.appendAudit({
      incidentId,
      at,
      actor: 'system',
      action,
      reason: `what the ledger held when the incident entered ${phase}`,
      details: await coveredRows(ledger, incidentId),
    }));
  if (!signer) return { phase, seq: anchor.seq, head: anchor.hash };
  const signedAt = new Date().toISOString();
  const { keyId, signature } = signer.sign(
    checkpointStatement({ incidentId, seq: anchor.seq, head: anchor.hash, signedAt }),
  );
  const c = await ledger.recordAuditCheckpoint({
    incidentId,
    seq: anchor.seq,
    head: anchor.hash,
    keyId,
    signature,
    signedAt,
  });
  return { phase, seq: c.seq, head: c.head, keyId: c.keyId, signature: c.signature, signedAt: c.signedAt };
}
