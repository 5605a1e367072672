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

export type ChainProblem = 'missing' | 'order' | 'link' | 'hash' | 'checkpoint';

export interface ChainBreak {
  /** The entry that does not hold (for `missing`, the entry found in its place). */
  id: number | null;
  seq: number;
  problem: ChainProblem;
  message: string;
}

export type ChainVerdict =
  | { ok: true; entries: number; head: { seq: number; hash: string } | null }
  | { ok: false; entries: number; head: { seq: number; hash: string } | null; broken: ChainBreak };

function seqBreak(entries: readonly ChainedEntry[], at: number): ChainBreak {
  const expected = at + 1;
  const found = entries[at]!;
  const moved = entries.find((x) => x.seq === expected);
  return moved
    ? {
        id: moved.id,
        seq: expected,
        problem: 'order',
        message: `entry seq ${expected} (id ${moved.id}) is out of place: entry id ${found.id} (seq ${found.seq}) stands where it belongs`,
      }
    : {
        id: found.id,
        seq: expected,
        problem: 'missing',
        message: `entry seq ${expected} is missing: entry id ${found.id} (seq ${found.seq}) follows seq ${expected - 1}`,
      };
}

/** Walks the entries oldest first (by id, as stored) and names the first one that does not hold. */
export function verifyChain(entries: readonly ChainedEntry[]): ChainVerdict {
  let prev = GENESIS_HASH;
  const last = entries[entries.length - 1];
  const head = last ? { seq: last.seq, hash: last.hash } : null;
  const broken = (b: ChainBreak): ChainVerdict => ({ ok: false, entries: entries.length, head, broken: b });
  for (const [i, e] of entries.entries()) {
    if (e.seq !== i + 1) return broken(seqBreak(entries, i));
    if (e.prevHash !== prev) {
      return broken({
        id: e.id,
        seq: e.seq,
        problem: 'link',
        message: `entry seq ${e.seq} links to ${e.prevHash}, not to the previous entry's hash ${prev}`,
      });
    }
    const expected = entryHash(e);
    if (e.hash !== expected) {
      return broken({
        id: e.id,
        seq: e.seq,
        problem: 'hash',
        message: `entry seq ${e.seq} hashes to ${expected}, not the stored ${e.hash}: its content changed`,
      });
    }
    prev = e.hash;
  }
  return { ok: true, entries: entries.length, head };
}

export interface SignedCheckpoint {
  incidentId: string;
  seq: number;
  head: string;
  keyId: string;
  signature: string;
  signedAt: string;
}

/**
 * A chain that verifies on its own may still have lost its tail or been rebuilt: every signed checkpoint
 * must carry a valid signature and match the entry at its place.
 */
export function verifyCheckpoints(
  verdict: ChainVerdict,
  entries: readonly ChainedEntry[],
  checkpoints: readonly SignedCheckpoint[],
  signatureValid: (statement: string, c: SignedCheckpoint) => boolean,
): ChainVerdict {
  if (!verdict.ok) return verdict;
  for (const c of checkpoints) {
    const fail = (message: string): ChainVerdict => ({
      ...verdict,
      ok: false,
      broken: {
        id: entries.find((e) => e.seq === c.seq)?.id ?? null,
        seq: c.seq,
        problem: 'checkpoint',
        message,
      },
    });
    if (!signatureValid(checkpointStatement(c), c)) {
      return fail(`the checkpoint at seq ${c.seq} does not carry a valid signature of key ${c.keyId}`);
    }
    const entry = entries.find((e) => e.seq === c.seq);
    if (!entry) return fail(`entry seq ${c.seq}, signed at ${c.signedAt}, is missing from the chain`);
    if (entry.hash !== c.head) {
      return fail(`entry seq ${c.seq} has hash ${entry.hash}, but ${c.head} was signed at ${c.signedAt}`);
    }
  }
  return verdict;
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
