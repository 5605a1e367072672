import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { takeScripted } from './scripted-failures.js';

/** The host firebase-admin sends to; the stub's certificate is issued for it. */
export const FCM_HOST = 'fcm.googleapis.com';

/** A message the stub accepted. */
export interface ReceivedPush {
  name: string;
  projectId: string;
  token: string;
  notification: { title?: string; body?: string } | undefined;
  data: Record<string, string> | undefined;
  message: Record<string, unknown>;
  receivedAt: Date;
}

/** FCM v1 error codes (the `errorCode` of an `FcmError` detail) the stub can answer with. */
export type FcmErrorCode =
  | 'UNREGISTERED'
  | 'INVALID_ARGUMENT'
  | 'SENDER_ID_MISMATCH'
  | 'QUOTA_EXCEEDED'
  | 'UNAVAILABLE'
  | 'INTERNAL'
  | 'THIRD_PARTY_AUTH_ERROR';

export interface FcmStub {
  /** `https://127.0.0.1:<port>`, for `FCM_API_BASE_URL`. */
  url: string;
  port: number;
  /** PEM of the test CA that issued the stub's certificate, and a file holding it (for `FCM_CA_FILE`). */
  ca: string;
  caFile: string;
  /** The bearer token the stub expects, when it was started with one. */
  accessToken: string | undefined;
  received: ReceivedPush[];
  /** Answer sends to this registration token with an FCM error. */
  fail(token: string, errorCode: FcmErrorCode, options?: { times?: number }): void;
  reset(): void;
  /** Requests being answered now and the most at once since the last reset. */
  stats(): { inFlight: number; peakInFlight: number };
  close(): Promise<void>;
}

const ERRORS: Readonly<Record<FcmErrorCode, { http: number; status: string; message: string }>> = {
  UNREGISTERED: { http: 404, status: 'NOT_FOUND', message: 'Requested entity was not found.' },
  INVALID_ARGUMENT: {
    http: 400,
    status: 'INVALID_ARGUMENT',
    message: 'The registration token is not a valid FCM registration token',
  },
  SENDER_ID_MISMATCH: { http: 403, status: 'PERMISSION_DENIED', message: 'SenderId mismatch' },
  QUOTA_EXCEEDED: { http: 429, status: 'RESOURCE_EXHAUSTED', message: 'Quota exceeded for quota metric' },
  UNAVAILABLE: { http: 503, status: 'UNAVAILABLE', message: 'The service is currently unavailable.' },
  INTERNAL: { http: 500, status: 'INTERNAL', message: 'Internal error encountered.' },
  THIRD_PARTY_AUTH_ERROR: {
    http: 401,
    status: 'UNAUTHENTICATED',
    message: 'Auth error from APNS or Web Push Service',
  },
};

const SEND_PATH = /^\/v1\/projects\/([^/]+)\/messages:send$/;

/**
 * A test CA and a certificate for fcm.googleapis.com signed by it, made with the `openssl` CLI.
 * Generated afresh per stub so no key material lives in the repository.
 */
function makeCertificates(dir: string): { ca: string; key: string; cert: string } {
  const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const ecKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  run(
    'req',
    '-x509',
    ...ecKey,
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
    '-days',
    '2',
    '-subj',
    '/CN=breach-notify test CA',
  );
  run('req', ...ecKey, '-keyout', 'server.key', '-out', 'server.csr', '-subj', `/CN=${FCM_HOST}`);
  writeFileSync(
    join(dir, 'server.ext'),
    `basicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=DNS:${FCM_HOST}\n`,
  );
  run(
    'x509',
    '-req',
    '-in',
    'server.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    'server.pem',
    '-days',
    '2',
    '-extfile',
    'server.ext',
  );
  const read = (f: string) => readFileSync(join(dir, f), 'utf8');
  return { ca: read('ca.pem'), key: read('server.key'), cert: read('server.pem') };
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' });
  res.end(JSON.stringify(body));
}

