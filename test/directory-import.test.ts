// Affected people read from the company's own user directory (a PostgreSQL table), inside the workflow.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { eventually, startTestService, type TestService } from './support/service.js';
import { testSchemaName } from './support/schema-name.js';

const schema = testSchemaName('dir');
let svc: TestService;
let db: pg.Client;

beforeAll(async () => {
  db = new pg.Client({ connectionString: inject('databaseUrl') });
  await db.connect();
  await db.query(`CREATE SCHEMA ${schema}`);
  await db.query(`CREATE TABLE ${schema}.users (id text, mail text, mobile text, cc text, lang text)`);
  // 2,500 people (several pages), one with a bad email, and one without an id.
  await db.query(
    `INSERT INTO ${schema}.users SELECT 'u' || lpad(i::text, 5, '0'), 'person' || i || '@example.com', NULL, 'DE', 'de' FROM generate_series(1, 2500) i`,
  );
  await db.query(`UPDATE ${schema}.users SET mail = 'broken@@example.com' WHERE id = 'u00007'`);
  await db.query(`INSERT INTO ${schema}.users VALUES (NULL, 'ghost@example.com', NULL, 'DE', 'de')`);
  svc = await startTestService({
    env: {
      DIRECTORY_DATABASE_URL: inject('databaseUrl'),
      DIRECTORY_QUERY: `SELECT id AS user_id, mail AS email, mobile AS phone, cc AS country, lang AS locale FROM ${schema}.users`,
    },
  });
});
afterAll(async () => {
  await svc?.close();
  await db?.end();
});

describe('import from the user directory', () => {
  it('reads the directory durably, reports rejects, re-assesses, and refuses a second run while one is running', async () => {
    const id = await svc.openIncident();

    const started = await svc.call('responder', 'POST', `/v1/incidents/${id}/affected-users/directory`);
    expect(started.status).toBe(202);
    expect(started.json.directoryImport).toBe('running');

    const view = await eventually(
      async () => {
        const r = await svc.call('responder', 'GET', `/v1/incidents/${id}`);
        return r.json.directoryImport?.status === 'done' && r.json.assessment?.affected === 2499
          ? r.json
          : undefined;
      },
      { timeoutMs: 60_000 },
    );
    expect(view.directoryImport.summary).toMatchObject({ accepted: 2499, rejected: 2, inserted: 2499 });
    expect(view.directoryImport.summary.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'email' }),
        expect.objectContaining({ field: 'userId' }),
      ]),
    );
    expect(view.assessment.byCountry).toMatchObject({ DE: 2499 });
    expect(JSON.stringify(view.directoryImport)).not.toContain('@');

    // Once notices started, the directory cannot change the list any more.
    await svc.call('approver', 'POST', `/v1/incidents/${id}/approve`, { note: 'go' });
    await eventually(
      async () =>
        (await svc.call('responder', 'GET', `/v1/incidents/${id}`)).json.phase !== 'awaiting_approval',
    );
    expect((await svc.call('responder', 'POST', `/v1/incidents/${id}/affected-users/directory`)).status).toBe(
      409,
    );
  });
});
