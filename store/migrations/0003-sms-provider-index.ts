import { sql, type Migration } from 'kysely';
import { type AnyDb } from './flavor-types.js';

/**
 * Only SMS is looked up by the provider's id (Twilio's status callbacks name the message sid). An
 * index of every channel's provider ids took a random insert per accepted email and push, which
 * cost the ledger more than the rest of a send's writes together.
 */
export const smsProviderIndex: Migration = {
  async up(db: AnyDb) {
    await db.schema.dropIndex('deliveries_provider').execute();
    await sql`CREATE INDEX deliveries_sms_provider ON deliveries (provider_id) WHERE channel = 'sms'`.execute(
      db,
    );
  },
};