function fcmError(res: ServerResponse, code: FcmErrorCode): void {
  const e = ERRORS[code];
  json(res, e.http, {
    error: {
      code: e.http,
      message: e.message,
      status: e.status,
      details: [{ '@type': 'type.googleapis.com/google.firebase.fcm.v1.FcmError', errorCode: code }],
    },
  });
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

type FcmFailures = Map<string, { code: FcmErrorCode; times?: number }>;

interface StubState {
  received: ReceivedPush[];
  failures: FcmFailures;
  accessToken?: string;
}

/** `messages:send`: checks the token and the recipient, then keeps the message or answers its scripted error. */
async function sendMessage(state: StubState, req: IncomingMessage, res: ServerResponse, projectId: string) {
  if (state.accessToken && req.headers.authorization !== `Bearer ${state.accessToken}`) {
    return json(res, 401, {
      error: {
        code: 401,
        message: 'Request had invalid authentication credentials.',
        status: 'UNAUTHENTICATED',
      },
    });
  }
  const body = (await readJson(req)) as { message?: Record<string, unknown> };
  const message = body.message ?? {};
  const token = typeof message.token === 'string' ? message.token : undefined;
  if (!token) {
    return json(res, 400, {
      error: { code: 400, message: 'Recipient of the message is not set.', status: 'INVALID_ARGUMENT' },
    });
  }
  const failure = takeScripted(state.failures, token);
  if (failure) return fcmError(res, failure.code);
  const name = `projects/${projectId}/messages/${randomBytes(8).toString('hex')}`;
  state.received.push({
    name,
    projectId,
    token,
    notification: message.notification as ReceivedPush['notification'],
    data: message.data as ReceivedPush['data'],
    message,
    receivedAt: new Date(),
  });
  json(res, 200, { name });
}

/**
 * An HTTPS stub of FCM's `POST /v1/projects/{project}/messages:send`, reached by firebase-admin
 * through its legacy HTTP/1.1 transport and an agent that connects to this port.
 */
export async function startFcmStub(
  options: {
    port?: number;
    host?: string;
    accessToken?: string;
    /** Wait this long before answering each request, so tests can see how many overlap. */
    latencyMs?: number;
  } = {},
): Promise<FcmStub> {
  const dir = mkdtempSync(join(tmpdir(), 'fcm-stub-'));
  const { ca, key, cert } = makeCertificates(dir);
  const caFile = join(dir, 'ca.pem');
  const state: StubState = { received: [], failures: new Map(), accessToken: options.accessToken };
  const load = { inFlight: 0, peak: 0 };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    load.inFlight += 1;
    load.peak = Math.max(load.peak, load.inFlight);
    res.on('close', () => {
      load.inFlight -= 1;
    });
    if (options.latencyMs) await sleep(options.latencyMs);
    const match = SEND_PATH.exec(new URL(req.url ?? '/', 'https://localhost').pathname);
    if (req.method !== 'POST' || !match) {
      return json(res, 404, { error: { code: 404, message: 'Not found', status: 'NOT_FOUND' } });
    }
    return sendMessage(state, req, res, decodeURIComponent(match[1] as string));
  };

  const server: Server = createServer({ key, cert }, (req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent)
        json(res, 400, { error: { code: 400, message: 'Invalid JSON payload', status: 'INVALID_ARGUMENT' } });
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `https://127.0.0.1:${port}`,
    port,
    ca,
    caFile,
    accessToken: options.accessToken,
    received: state.received,
    fail(token, code, opts = {}) {
      state.failures.set(token, { code, times: opts.times });
    },
    reset() {
      state.failures.clear();
      state.received.length = 0;
      load.peak = load.inFlight;
    },
    stats() {
      return { inFlight: load.inFlight, peakInFlight: load.peak };
    },
    close() {
      return new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        });
      });
    },
  };
}
