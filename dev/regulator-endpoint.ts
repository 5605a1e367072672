// A regulator's filing API on localhost, speaking the HTTPS adapter's shape (see
// activities/filing-submission/https.ts): it checks the bearer token, the report's hash and the PDF, honours
// Idempotency-Key (a repeated key gets the first answer and records nothing new), can answer 503 to the first
// requests, and keeps what it received for tests and the development outbox.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Arrivals } from './arrivals.js';
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

/** What the endpoint holds while it runs. */
interface EndpointState {
  options: RegulatorEndpointOptions;
  filings: Arrivals<ReceivedFiling>;
  attempts: RegulatorEndpoint['attempts'];
  byKey: Map<string, Stored>;
  failures: number;
  failStatus: number;
  base: string;
}

type Answer = { status: number; body: Record<string, unknown>; headers?: Record<string, string> };

function send(res: ServerResponse, { status, body, headers = {} }: Answer): number {
  answer(res, status, body, headers);
  return status;
}

/** Keeps a whole filing under its reference and remembers the answer for its idempotency key. */
function receive(ep: EndpointState, key: string, requestSha256: string, whole: HttpsFilingBody): Stored {
  const reference = `REG-${String(ep.filings.items.length + 1).padStart(6, '0')}`;
  const receivedAt = new Date();
  const pdf = Buffer.from(
    whole.documents.find((d) => d.contentType === 'application/pdf')!.contentBase64,
    'base64',
  );
  ep.filings.push({ reference, receivedAt, idempotencyKey: key, body: whole, pdf });
  const stored: Stored = {
    requestSha256,
    status: 201,
    body: { reference, status: 'received', receivedAt: receivedAt.toISOString() },
    headers: { Location: `${ep.base}/filings/${reference}`, 'X-Reference': reference },
  };
  ep.byKey.set(key, stored);
  return stored;
}

async function postFiling(ep: EndpointState, req: IncomingMessage, res: ServerResponse): Promise<number> {
  if (ep.options.token && req.headers.authorization !== `Bearer ${ep.options.token}`)
    return send(res, { status: 401, body: { error: 'missing or wrong bearer token' } });
  const key = req.headers['idempotency-key'];
  if (typeof key !== 'string' || key.length === 0)
    return send(res, { status: 400, body: { error: 'Idempotency-Key header is required' } });
  const raw = await readBody(req);
  if (ep.failures > 0) {
    ep.failures -= 1;
    return send(res, {
      status: ep.failStatus,
      body: { error: 'temporarily unavailable' },
      headers: { 'Retry-After': '1' },
    });
  }
  const requestSha256 = createHash('sha256').update(raw).digest('hex');
  const earlier = ep.byKey.get(key);
  if (earlier) {
    // draft-ietf-httpapi-idempotency-key-header: the same key with another request is a client error.
    if (earlier.requestSha256 !== requestSha256)
      return send(res, { status: 422, body: { error: 'Idempotency-Key was used for a different request' } });
    return send(res, { ...earlier, headers: { ...earlier.headers, 'Idempotent-Replayed': 'true' } });
  }
  let body: Partial<HttpsFilingBody>;
  try {
    body = JSON.parse(raw.toString('utf8')) as Partial<HttpsFilingBody>;
  } catch {
    return send(res, { status: 400, body: { error: 'body is not JSON' } });
  }
  const problem = problemWith(body);
  if (problem) return send(res, { status: 422, body: { error: problem } });
  return send(res, receive(ep, key, requestSha256, body as HttpsFilingBody));
}

async function handle(ep: EndpointState, req: IncomingMessage, res: ServerResponse): Promise<number> {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (req.method === 'GET' && path === '/filings') {
    const list = ep.filings.items.map((f) => ({ reference: f.reference, filingId: f.body.filingId }));
    return send(res, { status: 200, body: { filings: list } });
  }
  if (req.method !== 'POST' || path !== '/filings')
    return send(res, { status: 404, body: { error: 'not found' } });
  return postFiling(ep, req, res);
}

export async function startRegulatorEndpoint(
  options: RegulatorEndpointOptions = {},
): Promise<RegulatorEndpoint> {
  const ep: EndpointState = {
    options,
    filings: new Arrivals('regulator endpoint: filings'),
    attempts: [],
    byKey: new Map(),
    failures: options.failFirst ?? 0,
    failStatus: options.failStatus ?? 503,
    base: '',
  };
  const server = createServer((req, res) => {
    const header = req.headers['idempotency-key'];
    const idempotencyKey = typeof header === 'string' ? header : undefined;
    handle(ep, req, res)
      .then((status) => ep.attempts.push({ at: new Date(), idempotencyKey, status }))
      .catch((err: unknown) => {
        ep.attempts.push({ at: new Date(), idempotencyKey, status: 500 });
        if (!res.headersSent) answer(res, 500, { error: (err as Error).message });
      });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  ep.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: ep.base,
    filingsUrl: `${ep.base}/filings`,
    filings: ep.filings.items,
    attempts: ep.attempts,
    failNext(count, status = 503) {
      ep.failures = count;
      ep.failStatus = status;
    },
    waitFor: (count, timeoutMs = 10_000) => ep.filings.waitFor(count, timeoutMs),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
