// Content negotiation for the few routes that answer more than JSON (a filing's PDF, the register's
// CSV): the client's most preferred of the offered media types, JSON when it names none of them.
import { z } from 'zod';

/** The offered type the Accept header ranks highest (by q, then by order); the first offered when none match. */
export function preferredType<T extends string>(
  accept: string | undefined,
  offered: readonly [T, ...T[]],
): T {
  let best: { type: T; q: number } | undefined;
  for (const part of (accept ?? '').split(',')) {
    const [range = '', ...params] = part.trim().toLowerCase().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!(q > 0)) continue;
    // Wildcards do not choose: a browser's */* should still get the JSON.
    const type = offered.find((o) => o === range.trim());
    if (type && (!best || q > best.q)) best = { type, q };
  }
  return best?.type ?? offered[0];
}

/** A body the route sends as bytes (PDF, CSV); documented, not serialized. */
export const BinaryBody = (description: string) =>
  z.any().meta({ type: 'string', format: 'binary', description });
