// Where `npm run demo` finds the service and which keys it calls it with: the address `npm start`
// listens on (PORT and HOST from the same configuration) unless BREACH_URL names another, and the
// development keys from DATA_DIR unless RESPONDER_KEY and APPROVER_KEY are given.
import { z } from 'zod';
import { readDevKeys, type DevKeyPair } from '../api/dev-keys.js';
import { loadConfig } from '../platform/config.js';

/** A problem the demo explains in one line instead of a stack trace. */
export class DemoError extends Error {}

const BreachUrl = z.url({ protocol: /^https?$/ });

/** The service's base URL, without a trailing slash. */
export function serviceUrl(env: NodeJS.ProcessEnv = process.env): string {
  const given = env.BREACH_URL?.trim();
  if (given) {
    if (!BreachUrl.safeParse(given).success) {
      throw new DemoError(`BREACH_URL: "${given}" is not an http(s) URL such as http://127.0.0.1:8080`);
    }
    return given.replace(/\/+$/, '');
  }
  const { HOST, PORT } = loadConfig(env);
  return `http://${connectableHost(HOST)}:${PORT}`;
}

/** A listening address (`0.0.0.0`, `::`) is not one to connect to: its loopback is. */
function connectableHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::' || host === '[::]') return '[::1]';
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

const CONNECT_ERRORS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host not found',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ECONNRESET: 'connection reset',
  ETIMEDOUT: 'timed out',
  UND_ERR_CONNECT_TIMEOUT: 'timed out',
  UND_ERR_SOCKET: 'connection closed',
};

/**
 * The one line for a request that reached nothing at `url`, or undefined when `err` is not such a
 * failure (fetch reports them as "fetch failed" with the socket error as its cause).
 */
export function unreachableMessage(url: string, err: unknown): string | undefined {
  const cause = err instanceof Error ? (err.cause as { code?: string } | undefined) : undefined;
  const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
  const why = timedOut ? 'timed out' : cause?.code ? CONNECT_ERRORS[cause.code] : undefined;
  if (!why) return undefined;
  return (
    `Nothing answers at ${url} (${why}). Start the service with \`npm start\` (it listens on PORT and HOST), ` +
    'or set BREACH_URL to where it runs.'
  );
}

/** Asks /healthz, so the demo says plainly when the service is not there before it sends anything. */
export async function checkService(url: string, timeoutMs = 10_000): Promise<void> {
  let res: Response;
  try {
    res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    throw new DemoError(
      unreachableMessage(url, err) ?? `GET ${url}/healthz failed: ${(err as Error).message}`,
    );
  }
  const body = (await res.json().catch(() => undefined)) as { status?: unknown } | undefined;
  if (res.status !== 200 || body?.status !== 'ok') {
    throw new DemoError(
      `Something answers at ${url}, but not this service (GET /healthz: ${res.status}). Set BREACH_URL to the service's address.`,
    );
  }
}

/** RESPONDER_KEY and APPROVER_KEY when given, otherwise the development keys `npm start` made. */
export function demoKeys(env: NodeJS.ProcessEnv = process.env): DevKeyPair {
  const responder = env.RESPONDER_KEY?.trim();
  const approver = env.APPROVER_KEY?.trim();
  if (responder && approver) return { responder, approver };
  if (responder || approver) throw new DemoError('Set both RESPONDER_KEY and APPROVER_KEY, or neither.');
  const config = loadConfig(env);
  if (config.BREACH_API_KEYS) {
    throw new DemoError(
      'BREACH_API_KEYS is set, so there are no development keys: set RESPONDER_KEY and APPROVER_KEY to a responder and an approver key.',
    );
  }
  const stored = readDevKeys(config.dataDir);
  if (stored.kind === 'found') return stored.keys;
  if (stored.kind === 'none') {
    throw new DemoError(
      `No development keys in ${config.dataDir} yet: start the service with \`npm start\` (it makes them), or set RESPONDER_KEY and APPROVER_KEY.`,
    );
  }
  throw new DemoError(
    `The development keys cannot be read (${stored.reason}): run \`npm run keys -- --new\` and restart \`npm start\`, or set RESPONDER_KEY and APPROVER_KEY.`,
  );
}
