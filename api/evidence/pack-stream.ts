// The evidence pack as one streamed ZIP (yazl): the documents, summary.pdf, deliveries.csv read from the
// ledger page by page (never all in memory), and last manifest.json: every file's SHA-256, the chain's
// head and latest signed checkpoint, signed as a whole with the service's audit key.
import { stringify } from 'csv-stringify/sync';
import { createHash } from 'node:crypto';
import { Readable, Transform } from 'node:stream';
import yazl from 'yazl';
import { canonicalJson, verifyChain } from '../../domain/evidence/audit-chain.js';
import { deliveryEvidenceRow } from '../../domain/evidence/row-digest.js';
import type { AuditSigner } from '../../platform/audit-keys.js';
import type { IncidentRecord, Ledger } from '../../store/ledger.js';
import type { IncidentState } from '../../workflows/incident-messages.js';
import { packDocuments, type PackFile } from './pack-documents.js';
import { renderSummaryPdf } from './summary-pdf.js';

export const PACK_FORMAT = 'breach-notify evidence pack 1';
export const DELIVERY_COLUMNS = [
  'userId',
  'channel',
  'noticeVersion',
  'status',
  'providerId',
  'errorCode',
  'attempts',
  'possibleDuplicate',
  'claimedAt',
  'acceptedAt',
  'updatedAt',
] as const;
const PAGE = 1000;

export interface ManifestFile {
  path: string;
  sha256: string;
  bytes: number;
}

async function* deliveryCsv(ledger: Ledger, incidentId: string): AsyncGenerator<string> {
  yield stringify([[...DELIVERY_COLUMNS]]);
  let cursor: string | undefined;
  do {
    const page = await ledger.pageDeliveries(incidentId, { limit: PAGE, ...(cursor ? { cursor } : {}) });
    const rows = page.items.map((d) => {
      const r = deliveryEvidenceRow(d);
      return DELIVERY_COLUMNS.map((c) => r[c] ?? '');
    });
    if (rows.length) yield stringify(rows, { cast: { boolean: (b) => String(b) } });
    cursor = page.nextCursor;
  } while (cursor);
}

/** Hashes and counts what passes through, so the manifest can name the streamed file's SHA-256. */
function hashing(onEnd: (f: { sha256: string; bytes: number; lines: number }) => void): Transform {
  const hash = createHash('sha256');
  let bytes = 0;
  let lines = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      hash.update(chunk);
      bytes += chunk.length;
      for (const b of chunk) if (b === 10) lines += 1;
      cb(null, chunk);
    },
    flush(cb) {
      onEnd({ sha256: hash.digest('hex'), bytes, lines });
      cb();
    },
  });
}

const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** Builds the pack; the returned stream is the ZIP. `deliveryRows` resolves once deliveries.csv is written. */
export async function evidencePack(
  ledger: Ledger,
  signer: AuditSigner,
  incident: IncidentRecord,
  state: IncidentState | undefined,
): Promise<{ stream: Readable; deliveryRows: Promise<number> }> {
  const generatedAt = new Date().toISOString();
  const audit = await ledger.listAudit(incident.id);
  const chain = verifyChain(audit);
  const checkpoints = await ledger.listAuditCheckpoints(incident.id);
  const documents = await packDocuments(ledger, incident, audit, state);
  const announcements = await ledger.listAnnouncements(incident.id);
  const versions = (
    await Promise.all(announcements.map((a) => ledger.listAnnouncementVersions(a.id)))
  ).flat();
  const summary: PackFile = {
    path: 'summary.pdf',
    data: await renderSummaryPdf({
      incident,
      audit,
      deliveries: await ledger.deliveryCounts(incident.id),
      filings: await ledger.listFilings(incident.id),
      announcementVersions: versions.length,
      head: chain.head,
      generatedAt,
    }),
  };
  const zip = new yazl.ZipFile();
  const files: ManifestFile[] = [];
  const mtime = new Date(generatedAt);
  for (const f of [...documents, summary]) {
    zip.addBuffer(f.data, f.path, { mtime });
    files.push({ path: f.path, sha256: sha(f.data), bytes: f.data.length });
  }
  let rowsDone: (n: number) => void = () => {};
  let rowsFailed: (err: Error) => void = () => {};
  const deliveryRows = new Promise<number>((resolve, reject) => {
    rowsDone = resolve;
    rowsFailed = reject;
  });
  const csv = Readable.from(deliveryCsv(ledger, incident.id));
  const hashed = hashing(({ sha256, bytes, lines }) => {
    files.push({ path: 'deliveries.csv', sha256, bytes });
    const manifest = {
      format: PACK_FORMAT,
      incidentId: incident.id,
      generatedAt,
      files,
      deliveries: { rows: lines - 1, columns: DELIVERY_COLUMNS },
      chain: { entries: chain.entries, head: chain.head, verifiedWhenPacked: chain.ok },
      checkpoint: checkpoints[checkpoints.length - 1] ?? null,
      keys: '/.well-known/breach-audit-keys.json',
    };
    const signature = signer.sign(canonicalJson(manifest));
    zip.addBuffer(Buffer.from(JSON.stringify({ ...manifest, signature }, null, 2) + '\n'), 'manifest.json', {
      mtime,
    });
    zip.end();
    rowsDone(lines - 1);
  });
  csv.on('error', (err) => {
    rowsFailed(err);
    (zip.outputStream as Readable).destroy(err);
  });
  zip.addReadStream(csv.pipe(hashed), 'deliveries.csv', { mtime });
  deliveryRows.catch(() => {});
  return { stream: zip.outputStream as Readable, deliveryRows };
}
