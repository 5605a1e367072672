import type { Migration } from 'kysely';
import { types, type AnyDb, type FlavorName } from './flavor-types.js';

/**
 * A person's postal address, for letters: one JSON value beside the other contact data, erased with
 * it by the purge. No index: the fan-out pages by person, never by address.
 */
export function postalAddress(flavor: FlavorName): Migration {
  const t = types(flavor);
  return {
    async up(db: AnyDb) {
      await db.schema.alterTable('affected_users').addColumn('postal_address', t.json).execute();
    },
  };
}
