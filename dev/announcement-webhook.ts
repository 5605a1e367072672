// A local receiver for the announcement webhook (a status page or CMS stand-in): it keeps every
// request, can answer the first N with 503 to exercise retries, and honours Idempotency-Key, so a
// key it has seen publishes nothing new and gets the first answer again.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';

export interface WebhookRequest {
  idempotencyKey: string | undefined;
  signature: string | undefined;
  body: unknown;
  status: number;
  at: Date;
}

export interface Publication {
  id: string;
  idempotencyKey: string;
  body: unknown;
}

export interface AnnouncementWebhook {
  url: string;
  /** Every request, answered or refused, in arrival order. */
  requests: WebhookRequest[];
  /** One per distinct Idempotency-Key: what a receiver would have published. */
  publications: Publication[];
  /** Answer the next `count` requests with `status` (503 by default). */
  failNext(count: number, status?: number): void;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startAnnouncementWebhook(
  options: { failFirst?: number; port?: number; host?: string } = {},
): Promise<AnnouncementWebhook> {
  const requests: WebhookRequest[] = [];
  const publications: Publication[] = [];
  let failing = { count: options.failFirst ?? 0, status: 503 };

  const server = createServer((req, res) => {
    void (async () => {
      const text = await readBody(req);
      const key = req.headers['idempotency-key'];
      const idempotencyKey = Array.isArray(key) ? key[0] : key;
      const signature = req.headers['x-announcement-signature'] as string | undefined;
      const answer = (status: number, body: unknown) => {
        let parsed: unknown = text;
        try {
          parsed = JSON.parse(text);
        } catch {
          // kept as text: the test sees what arrived
        }
        requests.push({ idempotencyKey, signature, body: parsed, status, at: new Date() });
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
        return parsed;
      };
      if (req.method !== 'POST') return answer(405, { error: 'POST only' });
      if (failing.count > 0) {
        failing.count--;
        return answer(failing.status, { error: 'temporarily unavailable' });
      }
      if (!idempotencyKey) return answer(400, { error: 'Idempotency-Key header required' });
      const seen = publications.find((p) => p.idempotencyKey === idempotencyKey);
      if (seen) return answer(200, { id: seen.id, replayed: true });
      const id = `pub_${randomUUID()}`;
      const body = answer(201, { id });
      publications.push({ id, idempotencyKey, body });
    })();
  });
  await new Promise<void>((resolve) =>
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve),
  );
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/announcements`,
    requests,
    publications,
    failNext(count, status = 503) {
      failing = { count, status };
    },
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}

// `npx tsx dev/announcement-webhook.ts [port] [failFirst]`: a receiver for ANNOUNCEMENT_WEBHOOK_URL in development.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [port, failFirst] = process.argv.slice(2).map(Number);
  const hook = await startAnnouncementWebhook({ port: port || 8090, failFirst: failFirst || 0 });
  console.log(`announcement webhook listening: ANNOUNCEMENT_WEBHOOK_URL=${hook.url}`);
}
