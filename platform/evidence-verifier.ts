// Checks an evidence pack the way a third party would, with nothing but the ZIP and the service's
// published keys: every file against the manifest's SHA-256, the manifest's signature, the audit chain
// in audit.jsonl, and each signed checkpoint against its entry. `zipEntries` reads a pack into memory: it is
// for verifying, on the reader's side, not for the API that streams it.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import yauzl from 'yauzl';
import {
  canonicalJson,
  verifyChain,
  verifyCheckpoints,
  type ChainedEntry,
  type SignedCheckpoint,
} from '../domain/evidence/audit-chain.js';
import { verifyAuditSignature, type PublishedAuditKeys } from './audit-keys.js';

export interface PackCheck {
  ok: boolean;
  /** The file or entry the check is about. */
  subject: string;
  message: string;
}

export interface PackVerdict {
  ok: boolean;
  checks: PackCheck[];
  /** The first failed check's subject (a file name, or audit.jsonl#seq=N). */
  failed?: string;
}

export function zipEntries(zip: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true }, (err, file) => {
      if (err || !file) return reject(err ?? new Error('not a ZIP'));
      const out = new Map<string, Buffer>();
      file.on('entry', (entry: yauzl.Entry) => {
        file.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e ?? new Error(`cannot read ${entry.fileName}`));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('error', reject);
          stream.on('end', () => {
            out.set(entry.fileName, Buffer.concat(chunks));
            file.readEntry();
          });
        });
      });
      file.on('end', () => resolve(out));
      file.on('error', reject);
      file.readEntry();
    });
  });
}

/** Keys from a file path or an http(s) URL (the service's /.well-known/breach-audit-keys.json). */
export async function loadPublishedKeys(source: string): Promise<PublishedAuditKeys> {
  const text = /^https?:\/\//.test(source)
    ? await (await fetch(source)).text()
    : await readFile(source, 'utf8');
  return JSON.parse(text) as PublishedAuditKeys;
}

interface Manifest {
  incidentId: string;
  files: { path: string; sha256: string }[];
  chain: { entries: number; head: { seq: number; hash: string } | null };
  signature: { keyId: string; signature: string };
  [k: string]: unknown;
}

function checkFiles(files: Map<string, Buffer>, manifest: Manifest, checks: PackCheck[]): void {
  const listed = new Set(manifest.files.map((f) => f.path));
  for (const f of manifest.files) {
    const data = files.get(f.path);
    const actual = data ? createHash('sha256').update(data).digest('hex') : undefined;
    checks.push({
      ok: actual === f.sha256,
      subject: f.path,
      message: !data
        ? 'listed in the manifest but not in the pack'
        : actual === f.sha256
          ? `SHA-256 ${f.sha256}`
          : `SHA-256 is ${actual}, the manifest says ${f.sha256}`,
    });
  }
  for (const name of files.keys()) {
    if (name !== 'manifest.json' && !listed.has(name)) {
      checks.push({ ok: false, subject: name, message: 'in the pack but not in the manifest' });
    }
  }
}

function checkChain(
  files: Map<string, Buffer>,
  manifest: Manifest,
  keys: PublishedAuditKeys,
  checks: PackCheck[],
) {
  const lines = (files.get('audit.jsonl')?.toString('utf8') ?? '').split('\n').filter((l) => l.trim());
  const entries = lines.map((l) => JSON.parse(l) as ChainedEntry);
  const checkpoints = JSON.parse(
    files.get('checkpoints.json')?.toString('utf8') ?? '[]',
  ) as SignedCheckpoint[];
  const verdict = verifyCheckpoints(verifyChain(entries), entries, checkpoints, (statement, c) =>
    verifyAuditSignature(keys, statement, c),
  );
  if (!verdict.ok) {
    checks.push({
      ok: false,
      subject: `audit.jsonl#seq=${verdict.broken.seq}`,
      message: verdict.broken.message,
    });
    return;
  }
  checks.push({
    ok: true,
    subject: 'audit.jsonl',
    message: `chain of ${verdict.entries} entries holds; ${checkpoints.length} signed checkpoint(s) match`,
  });
  const same = verdict.head?.hash === manifest.chain.head?.hash && verdict.entries === manifest.chain.entries;
  checks.push({
    ok: same,
    subject: 'manifest.json',
    message: same
      ? `chain head seq ${verdict.head?.seq ?? 0} ${verdict.head?.hash ?? '-'} as signed`
      : 'the chain head in audit.jsonl is not the one the manifest signed',
  });
}

export async function verifyEvidencePack(zip: Buffer, keys: PublishedAuditKeys): Promise<PackVerdict> {
  const checks: PackCheck[] = [];
  const done = (): PackVerdict => {
    const failed = checks.find((c) => !c.ok);
    return { ok: !failed, checks, ...(failed ? { failed: failed.subject } : {}) };
  };
  let files: Map<string, Buffer>;
  try {
    files = await zipEntries(zip);
  } catch (err) {
    checks.push({ ok: false, subject: 'pack', message: `not a readable ZIP: ${(err as Error).message}` });
    return done();
  }
  let manifest: Manifest;
  try {
    manifest = JSON.parse(files.get('manifest.json')?.toString('utf8') ?? '') as Manifest;
  } catch {
    checks.push({ ok: false, subject: 'manifest.json', message: 'missing or not JSON' });
    return done();
  }
  const { signature, ...signed } = manifest;
  let signedOk = false;
  try {
    signedOk = Boolean(signature) && verifyAuditSignature(keys, canonicalJson(signed), signature);
  } catch {
    signedOk = false;
  }
  checks.push({
    ok: signedOk,
    subject: 'manifest.json',
    message: signedOk
      ? `signature of key ${signature.keyId} verifies`
      : `signature does not verify against the published keys`,
  });
  checkFiles(files, manifest, checks);
  try {
    checkChain(files, manifest, keys, checks);
  } catch (err) {
    checks.push({ ok: false, subject: 'audit.jsonl', message: `unreadable: ${(err as Error).message}` });
  }
  return done();
}
