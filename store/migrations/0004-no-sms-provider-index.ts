import { type Migration } from 'kysely';
import { type AnyDb } from './flavor-types.js';

/**
 * Twilio's message sids are random, so the index of SMS provider ids took a random page write per
 * acceptance. Status callbacks now carry a sealed delivery reference and find their delivery by its
 * key; only callbacks of messages sent before this scan for the sid.
 */
export const noSmsProviderIndex: Migration = {
  async up(db: AnyDb) {
    await db.schema.dropIndex('deliveries_sms_provider').execute();
  },
};
