// Verifies an incident's audit chain as stored, then its signed checkpoints against the service's own
// published keys: the answer of GET /v1/incidents/:id/audit/verify.
import { verifyChain, verifyCheckpoints, type ChainVerdict } from '../domain/evidence/audit-chain.js';
import { verifyAuditSignature, type AuditSigner } from '../platform/audit-keys.js';
import type { Ledger } from '../store/ledger.js';

export async function verifyIncidentAudit(
  ledger: Ledger,
  signer: AuditSigner,
  incidentId: string,
): Promise<ChainVerdict & { checkpoints: number }> {
  const entries = await ledger.listAudit(incidentId);
  const checkpoints = await ledger.listAuditCheckpoints(incidentId);
  const published = signer.publicKeys();
  const verdict = verifyCheckpoints(verifyChain(entries), entries, checkpoints, (statement, c) =>
    verifyAuditSignature(published, statement, c),
  );
  return { ...verdict, checkpoints: checkpoints.length };
}
