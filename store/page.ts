// Keyset pages: what a caller gets back, and the opaque cursor that leads to the next one.
import { z } from 'zod';

export interface Page<T> {
  items: T[];
  /** Opaque; absent on the last page. */
  nextCursor?: string;
}

/** A cursor that this store did not issue (the API answers 400). */
export class InvalidCursorError extends Error {
  constructor() {
    super('invalid cursor');
    this.name = 'InvalidCursorError';
  }
}

const CursorTuple = z
  .array(z.union([z.string(), z.number()]))
  .min(1)
  .max(4);
export function encodeCursor(values: (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}
export function decodeCursor(cursor: string, shape: ('string' | 'number')[]): (string | number)[] {
  try {
    const values = CursorTuple.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    if (values.length !== shape.length || values.some((v, i) => typeof v !== shape[i]))
      throw new Error('shape');
    return values;
  } catch {
    throw new InvalidCursorError();
  }
}

/** The page of rows read with `limit + 1` (the extra row says whether another page follows), newest first by (createdAt, id). */
export function newestFirstPage<R, T extends { createdAt: string; id: string }>(
  rows: R[],
  limit: number,
  toItem: (row: R) => T,
): Page<T> {
  const items = rows.slice(0, limit).map(toItem);
  const last = items.at(-1);
  return rows.length > limit && last
    ? { items, nextCursor: encodeCursor([last.createdAt, last.id]) }
    : { items };
}
