// The audit log as a hash chain: each entry of an incident carries the hash of the one before it and its
// own hash over an RFC 8785 canonical serialisation, so a row changed, removed or moved shows where.
import canonicalizeModule from 'canonicalize';
import { createHash } from 'node:crypto';

// CommonJS with ES-style types: at run time the default import is the function itself.
const canonicalize = canonicalizeModule as unknown as (input: unknown) => string | undefined;

/** The link of an incident's first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** What an entry's hash covers: everything it says, its place in the chain and the link before it. */
export interface ChainedFields {
  seq: number;
  incidentId: string | null;
  at: string;
  actor: string;
  action: string;
  reason: string | null;
  details: Record<string, unknown> | null;
  prevHash: string;
}

export interface ChainedEntry extends ChainedFields {
  id: number;
  hash: string;
}

export function canonicalJson(value: unknown): string {
  const json = canonicalize(value);
  if (json === undefined) throw new Error('not JSON');
  return json;
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Times are hashed as ISO 8601 with milliseconds, whatever the store returns them as. */
export function canonicalTime(at: string): string {
  return new Date(at).toISOString();
}

export function entryHash(f: ChainedFields): string {
  return sha256Hex(
    canonicalJson({
      seq: f.seq,
      incidentId: f.incidentId,
      at: canonicalTime(f.at),
      actor: f.actor,
      action: f.action,
      reason: f.reason,
      details: f.details,
      prevHash: f.prevHash,
    }),
  );
}

export type ChainProblem = 'seq' | 'link' | 'hash';

export type ChainVerdict =
  | { ok: true; entries: number; head: { seq: number; hash: string } | null }
  | {
      ok: false;
      entries: number;
      head: { seq: number; hash: string } | null;
      broken: { id: number; seq: number; problem: ChainProblem; message: string };
    };

/** Walks the entries oldest first (by id, as stored) and names the first one that does not hold. */
export function verifyChain(entries: readonly ChainedEntry[]): ChainVerdict {
  let prev = GENESIS_HASH;
  const headOf = () => {
    const last = entries[entries.length - 1];
    return last ? { seq: last.seq, hash: last.hash } : null;
  };
  for (const [i, e] of entries.entries()) {
    const broken = (problem: ChainProblem, message: string): ChainVerdict => ({
      ok: false,
      entries: entries.length,
      head: headOf(),
      broken: { id: e.id, seq: e.seq, problem, message },
    });
    if (e.seq !== i + 1) {
      return broken('seq', `entry id ${e.id} has seq ${e.seq} where ${i + 1} was expected (an entry missing or moved)`);
    }
    if (e.prevHash !== prev) {
      return broken('link', `entry seq ${e.seq} links to ${e.prevHash}, not to the previous entry's hash ${prev}`);
    }
    const expected = entryHash(e);
    if (e.hash !== expected) {
      return broken('hash', `entry seq ${e.seq} hashes to ${expected}, not the stored ${e.hash} (its content changed)`);
    }
    prev = e.hash;
  }
  return { ok: true, entries: entries.length, head: headOf() };
}

/** The chain's head as the incident workflow records it at a phase change: hashes only. */
export interface AuditHeadRecord {
  phase: string;
  seq: number;
  head: string;
  /** Absent when the worker has no audit key. */
  keyId?: string;
  signature?: string;
  signedAt?: string;
}

/** The statement a checkpoint signs: the incident, how long its chain was and the hash it ended on. */
export function checkpointStatement(c: { incidentId: string; seq: number; head: string; signedAt: string }) {
  return canonicalJson({
    purpose: 'breach-notify audit checkpoint',
    incidentId: c.incidentId,
    seq: c.seq,
    head: c.head,
    signedAt: canonicalTime(c.signedAt),
  });
}
