import type { Migration } from 'kysely';
import { types, type AnyDb, type FlavorName } from './flavor-types.js';

/**
 * Deliveries that wait for a later pass of the fan-out (status `scheduled`): an SMS or call held for
 * the person's quiet hours, or a call to be tried again after nobody answered. `not_before` is when
 * a claim may take them; `unanswered_calls` counts the calls nobody answered, against VOICE_RETRIES.
 */
export function deliverySchedule(flavor: FlavorName): Migration {
  const t = types(flavor);
  return {
    async up(db: AnyDb) {
      await db.schema.alterTable('deliveries').addColumn('not_before', t.time).execute();
      await db.schema
        .alterTable('deliveries')
        .addColumn('unanswered_calls', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
    },
  };
}
