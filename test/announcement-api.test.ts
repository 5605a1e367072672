// The announcement in the assembled service (real API, worker and Temporal server): its public
// routes need no key and are documented as public, and the responder's view of the incident
// carries the announcement once it is published.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnnouncementActivities } from '../activities/announcements.js';
import { personalData, PEOPLE, publishInput } from './support/announcement-fixtures.js';
import { eventually, startTestService, type TestService } from './support/service.js';

let svc: TestService;
let id: string;

beforeAll(async () => {
  svc = await startTestService();
  id = await svc.openIncident();
  const rows = PEOPLE.map((p) => [p.userId, p.name, p.email, p.phone, p.locale].join(','));
  const res = await svc.uploadAffectedUsers(id, ['userId,name,email,phone,locale', ...rows].join('\n'));
  expect(res.statusCode).toBeLessThan(300);
  await eventually(async () => (await svc.ledger.latestAssessment(id))?.counts.affected === PEOPLE.length);
});

afterAll(async () => {
  await svc?.close();
});

describe('the announcement in the service', () => {
  it('has no announcement in the incident view before it is published', async () => {
    const { json } = await svc.call('responder', 'GET', `/v1/incidents/${id}`);
    expect(json.announcement).toBeUndefined();
    expect((await svc.app.inject(`/public/announcements/${id}`)).statusCode).toBe(404);
  });

  it('serves the published page without a key and shows it in the incident view', async () => {
    const activities = createAnnouncementActivities({
      ledger: svc.ledger,
      settings: { publicBaseUrl: svc.config.publicBaseUrl },
    });
    const published = await activities.publishAnnouncement(publishInput(id));
    const page = await svc.app.inject(`/public/announcements/${id}?lang=fr`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<html lang="fr">');
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    for (const value of personalData()) expect(page.body).not.toContain(value);

    const { json } = await svc.call('responder', 'GET', `/v1/incidents/${id}`);
    expect(json.announcement).toEqual({
      url: `${svc.config.publicBaseUrl}/public/announcements/${id}`,
      status: 'published',
      reasons: publishInput(id).reasons,
      publishedAt: published.publishedAt,
      updatedAt: published.publishedAt,
      expiresAt: publishInput(id).expiresAt,
      locales: published.locales,
      replacesIndividualNoticeFor: 0,
    });
  });

  it('documents the public routes as needing no key', async () => {
    const doc = (await svc.app.inject('/openapi.json')).json();
    const paths = Object.keys(doc.paths).filter((p) => p.startsWith('/public/announcements'));
    expect(paths.sort()).toEqual(
      [
        '/public/announcements',
        '/public/announcements.atom',
        '/public/announcements/{slug}',
        '/public/announcements/{slug}.json',
        '/public/announcements/{slug}/lookup',
        '/public/announcements/{slug}/lookup/verify',
      ].sort(),
    );
    for (const path of paths) {
      for (const [method, operation] of Object.entries(
        doc.paths[path] as Record<string, { security: unknown; responses: Record<string, unknown> }>,
      )) {
        expect(operation.security, `${method} ${path}`).toEqual([]);
        expect(operation.responses['200'], `${method} ${path}`).toBeDefined();
      }
    }
    expect(doc.paths['/public/announcements/{slug}'].get.responses['404']).toBeDefined();
  });
});
