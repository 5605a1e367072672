import type { Migration } from 'kysely';
import { types, type AnyDb, type FlavorName } from './flavor-types.js';

/**
 * Letters. A person's postal address: one JSON value beside the other contact data, erased with
 * it by the purge. No index: the fan-out pages by person, never by address.
 */
export function postalAddress(flavor: FlavorName): Migration {
  const t = types(flavor);
  return {
    async up(db: AnyDb) {
      await db.schema.alterTable('affected_users').addColumn('postal_address', t.json).execute();
      // A letter's PDF hash (what was printed) and the date its provider expects it to arrive.
      await db.schema.alterTable('deliveries').addColumn('content_hash', 'text').execute();
      await db.schema.alterTable('deliveries').addColumn('expected_delivery_date', 'text').execute();
    },
  };
}
