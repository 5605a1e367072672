// Throughput device: an SMS costs less CPU to send (Node's own kept-alive HTTP instead of the SDK's axios).
import http from 'node:http';
import https from 'node:https';
import twilio from 'twilio';
import type RequestClientBase from 'twilio/lib/base/RequestClient.js';

type RequestOptions<TData> = RequestClientBase.RequestOptions<TData>;
type Response<TData> = Awaited<ReturnType<RequestClientBase['request']>> & { body: TData };

export interface TwilioHttpOptions {
  /** Where to send API calls instead of https://api.twilio.com (the local server in tests and development). */
  baseUrl?: URL;
  timeoutMs: number;
}

/**
 * The Twilio SDK's HTTP client (its documented `httpClient` option), on Node's own http(s) with
 * kept-alive connections instead of the SDK's axios. The SDK still builds every request and reads
 * every answer; what goes is axios's per-request machinery, which cost more CPU than the rest of an
 * SMS's sending (`npm run bench` prints both loops; docs/benchmarks.md keeps the figures). It also
 * keeps the Retry-After header the SDK's exceptions drop, in
 * the error body's `details`. Behind an HTTP_PROXY it leaves the request to the SDK's own client,
 * which knows proxies.
 */
export class TwilioHttpClient extends twilio.RequestClient {
  private readonly agents = {
    'http:': new http.Agent({ keepAlive: true }),
    'https:': new https.Agent({ keepAlive: true }),
  };

  constructor(private readonly options: TwilioHttpOptions) {
    super({ timeout: options.timeoutMs, keepAlive: true, autoRetry: false });
  }

  override async request<TData>(opts: RequestOptions<TData>): Promise<Response<TData>> {
    const url = this.target(opts.uri);
    if (process.env.HTTP_PROXY) return (await super.request({ ...opts, uri: url.href })) as Response<TData>;

    const headers: Record<string, string> = { ...(opts.headers as Record<string, string> | undefined) };
    headers.Connection = 'keep-alive';
    if (opts.username && opts.password) {
      headers.Authorization = `Basic ${Buffer.from(`${opts.username}:${opts.password}`).toString('base64')}`;
    } else if (opts.authStrategy) {
      headers.Authorization = await opts.authStrategy.getAuthString();
    }
    if (opts.params) url.search = formEncode(opts.params);
    let body: string | undefined;
    if (opts.data !== undefined && opts.data !== null) {
      body =
        headers['Content-Type'] === 'application/json' ? JSON.stringify(opts.data) : formEncode(opts.data);
      headers['Content-Length'] = String(Buffer.byteLength(body));
    }
    const response = await this.send(url, opts.method.toUpperCase(), headers, body, opts.timeout);
    return withRetryAfter(response) as Response<TData>;
  }

  private target(uri: string): URL {
    const url = new URL(uri);
    return this.options.baseUrl ? new URL(url.pathname + url.search, this.options.baseUrl) : url;
  }

  private send(
    url: URL,
    method: string,
    headers: Record<string, string>,
    body: string | undefined,
    timeoutMs = this.options.timeoutMs,
  ): Promise<Response<string>> {
    const transport = url.protocol === 'https:' ? https : http;
    const agent = url.protocol === 'https:' ? this.agents['https:'] : this.agents['http:'];
    return new Promise((resolve, reject) => {
      const req = transport.request(url, { method, headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () =>
          resolve({
            statusCode: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            headers: res.headers,
          } as Response<string>),
        );
      });
      req.setTimeout(timeoutMs, () =>
        req.destroy(
          Object.assign(new Error(`no answer from Twilio in ${timeoutMs} ms`), { code: 'ETIMEDOUT' }),
        ),
      );
      req.on('error', reject);
      req.end(body);
    });
  }
}

/** As the SDK's own client encodes forms: lists as repeated keys, undefined left out, null empty. */
function formEncode(data: object): string {
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(data)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) form.append(key, v === null ? '' : String(v));
  }
  return form.toString();
}

function withRetryAfter(response: Response<string>): Response<string> {
  const retryAfter = (response.headers as Record<string, string | undefined>)['retry-after'];
  if (response.statusCode < 400 || !retryAfter) return response;
  try {
    const body = JSON.parse(response.body) as Record<string, unknown>;
    body.details = { ...(body.details as object | undefined), retryAfter };
    return { ...response, body: JSON.stringify(body) };
  } catch {
    // A non-JSON error body: the SDK reports the status alone, and so do we.
    return response;
  }
}
