// The `breach` command's only way into the service: its public HTTP API, with the caller's key.
import { createReadStream, statSync } from 'node:fs';
import { Readable, Transform } from 'node:stream';
import { apiError, CliError, EXIT } from './errors.js';
import { unreachableMessage } from './service-address.js';

// Answers are read field by field for tables; the API's OpenAPI document describes them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = Record<string, any>;

export interface Upload {
  file: string;
  contentType: string;
  /** Called as bytes go out, with the bytes sent so far and the file's size. */
  onProgress?: (sent: number, total: number) => void;
}

export class BreachClient {
  constructor(
    readonly baseUrl: string,
    private readonly key: string,
  ) {}

  get(path: string): Promise<Json> {
    return this.call('GET', path);
  }

  post(path: string, body: unknown = {}): Promise<Json> {
    return this.call('POST', path, JSON.stringify(body), 'application/json');
  }

  /** Streams a file to the API, so a file of a million people is never held in memory. */
  upload(path: string, { file, contentType, onProgress }: Upload): Promise<Json> {
    const total = statSync(file).size;
    let sent = 0;
    const counted = createReadStream(file).pipe(
      new Transform({
        transform(chunk: Buffer, _enc, done) {
          sent += chunk.length;
          onProgress?.(sent, total);
          done(null, chunk);
        },
      }),
    );
    return this.call('POST', path, Readable.toWeb(counted) as ReadableStream, contentType);
  }

  private async call(
    method: string,
    path: string,
    body?: string | ReadableStream,
    contentType?: string,
  ): Promise<Json> {
    let res: Response;
    try {
      res = await fetch(this.baseUrl + path, {
        method,
        headers: {
          authorization: `Bearer ${this.key}`,
          accept: 'application/json',
          ...(contentType ? { 'content-type': contentType } : {}),
        },
        body,
        // A streamed body must say it is sent before the answer comes (Node's fetch requires it).
        ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
      } as RequestInit);
    } catch (err) {
      throw new CliError(
        EXIT.failed,
        unreachableMessage(this.baseUrl, err) ?? `${method} ${path}: ${(err as Error).message}`,
      );
    }
    const json = (await res.json().catch(() => undefined)) as Json | undefined;
    if (res.status === 401) {
      throw new CliError(
        EXIT.refused,
        `${this.baseUrl} refused the key (401). Set BREACH_API_KEY (or --key) to a key of this service; ` +
          '`npm run keys` shows the development keys.',
      );
    }
    if (res.status >= 400) throw apiError(method, path, res.status, json);
    return json ?? {};
  }
}
