import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import twilio from 'twilio';
import { callsResource, type CallOutcome, type ReceivedCall } from './twilio-calls.js';
import { json, readBody, twilioError } from './twilio-wire.js';

/** A message the fake Messages API accepted. */
export interface ReceivedSms {
  sid: string;
  accountSid: string;
  to: string;
  from: string | undefined;
  messagingServiceSid: string | undefined;
  body: string;
  statusCallback: string | undefined;
  receivedAt: Date;
}

export type TwilioFailure =
  /** Rate limited: 429 with Twilio code 20429 and a Retry-After header. */
  | { kind: 'rate-limit'; retryAfterSeconds?: number; times?: number }
  /** A server error (500 by default, or 502/503). */
  | { kind: 'server'; status?: 500 | 502 | 503; times?: number }
  /** A request error with a Twilio error code, e.g. 21211 invalid number, 21610 unsubscribed, 21614 not mobile. */
  | { kind: 'rejected'; code: number; status?: number; message?: string; times?: number };

export interface TwilioServer {
  /** `http://127.0.0.1:<port>`, for `TWILIO_API_BASE_URL`. */
  url: string;
  port: number;
  accountSid: string;
  authToken: string;
  received: ReceivedSms[];
  /** Calls the fake Calls API accepted (twilio-calls.ts). */
  calls: ReceivedCall[];
  /** The outcomes of the next calls to a number, in order (then its default by its last digits). */
  callOutcomes(to: string, outcomes: CallOutcome[]): void;
  /** Posts a call status callback, signed as Twilio signs it. */
  sendCallStatus(sid: string, status: string): Promise<number>;
  /** Fail messages to this number (E.164) in the given way. */
  fail(to: string, failure: TwilioFailure): void;
  reset(): void;
  /** Requests being answered now and the most at once since the last reset. */
  stats(): { inFlight: number; peakInFlight: number };
  /**
   * Posts a delivery status callback for a received message to its StatusCallback URL, signed
   * with `X-Twilio-Signature` the way Twilio signs it. Returns the HTTP status the receiver answered.
   */
  sendStatusCallback(
    sid: string,
    status: 'sent' | 'delivered' | 'undelivered' | 'failed',
    errorCode?: number,
  ): Promise<number>;
  close(): Promise<void>;
}

const MESSAGES_PATH = /^\/2010-04-01\/Accounts\/(AC[0-9a-fA-F]{32})\/(Messages|Calls)\.json$/;

const ERROR_MESSAGES: Readonly<Record<number, string>> = {
  20429: 'Too Many Requests',
  21211: "The 'To' number is not a valid phone number.",
  21610: 'Attempt to send to unsubscribed recipient',
  21614: "'To' number is not a valid mobile number",
};

function segmentsOf(body: string): number {
  // Close enough for a fake: the real count is the notice module's job, this only fills the field.
  const ucs2 = /[^\x20-\x7e\n\r£¥èéùìòÇØøÅåÆæßÉÄÖÑÜ§¿äöñüà¡€]/u.test(body);
  const [single, multi] = ucs2 ? [70, 67] : [160, 153];
  return body.length <= single ? 1 : Math.ceil(body.length / multi);
}

/**
 * A local HTTP server speaking the subset of the Twilio REST API the SMS channel uses:
 * `POST /2010-04-01/Accounts/{AccountSid}/Messages.json` with Basic auth and a form body.
 */
