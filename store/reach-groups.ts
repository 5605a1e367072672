// The affected set summed by what the fan-out decides on (which channels have contact data) and by
// language, in one grouped query: a preview of a million people never loads them.
import { sql, type Kysely } from 'kysely';
import type { Flavor } from './flavor.js';
import type { LedgerDatabase } from './schema.js';

/** People sharing the same reachable channels and language. */
export interface ReachGroup {
  email: boolean;
  sms: boolean;
  push: boolean;
  letter: boolean;
  locale: string | null;
  people: number;
}

export interface ReachGroups {
  groups: ReachGroup[];
  /** The latest change to any of the people, so a merge that keeps the counts still shows. */
  lastChangedAt: string | null;
}

export async function reachGroups(
  db: Kysely<LedgerDatabase>,
  flavor: Flavor,
  incidentId: string,
): Promise<ReachGroups> {
  const live = flavor.bool(false);
  const rows = await db
    .selectFrom('affected_users')
    .select([
      sql<number>`case when email is not null then 1 else 0 end`.as('has_email'),
      sql<number>`case when phone is not null then 1 else 0 end`.as('has_phone'),
      sql<number>`case when push_token is not null and push_token_dead = ${live} then 1 else 0 end`.as(
        'has_push',
      ),
      sql<number>`case when postal_address is not null then 1 else 0 end`.as('has_address'),
      'locale',
      sql<number | string>`count(*)`.as('people'),
      sql<string | Date | null>`max(updated_at)`.as('last_changed'),
    ])
    .where('incident_id', '=', incidentId)
    .groupBy(['has_email', 'has_phone', 'has_push', 'has_address', 'locale'] as never)
    .execute();
  let last: string | null = null;
  const groups = rows.map((r) => {
    const changed = r.last_changed === null ? null : new Date(r.last_changed).toISOString();
    if (changed && (!last || changed > last)) last = changed;
    return {
      email: Number(r.has_email) === 1,
      sms: Number(r.has_phone) === 1,
      push: Number(r.has_push) === 1,
      letter: Number(r.has_address) === 1,
      locale: r.locale,
      people: Number(r.people),
    };
  });
  const key = (g: ReachGroup) => `${+g.email}${+g.sms}${+g.push}${+g.letter}${g.locale ?? ''}`;
  groups.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  return { groups, lastChangedAt: last };
}
