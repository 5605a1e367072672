// A local stand-in for a Lob-style print-and-mail API, for development mode and tests: it keeps the
// letters (PDF bytes) it was sent, answers a repeated Idempotency-Key with the letter it already
// made, and sends the letter webhooks signed the way Lob signs them.
import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedLetter {
  id: string;
  idempotencyKey: string | undefined;
  to: Record<string, string>;
  from: Record<string, string>;
  metadata: Record<string, string>;
  pdf: Buffer;
  expectedDeliveryDate: string;
  receivedAt: Date;
}

export const LETTER_EVENTS = [
  'letter.mailed',
  'letter.in_transit',
  'letter.delivered',
  'letter.returned_to_sender',
] as const;
export type LetterEvent = (typeof LETTER_EVENTS)[number];

export interface PrintMailServer {
  /** `http://127.0.0.1:<port>`, for PRINT_MAIL_API_URL. */
  url: string;
  apiKey: string;
  /** The secret the webhooks are signed with (PRINT_MAIL_WEBHOOK_SECRET). */
  webhookSecret: string;
  /** Every letter made, once per idempotency key. */
  received: ReceivedLetter[];
  /** Requests answered, repeats included. */
  requests: number;
  /**
   * The next `times` letters are made but answered with a 500, as if the answer was lost on the way:
   * the sender cannot know, retries with the same key, and must not get a second letter.
   */
  loseAnswers(times: number): void;
  /** Posts a letter event to `url`, signed with Lob-Signature; returns the status the receiver answered. */
  sendWebhook(letterId: string, event: LetterEvent, url: string): Promise<number>;
  close(): Promise<void>;
}

/** Lob's scheme: HMAC-SHA256 of `<timestamp>.<body>` with the webhook secret, hex. */
export function signLetterWebhook(secret: string, timestamp: string, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

async function readForm(req: IncomingMessage): Promise<FormData> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const request = new Request('http://stub/', {
    method: 'POST',
    headers: { 'content-type': req.headers['content-type'] ?? '' },
    body: Buffer.concat(chunks),
  });
  return request.formData();
}

/** `to[address_line1]` → to.address_line1. */
function nested(form: FormData, side: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of form.entries()) {
    const m = /^(\w+)\[(\w+)\]$/.exec(k);
    if (m && m[1] === side && typeof v === 'string') out[m[2]!] = v;
  }
  return out;
}

export async function startPrintMailServer(options: { port?: number } = {}): Promise<PrintMailServer> {
  const apiKey = `test_${randomBytes(12).toString('hex')}`;
  const webhookSecret = randomBytes(24).toString('hex');
  const received: ReceivedLetter[] = [];
  const byKey = new Map<string, ReceivedLetter>();
  let lose = 0;
  let requests = 0;

  const answer = (l: ReceivedLetter) => ({
    id: l.id,
    object: 'letter',
    to: l.to,
    from: l.from,
    metadata: l.metadata,
    expected_delivery_date: l.expectedDeliveryDate,
    date_created: l.receivedAt.toISOString(),
  });

  const server = createServer((req, res) => {
    void (async () => {
      if (req.method !== 'POST' || req.url !== '/v1/letters')
        return json(res, 404, { error: { message: 'not found' } });
      requests++;
      const auth = Buffer.from((req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString();
      if (auth !== `${apiKey}:`)
        return json(res, 401, { error: { message: 'invalid API key', code: 'unauthorized' } });
      const key = req.headers['idempotency-key'] as string | undefined;
      const seen = key ? byKey.get(key) : undefined;
      if (seen) return json(res, 200, answer(seen));
      const form = await readForm(req);
      const file = form.get('file');
      const to = nested(form, 'to');
      if (!(file instanceof Blob) || !to.address_line1) {
        return json(res, 422, {
          error: { message: 'file and to.address_line1 are required', code: 'invalid' },
        });
      }
      const letter: ReceivedLetter = {
        id: `ltr_${randomBytes(10).toString('hex')}`,
        idempotencyKey: key,
        to,
        from: nested(form, 'from'),
        metadata: nested(form, 'metadata'),
        pdf: Buffer.from(await file.arrayBuffer()),
        expectedDeliveryDate: new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10),
        receivedAt: new Date(),
      };
      received.push(letter);
      if (key) byKey.set(key, letter);
      if (lose > 0) {
        lose--;
        return json(res, 500, { error: { message: 'internal error', code: 'internal_server_error' } });
      }
      json(res, 200, answer(letter));
    })().catch((err: unknown) => json(res, 500, { error: { message: String(err) } }));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    apiKey,
    webhookSecret,
    received,
    get requests() {
      return requests;
    },
    loseAnswers(times) {
      lose = times;
    },
    async sendWebhook(letterId, event, target) {
      const letter = received.find((l) => l.id === letterId);
      if (!letter) throw new Error(`no letter ${letterId}`);
      const body = JSON.stringify({
        id: `evt_${randomBytes(10).toString('hex')}`,
        event_type: { id: event, object: 'event_type' },
        date_created: new Date().toISOString(),
        object: 'event',
        body: answer(letter),
      });
      const timestamp = String(Date.now());
      const r = await fetch(target, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'lob-signature-timestamp': timestamp,
          'lob-signature': signLetterWebhook(webhookSecret, timestamp, body),
        },
        body,
      });
      return r.status;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
