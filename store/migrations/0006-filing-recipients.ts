import { type Migration } from 'kysely';
import { type AnyDb, type FlavorName, types } from './flavor-types.js';

/**
 * A filing names the obligation it fulfils and the recipient it goes to (a regulator's key sees only
 * its own recipient's filings, newest first), the hash of the report as sent, and the regulator's
 * acknowledgement.
 */
export function filingRecipients(flavor: FlavorName): Migration {
  const t = types(flavor);
  return {
    async up(db: AnyDb) {
      await db.schema.alterTable('filings').addColumn('obligation_id', 'text').execute();
      await db.schema.alterTable('filings').addColumn('recipient', 'text').execute();
      await db.schema.alterTable('filings').addColumn('report_hash', 'text').execute();
      await db.schema.alterTable('filings').addColumn('acknowledgement', t.json).execute();
      await db.schema.alterTable('filings').addColumn('acknowledged_at', t.time).execute();
      await db.schema
        .createIndex('filings_recipient_created')
        .on('filings')
        .columns(['recipient', 'created_at', 'id'])
        .execute();
    },
  };
}
