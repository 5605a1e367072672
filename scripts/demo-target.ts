// Where `npm run demo` finds the service and which keys it calls it with: the address `npm start`
// listens on (PORT and HOST from the same configuration) unless BREACH_URL names another, and the
// development keys from DATA_DIR unless RESPONDER_KEY and APPROVER_KEY are given.
import { readDevKeys, type DevKeyPair } from '../api/dev-keys.js';
import { ServiceAddressError, unreachableMessage } from '../cli/service-address.js';
import { loadConfig } from '../platform/config.js';

export { serviceUrl, unreachableMessage } from '../cli/service-address.js';

/** A problem the demo explains in one line instead of a stack trace. */
export const DemoError = ServiceAddressError;

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
