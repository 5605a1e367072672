import { simpleParser } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';
import { Arrivals } from './arrivals.js';
import { takeScripted } from './scripted-failures.js';

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

async function parseReceived(raw: string, session: SMTPServerSession): Promise<ReceivedMail> {
  const mail = await simpleParser(raw);
  const toField = Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : [];
  return {
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
  };
}

function smtpServer(
  received: Arrivals<ReceivedMail>,
  failures: Map<string, SmtpFailure>,
  connections: { open: number; peak: number },
) {
  return new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    size: 10 * 1024 * 1024,
    onConnect(_session, callback) {
      connections.open += 1;
      connections.peak = Math.max(connections.peak, connections.open);
      callback();
    },
    onClose() {
      connections.open -= 1;
    },
    onRcptTo(address, _session, callback) {
      const failure = takeScripted(failures, address.address.toLowerCase());
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
        parseReceived(Buffer.concat(chunks).toString('utf8'), session)
          .then((mail) => {
            received.push(mail);
            callback();
          })
          .catch((err: Error) => callback(err));
      });
    },
  });
}

/**
 * A real SMTP server on localhost that keeps what it receives. No TLS and no authentication:
 * it only listens on the loopback interface and is for tests and development mode.
 */
export async function startSmtpSink(options: { port?: number; host?: string } = {}): Promise<SmtpSink> {
  const received = new Arrivals<ReceivedMail>('smtp sink: messages');
  const failures = new Map<string, SmtpFailure>();
  const connections = { open: 0, peak: 0 };
  const server = smtpServer(received, failures, connections);
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
    received: received.items,
    fail(recipient, failure) {
      failures.set(recipient.toLowerCase(), { ...failure });
    },
    reset() {
      failures.clear();
      received.clear();
      connections.peak = connections.open;
    },
    stats() {
      return { openConnections: connections.open, peakConnections: connections.peak };
    },
    waitFor: (count, timeoutMs = 60_000) => received.waitFor(count, timeoutMs),
    close() {
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