export async function startTwilioServer(
  options: {
    port?: number;
    host?: string;
    accountSid?: string;
    authToken?: string;
    /** Development mode: after accepting a message, post `sent` then `delivered` callbacks this many ms apart. */
    autoDeliverAfterMs?: number;
    /** Wait this long before answering each request, so tests can see how many overlap. */
    latencyMs?: number;
    /** Between a call's status callbacks (they are always sent when a call names a StatusCallback). */
    callbackAfterMs?: number;
  } = {},
): Promise<TwilioServer> {
  const accountSid = options.accountSid ?? `AC${randomBytes(16).toString('hex')}`;
  const authToken = options.authToken ?? randomBytes(16).toString('hex');
  const received: ReceivedSms[] = [];
  const failures = new Map<string, TwilioFailure>();

  const takeFailure = (to: string): TwilioFailure | undefined => {
    const failure = failures.get(to);
    if (!failure) return undefined;
    if (failure.times !== undefined) {
      if (failure.times <= 0) return undefined;
      failure.times -= 1;
    }
    return failure;
  };

  let inFlight = 0;
  let peak = 0;
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    inFlight += 1;
    peak = Math.max(peak, inFlight);
    res.on('close', () => {
      inFlight -= 1;
    });
    if (options.latencyMs) await sleep(options.latencyMs);
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const match = MESSAGES_PATH.exec(path);
    if (req.method !== 'POST' || !match)
      return twilioError(res, 404, 20404, 'The requested resource was not found');
    const expected = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
    if (req.headers.authorization !== expected || match[1] !== accountSid) {
      return twilioError(res, 401, 20003, 'Authentication Error - invalid username');
    }
    const form = new URLSearchParams(await readBody(req));
    if (match[2] === 'Calls') return calls.create(form, res);
    const to = form.get('To');
    const from = form.get('From') ?? undefined;
    const messagingServiceSid = form.get('MessagingServiceSid') ?? undefined;
    const body = form.get('Body');
    if (!to) return twilioError(res, 400, 21604, "A 'To' phone number is required.");
    if (!from && !messagingServiceSid)
      return twilioError(res, 400, 21603, "A 'From' phone number is required.");
    if (!body) return twilioError(res, 400, 21602, 'Message body is required.');
    if (!/^\+[1-9]\d{6,14}$/.test(to)) return twilioError(res, 400, 21211, ERROR_MESSAGES[21211] as string);

    const failure = takeFailure(to);
    if (failure?.kind === 'rate-limit') {
      return twilioError(res, 429, 20429, ERROR_MESSAGES[20429] as string, {
        'retry-after': String(failure.retryAfterSeconds ?? 1),
      });
    }
    if (failure?.kind === 'server')
      return twilioError(res, failure.status ?? 500, 20500, 'Internal Server Error');
    if (failure?.kind === 'rejected') {
      return twilioError(
        res,
        failure.status ?? 400,
        failure.code,
        failure.message ?? ERROR_MESSAGES[failure.code] ?? 'Rejected',
      );
    }

    const sid = `SM${randomBytes(16).toString('hex')}`;
    const statusCallback = form.get('StatusCallback') ?? undefined;
    received.push({
      sid,
      accountSid,
      to,
      from,
      messagingServiceSid,
      body,
      statusCallback,
      receivedAt: new Date(),
    });
    if (statusCallback && options.autoDeliverAfterMs !== undefined)
      scheduleDelivery(sid, options.autoDeliverAfterMs);
    const now = new Date().toUTCString();
    json(res, 201, {
      sid,
      account_sid: accountSid,
      api_version: '2010-04-01',
      body,
      date_created: now,
      date_updated: now,
      date_sent: null,
      direction: 'outbound-api',
      error_code: null,
      error_message: null,
      from: from ?? null,
      messaging_service_sid: messagingServiceSid ?? null,
      num_media: '0',
      num_segments: String(segmentsOf(body)),
      price: null,
      price_unit: 'USD',
      status: messagingServiceSid ? 'accepted' : 'queued',
      to,
      uri: `/2010-04-01/Accounts/${accountSid}/Messages/${sid}.json`,
    });
  };

  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, fn: () => Promise<unknown>) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      // The receiver may be down or refuse; real Twilio would retry, the fake just moves on.
      fn().catch(() => undefined);
    }, ms);
    timers.add(timer);
  };
  const calls = callsResource({
    accountSid,
    authToken,
    later,
    callbackAfterMs: options.callbackAfterMs ?? options.autoDeliverAfterMs ?? 100,
  });
  const scheduleDelivery = (sid: string, ms: number) => {
    later(ms, () => api.sendStatusCallback(sid, 'sent'));
    later(2 * ms, () => api.sendStatusCallback(sid, 'delivered'));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) twilioError(res, 500, 20500, 'Internal Server Error');
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  const api: TwilioServer = {
    url: `http://127.0.0.1:${port}`,
    port,
    accountSid,
    authToken,
    received,
    calls: calls.calls,
    callOutcomes: (to, outcomes) => calls.callOutcomes(to, outcomes),
    sendCallStatus: (sid, status) => calls.sendCallStatus(sid, status),
    fail(to, failure) {
      failures.set(to, { ...failure });
    },
    reset() {
      failures.clear();
      received.length = 0;
      calls.reset();
      peak = inFlight;
    },
    stats() {
      return { inFlight, peakInFlight: peak };
    },
    async sendStatusCallback(sid, status, errorCode) {
      const message = received.find((m) => m.sid === sid);
      if (!message?.statusCallback) throw new Error(`twilio server: no status callback for ${sid}`);
      const params: Record<string, string> = {
        AccountSid: accountSid,
        ApiVersion: '2010-04-01',
        From: message.from ?? '',
        MessageSid: sid,
        MessageStatus: status,
        SmsSid: sid,
        SmsStatus: status,
        To: message.to,
      };
      if (message.messagingServiceSid) params.MessagingServiceSid = message.messagingServiceSid;
      if (errorCode !== undefined) params.ErrorCode = String(errorCode);
      const signature = twilio.getExpectedTwilioSignature(authToken, message.statusCallback, params);
      const res = await fetch(message.statusCallback, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
        body: new URLSearchParams(params).toString(),
      });
      await res.arrayBuffer();
      return res.status;
    },
    close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      return new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
  return api;
}
