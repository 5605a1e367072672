// What every migration shares: the store flavour and its column types (jsonb/text, boolean/integer,
// timestamptz/text).
import { sql, type Kysely } from 'kysely';

export type FlavorName = 'sqlite' | 'postgres';

// Migrations operate on whatever schema exists at their time, so they are untyped.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyDb = Kysely<any>;

export function types(flavor: FlavorName) {
  const pg = flavor === 'postgres';
  return {
    json: pg ? ('jsonb' as const) : ('text' as const),
    bool: pg ? ('boolean' as const) : ('integer' as const),
    time: pg ? ('timestamptz' as const) : ('text' as const),
    falseValue: pg ? sql`false` : sql`0`,
  };
}
