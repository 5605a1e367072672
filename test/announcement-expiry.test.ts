// The posting period is a durable timer: it archives the announcement after the incident closed, and
// the workflow waits for it even when the retention period (and the purge) came first.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { incidentWorkflowId } from '../workflows/incident-messages.js';
import { announcementRecorder, type AnnouncementRecorder } from './support/announcement-recorder.js';
import { eventually, startTestService, type TestService } from './support/service.js';

const POSTING_DAYS = 0.0002; // about 17 seconds
let recorder: AnnouncementRecorder;
let svc: TestService;
beforeAll(async () => {
  recorder = announcementRecorder();
  svc = await startTestService({
    // No channel is configured here, so nobody is reached: a share of 1 keeps that from adding a version.
    env: {
      ANNOUNCEMENT_DEFAULT_DAYS: String(POSTING_DAYS),
      ANNOUNCEMENT_UNREACHABLE_SHARE: '1',
      RETENTION_DAYS: '0.00002',
    },
    announcements: recorder.activities,
  });
});
afterAll(async () => {
  await svc?.close();
});

describe('announcement posting period', () => {
  it('archives the announcement when its period ends, after the incident closed and its data was purged', async () => {
    const id = await svc.openIncident({ severity: 'medium' });
    await svc.uploadAffectedUsers(id, 'userId,email,country\ne1,e1@expiry.example,DE\n');
    await eventually(
      async () => (await svc.call('responder', 'GET', `/v1/incidents/${id}`)).json.assessment?.affected === 1,
    );
    const asked = await svc.call('responder', 'POST', `/v1/incidents/${id}/announcement`, {
      reason: 'asked for by the regulator',
    });
    expect(asked.status).toBe(200);
    await svc.call('approver', 'POST', `/v1/incidents/${id}/approve`, {});
    await svc.reachPhase(id, 'monitoring');
    const published = await eventually(async () => {
      const a = (await svc.call('responder', 'GET', `/v1/incidents/${id}`)).json.announcement;
      return a?.status === 'published' ? a : undefined;
    });
    // The period is counted in workflow time from just before the publication was asked for.
    const period = Date.parse(published.expiresAt) - Date.parse(published.publishedAt);
    expect(period).toBeLessThanOrEqual(POSTING_DAYS * 86_400_000);
    expect(period).toBeGreaterThan(POSTING_DAYS * 86_400_000 - 10_000);
    const closed = await svc.call('responder', 'POST', `/v1/incidents/${id}/close`, {
      reason: 'handled',
      acknowledgeOpenObligations: true,
    });
    expect(closed.status).toBe(200);
    // Retention is shorter than the posting period here: the purge comes first, the archive still follows.
    await eventually(async () =>
      (await svc.ledger.listAudit(id)).some((a) => a.action === 'retention:purge'),
    );
    expect(recorder.archived.filter((a) => a.incidentId === id)).toHaveLength(0);

    const handle = svc.client.workflow.getHandle(incidentWorkflowId(id));
    const final = await handle.result();
    expect(final.announcement).toMatchObject({ status: 'archived', version: 1 });
    expect(Date.parse(final.announcement!.archivedAt!)).toBeGreaterThanOrEqual(
      Date.parse(published.expiresAt),
    );
    expect(recorder.archived.filter((a) => a.incidentId === id)).toHaveLength(1);
    const archived = (await svc.ledger.listAudit(id)).filter((a) => a.action === 'announcement:archived');
    expect(archived).toHaveLength(1);
    expect(archived[0]?.reason).toMatch(/posting period .* ended \(default\)/);
  });
});
