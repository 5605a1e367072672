import { sql, type Migration } from 'kysely';
import { type AnyDb } from './flavor-types.js';

/**
 * Each person of an incident gets a link reference, a number unique within the incident, which their
 * notice link carries instead of their userId (any text of up to 200 characters, often an email
 * address). People already imported are numbered in userId order.
 */
export const affectedUserLinkRef: Migration = {
  async up(db: AnyDb) {
    await db.schema.alterTable('affected_users').addColumn('link_ref', 'integer').execute();
    await sql`UPDATE affected_users SET link_ref = numbered.n
      FROM (SELECT incident_id, user_id,
              row_number() OVER (PARTITION BY incident_id ORDER BY user_id) AS n
            FROM affected_users) AS numbered
      WHERE affected_users.incident_id = numbered.incident_id
        AND affected_users.user_id = numbered.user_id`.execute(db);
    await db.schema
      .createIndex('affected_users_link_ref')
      .on('affected_users')
      .columns(['incident_id', 'link_ref'])
      .unique()
      .execute();
  },
};
