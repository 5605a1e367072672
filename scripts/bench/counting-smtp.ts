// The bench's SMTP server: it only counts, per recipient, how many messages arrived and when.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** An SMTP server that keeps, per recipient, how many messages arrived and when. */
export interface CountingSmtp {
  url: string;
  counts: Map<string, number>;
  /** Arrival times (ms since epoch), in order. */
  times: number[];
  close(): Promise<void>;
}

export async function startCountingSmtp(): Promise<CountingSmtp> {
  const counts = new Map<string, number>();
  const times: number[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        for (const r of session.envelope.rcptTo) counts.set(r.address, (counts.get(r.address) ?? 0) + 1);
        times.push(Date.now());
        callback();
      });
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    counts,
    times,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Share of people with an email address, a phone number, a push token (independently per person). */
