// A regulator's filing API on localhost, speaking the HTTPS adapter's shape (see
// activities/filing-submission/https.ts): it checks the bearer token, the report's hash and the PDF, honours
// Idempotency-Key (a repeated key gets the first answer and records nothing new), can answer 503 to the first
// requests, and keeps what it received for tests and the development outbox.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { reportHash } from '../platform/filing-documents.js';
import type { HttpsFilingBody } from '../activities/filing-submission/https.js';

export interface ReceivedFiling {
  reference: string;
  receivedAt: Date;
  idempotencyKey: string;
  body: HttpsFilingBody;
  pdf: Buffer;
}

export interface RegulatorEndpointOptions {
  port?: number;
  /** The bearer token it accepts; any request without it answers 401. */
  token?: string;
  /** Answer this many requests with `failStatus` before accepting any. */
  failFirst?: number;
  failStatus?: number;
}

export interface RegulatorEndpoint {
  /** `http://127.0.0.1:<port>`; filings go to `${url}/filings`. */
  url: string;
  filingsUrl: string;
  /** Filings recorded, one per idempotency key. */
  filings: ReceivedFiling[];
  /** Every request, including the failed and repeated ones. */
  attempts: Array<{ at: Date; idempotencyKey: string | undefined; status: number }>;
  failNext(count: number, status?: number): void;
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedFiling[]>;
  close(): Promise<void>;
}

interface Stored {
  requestSha256: string;
  status: number;
  body: Record<string, unknown>;
  headers: Record<string, string>;
}

const MAX_BODY_BYTES = 25 * 1024 * 1024;

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error('too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function answer(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** What is wrong with a filing's body, or undefined when it is whole. */
function problemWith(body: Partial<HttpsFilingBody>): string | undefined {
  if (typeof body.filingId !== 'string' || typeof body.schema !== 'string')
    return 'filingId and schema are required';
  if (!body.report || typeof body.report !== 'object') return 'report is required';
  if (body.reportSha256 !== reportHash(body.report)) return 'reportSha256 does not match the report';
  const pdf = body.documents?.find((d) => d.contentType === 'application/pdf');
  if (!pdf) return 'a PDF document is required';
  const bytes = Buffer.from(pdf.contentBase64, 'base64');
  if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') return 'the PDF document is not a PDF';
  if (createHash('sha256').update(bytes).digest('hex') !== pdf.sha256) return 'the PDF sha256 does not match';
  return undefined;
}

export async function startRegulatorEndpoint(
  options: RegulatorEndpointOptions = {},
): Promise<RegulatorEndpoint> {
  const filings: ReceivedFiling[] = [];
  const attempts: RegulatorEndpoint['attempts'] = [];
  const byKey = new Map<string, Stored>();
  const waiters = new Set<() => void>();
  let failures = options.failFirst ?? 0;
  let failStatus = options.failStatus ?? 503;
  let base = '';

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<number> => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method === 'GET' && path === '/filings') {
      answer(res, 200, {
        filings: filings.map((f) => ({ reference: f.reference, filingId: f.body.filingId })),
      });
      return 200;
    }
    if (req.method !== 'POST' || path !== '/filings') {
      answer(res, 404, { error: 'not found' });
      return 404;
    }
    if (options.token && req.headers.authorization !== `Bearer ${options.token}`) {
      answer(res, 401, { error: 'missing or wrong bearer token' });
      return 401;
    }
    const key = req.headers['idempotency-key'];
    if (typeof key !== 'string' || key.length === 0) {
      answer(res, 400, { error: 'Idempotency-Key header is required' });
      return 400;
    }
    const raw = await readBody(req);
    if (failures > 0) {
      failures -= 1;
      answer(res, failStatus, { error: 'temporarily unavailable' }, { 'Retry-After': '1' });
      return failStatus;
    }
    const requestSha256 = createHash('sha256').update(raw).digest('hex');
    const earlier = byKey.get(key);
    if (earlier) {
      // draft-ietf-httpapi-idempotency-key-header: the same key with another request is a client error.
      if (earlier.requestSha256 !== requestSha256) {
        answer(res, 422, { error: 'Idempotency-Key was used for a different request' });
        return 422;
      }
      answer(res, earlier.status, earlier.body, { ...earlier.headers, 'Idempotent-Replayed': 'true' });
      return earlier.status;
    }
    let body: Partial<HttpsFilingBody>;
    try {
      body = JSON.parse(raw.toString('utf8')) as Partial<HttpsFilingBody>;
    } catch {
      answer(res, 400, { error: 'body is not JSON' });
      return 400;
    }
    const problem = problemWith(body);
    if (problem) {
      answer(res, 422, { error: problem });
      return 422;
    }
    const whole = body as HttpsFilingBody;
    const reference = `REG-${String(filings.length + 1).padStart(6, '0')}`;
    const receivedAt = new Date();
    const pdf = Buffer.from(
      whole.documents.find((d) => d.contentType === 'application/pdf')!.contentBase64,
      'base64',
    );
    filings.push({ reference, receivedAt, idempotencyKey: key, body: whole, pdf });
    const stored: Stored = {
      requestSha256,
      status: 201,
      body: { reference, status: 'received', receivedAt: receivedAt.toISOString() },
      headers: { Location: `${base}/filings/${reference}`, 'X-Reference': reference },
    };
    byKey.set(key, stored);
    for (const wake of waiters) wake();
    answer(res, stored.status, stored.body, stored.headers);
    return stored.status;
  };

  const server = createServer((req, res) => {
    const key = req.headers['idempotency-key'];
    handle(req, res)
      .then((status) =>
        attempts.push({ at: new Date(), idempotencyKey: typeof key === 'string' ? key : undefined, status }),
      )
      .catch((err: unknown) => {
        attempts.push({
          at: new Date(),
          idempotencyKey: typeof key === 'string' ? key : undefined,
          status: 500,
        });
        if (!res.headersSent) answer(res, 500, { error: (err as Error).message });
      });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: base,
    filingsUrl: `${base}/filings`,
    filings,
    attempts,
    failNext(count, status = 503) {
      failures = count;
      failStatus = status;
    },
    waitFor(count, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (filings.length < count) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(filings);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(`regulator endpoint: ${filings.length} of ${count} filings after ${timeoutMs} ms`),
          );
        }, timeoutMs);
        if (!check()) waiters.add(check);
      });
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
