// The posting period's durable timer with the real publishing and archive activities: the page is
// published, and when the period ends it is still served, marked archived, in the page, the JSON, the
// index, the ledger and the audit log (one entry per publication, update and archiving); the
// incident's workflow ends with it archived.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANNOUNCEMENT_TEXTS } from '../domain/announcement/texts.js';
import { incidentWorkflowId } from '../workflows/incident-messages.js';
import { eventually, startTestService, type TestService } from './support/service.js';

const POSTING_DAYS = 0.0002; // about 17 seconds
let svc: TestService;
beforeAll(async () => {
  svc = await startTestService({
    // No channel is configured here, so nobody is reached: a share of 1 keeps that from adding a version.
    // Retention is shorter than the posting period, so the workflow ends with the archive.
    env: {
      ANNOUNCEMENT_DEFAULT_DAYS: String(POSTING_DAYS),
      ANNOUNCEMENT_UNREACHABLE_SHARE: '1',
      RETENTION_DAYS: '0.00002',
    },
  });
});
afterAll(async () => {
  await svc?.close();
});

describe('a published announcement at the end of its posting period', () => {
  it('stays reachable and is marked archived everywhere it is shown', async () => {
    const id = await svc.openIncident({ severity: 'medium' });
    await svc.uploadAffectedUsers(id, 'userId,email,country\ne1,e1@archive.example,DE\n');
    await eventually(
      async () => (await svc.call('responder', 'GET', `/v1/incidents/${id}`)).json.assessment?.affected === 1,
    );
    const asked = await svc.call('responder', 'POST', `/v1/incidents/${id}/announcement`, {
      reason: 'asked for by the regulator',
    });
    expect(asked.status).toBe(200);
    expect((await svc.call('approver', 'POST', `/v1/incidents/${id}/approve`, {})).status).toBe(200);
    await svc.reachPhase(id, 'monitoring');
    await eventually(async () => (await svc.app.inject(`/public/announcements/${id}`)).statusCode === 200);
    const before = await svc.app.inject(`/public/announcements/${id}?lang=en`);
    expect(before.body).not.toContain(ANNOUNCEMENT_TEXTS.en!.archived);

    const update = await svc.call('responder', 'POST', `/v1/incidents/${id}/updates`, {
      measuresTaken: 'All keys were rotated a second time and the bucket deleted.',
      note: 'new measures',
    });
    expect(update.status).toBe(202);
    await eventually(async () =>
      (await svc.app.inject(`/public/announcements/${id}?lang=en`)).body.includes('rotated a second time'),
    );
    const closed = await svc.call('responder', 'POST', `/v1/incidents/${id}/close`, {
      reason: 'handled',
      acknowledgeOpenObligations: true,
    });
    expect(closed.status).toBe(200);
    const final = await svc.client.workflow.getHandle(incidentWorkflowId(id)).result();
    expect(final.announcement).toMatchObject({ status: 'archived', version: 2 });

    const page = await svc.app.inject(`/public/announcements/${id}?lang=en`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(ANNOUNCEMENT_TEXTS.en!.archived);
    const json = (await svc.app.inject(`/public/announcements/${id}.json`)).json();
    expect(json.status).toBe('archived');
    const index = await svc.app.inject('/public/announcements?lang=en');
    expect(index.body).toContain(ANNOUNCEMENT_TEXTS.en!.archivedLabel);
    const [record] = await svc.ledger.listAnnouncements(id);
    expect(record).toMatchObject({ status: 'archived' });
    expect(Date.parse(record!.archivedAt!)).toBeGreaterThanOrEqual(Date.parse(json.expiresAt));
    const archived = (await svc.ledger.listAudit(id)).filter((a) => a.action === 'announcement:archived');
    expect(archived).toHaveLength(1);
    // The publishing activity and the workflow each record what happened; one entry per event remains.
    const published = (await svc.ledger.listAudit(id)).filter((a) => a.action === 'announcement:published');
    expect(published).toHaveLength(1);
    expect(published[0]?.details).toMatchObject({ version: 1 });
    const updated = (await svc.ledger.listAudit(id)).filter((a) => a.action === 'announcement:updated');
    expect(updated).toHaveLength(1);
    expect(updated[0]?.details).toMatchObject({ version: 2, contentHash: json.contentHash });
  }, 120_000);
});
