// Where the service runs: BREACH_URL, or the address `npm start` listens on (PORT and HOST from the
// same configuration). Shared by the `breach` command and `npm run demo`.
import { z } from 'zod';
import { loadConfig } from '../platform/config.js';

/** A problem with the service's address, said in one line instead of a stack trace. */
export class ServiceAddressError extends Error {}

const BreachUrl = z.url({ protocol: /^https?$/ });

/** The service's base URL, without a trailing slash. */
export function serviceUrl(env: NodeJS.ProcessEnv = process.env, given = env.BREACH_URL?.trim()): string {
  if (given) {
    if (!BreachUrl.safeParse(given).success) {
      throw new ServiceAddressError(
        `BREACH_URL: "${given}" is not an http(s) URL such as http://127.0.0.1:8080`,
      );
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
