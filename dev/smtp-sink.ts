import { simpleParser } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';

/** A message the sink accepted, parsed back so tests and the development page can read it. */
export interface ReceivedMail {
  envelope: { from: string; to: string[] };
  messageId: string | undefined;
  subject: string | undefined;
  from: string | undefined;
  to: string[];
  text: string | undefined;
  html: string | undefined;
  /** Lower-cased header names; values as mailparser decoded them. */
  headers: Record<string, unknown>;
  raw: string;
  receivedAt: Date;
}

export interface SmtpFailure {
  /** 4xx answers are temporary (the sender should retry), 5xx permanent. */
  code: number;
  message?: string;
  /** Fail this many times, then accept; forever when omitted. */
  times?: number;
}

export interface SmtpSink {
  /** `smtp://127.0.0.1:<port>`, for `SMTP_URL`. */
  url: string;
  port: number;
  received: ReceivedMail[];
  /** Answer RCPT TO for this address with the given SMTP code. */
  fail(recipient: string, failure: SmtpFailure): void;
  /** Forget failures and received messages. */
  reset(): void;
  /** Connections open now and the most open at once since the last reset. */
  stats(): { openConnections: number; peakConnections: number };
  /** Resolves once at least `count` messages have been received. */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

/**
 * A real SMTP server on localhost that keeps what it receives. No TLS and no authentication:
 * it only listens on the loopback interface and is for tests and development mode.
 */
export async function startSmtpSink(options: { port?: number; host?: string } = {}): Promise<SmtpSink> {
  const received: ReceivedMail[] = [];
  const failures = new Map<string, SmtpFailure>();
  const waiters = new Set<() => void>();
  let open = 0;
  let peak = 0;

  const failureFor = (address: SMTPServerAddress): SmtpFailure | undefined => {
    const key = address.address.toLowerCase();
    const failure = failures.get(key);
    if (!failure) return undefined;
    if (failure.times !== undefined) {
      if (failure.times <= 0) return undefined;
      failure.times -= 1;
    }
    return failure;
  };

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    size: 10 * 1024 * 1024,
    onConnect(_session, callback) {
      open += 1;
      peak = Math.max(peak, open);
      callback();
    },
    onClose() {
      open -= 1;
    },
    onRcptTo(address, _session, callback) {
      const failure = failureFor(address);
      if (!failure) return callback();
      const err = new Error(
        failure.message ?? (failure.code >= 500 ? 'Mailbox unavailable' : 'Try again later'),
      );
      (err as Error & { responseCode: number }).responseCode = failure.code;
      return callback(err);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('error', callback);
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        simpleParser(raw)
          .then((mail) => {
            const toField = Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : [];
            received.push({
              envelope: {
                from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
                to: session.envelope.rcptTo.map((r) => r.address),
              },
              messageId: mail.messageId,
              subject: mail.subject,
              from: mail.from?.text,
              to: toField.flatMap((a) => a.value.map((v) => v.address ?? '')),
              text: mail.text,
              html: typeof mail.html === 'string' ? mail.html : undefined,
              headers: Object.fromEntries(mail.headers),
              raw,
              receivedAt: new Date(),
            });
            for (const wake of waiters) wake();
            callback();
          })
          .catch((err: Error) => callback(err));
      });
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  // smtp-server reports client errors (e.g. a dropped connection) here; a sink must not crash on them.
  server.on('error', () => undefined);
  const port = (server.server.address() as AddressInfo).port;

  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    received,
    fail(recipient, failure) {
      failures.set(recipient.toLowerCase(), { ...failure });
    },
    reset() {
      failures.clear();
      received.length = 0;
      peak = open;
    },
    stats() {
      return { openConnections: open, peakConnections: peak };
    },
    waitFor(count, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (received.length >= count) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(received.slice());
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`smtp sink: ${received.length} of ${count} messages after ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close() {
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
