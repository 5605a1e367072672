// The announcement driven by the incident workflow on a real Temporal server: each trigger publishes
// with its recorded reason, an incident under every threshold publishes nothing, supplements re-publish
// and the posting period's timer archives it. Publishing itself is a recording test implementation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevProviders, type DevProviders } from '../dev/providers.js';
import { announcementRecorder, type AnnouncementRecorder } from './support/announcement-recorder.js';
import { eventually, startTestService, type TestService } from './support/service.js';

let providers: DevProviders;
let recorder: AnnouncementRecorder;
let svc: TestService;
beforeAll(async () => {
  providers = await startDevProviders({ deliverAfterMs: 60_000 });
  recorder = announcementRecorder();
  svc = await startTestService({
    env: {
      ...providers.env,
      EMAIL_FROM: '"Acme Privacy" <privacy@acme.example>',
      NOTICE_BASE_URL: 'https://notify.acme.example',
    },
    announcements: recorder.activities,
  });
});
afterAll(async () => {
  await svc?.close();
  await providers?.close();
});

async function openWith(csv: string, overrides: Record<string, unknown> = {}): Promise<string> {
  const id = await svc.openIncident({ severity: 'medium', ...overrides });
  const rows = csv.trim().split('\n').length - 1;
  expect((await svc.uploadAffectedUsers(id, csv)).statusCode).toBeLessThan(300);
  await eventually(async () => (await view(id)).assessment?.affected === rows);
  return id;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function view(id: string): Promise<any> {
  return (await svc.call('responder', 'GET', `/v1/incidents/${id}`)).json;
}

async function announcementOf(id: string, status: string) {
  return eventually(async () => {
    const a = (await view(id)).announcement;
    return a?.status === status ? a : undefined;
  });
}

async function auditOf(id: string, action: string) {
  return (await svc.ledger.listAudit(id)).filter((e) => e.action === action);
}

const mailsTo = (domain: string) =>
  providers.smtp.received.filter((m) => m.envelope.to.some((t) => t.endsWith(domain)));

describe('announcement decided with the notices', () => {
  it('a substitute notice (GDPR, disproportionate effort) replaces the individual notices for everyone', async () => {
    const id = await openWith(
      'userId,email,country\ng1,g1@gdpr.example,DE\ng2,g2@gdpr.example,DE\ng3,g3@gdpr.example,FR\n',
    );
    for (const kind of ['high_risk', 'disproportionate_effort']) {
      const r = await svc.call('approver', 'POST', `/v1/incidents/${id}/judgements`, {
        kind,
        value: true,
        reason: `assessed ${kind} for the test`,
      });
      expect(r.status).toBeLessThan(300);
    }
    const proposed = await announcementOf(id, 'proposed');
    expect(proposed.reasons).toEqual([
      expect.objectContaining({ code: 'substitute_notice', regime: 'eu_gdpr' }),
    ]);
    expect(proposed).toMatchObject({ replacesIndividualNoticeFor: 3, skipIndividualNotices: 'everyone' });

    const approved = await svc.call('approver', 'POST', `/v1/incidents/${id}/approve`, { note: 'both' });
    expect(approved.status).toBe(200);
    expect(approved.json.announcement).toMatchObject({ status: 'approved', replacesIndividualNoticeFor: 3 });
    await svc.reachPhase(id, 'monitoring');

    const published = await announcementOf(id, 'published');
    expect(published.url).toBe(`https://status.acme.example/public/announcements/${id}`);
    expect(published.locales).toEqual(['en']);
    expect(Date.parse(published.expiresAt) - Date.parse(published.publishedAt)).toBeGreaterThan(
      89 * 86_400_000,
    );
    expect(recorder.publishedFor(id)).toEqual([
      expect.objectContaining({
        version: 1,
        replacesIndividualNoticeFor: 3,
        approvedBy: 'approver:test-approver',
      }),
    ]);
    // The fan-out did not run: nobody was sent an individual notice.
    expect(mailsTo('@gdpr.example')).toHaveLength(0);
    expect((await svc.call('responder', 'GET', `/v1/incidents/${id}/deliveries`)).json.items).toEqual([]);
    const [decided] = await auditOf(id, 'announcement:decided');
    expect(decided).toMatchObject({ actor: 'approver:test-approver' });
    expect(decided?.details).toMatchObject({ stage: 'with_notices', replacesIndividualNoticeFor: 3 });
    expect(decided?.reason).toMatch(/General Data Protection|GDPR/);
    // The audit entry follows the publication, written by the workflow's next step.
    await eventually(async () => (await auditOf(id, 'announcement:published')).length === 1);
  });

  it("California's substitute (email + posting + media) complements the notices; those without contact get the posting", async () => {
    const id = await openWith(
      'userId,email,country,region\nc1,c1@ca.example,US,US-CA\nc2,c2@ca.example,US,US-CA\nc3,,US,US-CA\n',
      { dataCategories: ['name', 'national_id'] },
    );
    const proposed = await announcementOf(id, 'proposed');
    expect(proposed.reasons).toEqual([
      expect.objectContaining({ code: 'required_alongside', regime: 'us_california' }),
    ]);
    expect(proposed).toMatchObject({
      replacesIndividualNoticeFor: 1,
      skipIndividualNotices: 'people_without_contact',
    });
    await svc.call('approver', 'POST', `/v1/incidents/${id}/approve`, {});
    await svc.reachPhase(id, 'monitoring');
    await announcementOf(id, 'published');
    // The two with an address still get their individual notice.
    await eventually(async () => mailsTo('@ca.example').length === 2);
    expect(recorder.publishedFor(id)[0]?.reasons[0]?.detail).toMatch(/email to people with an address/);
    // The one without contact is then also left unreachable (1 of 3): a reason more, still one person.
    const a = await eventually(async () => {
      const current = (await view(id)).announcement;
      return current?.reasons.length === 2 && current.status === 'published' ? current : undefined;
    });
    expect(a.reasons[1]).toMatchObject({ code: 'unreachable_share' });
    expect(a.replacesIndividualNoticeFor).toBe(1);
  });

  it("a responder's request joins the notices' approval, and a supplement re-publishes it as the next version", async () => {
    const id = await openWith('userId,email,country\nr1,r1@req.example,DE\nr2,r2@req.example,DE\n');
    const bad = await svc.call('responder', 'POST', `/v1/incidents/${id}/announcement`, {});
    expect(bad.status).toBe(400);
    expect(bad.json.error.issues[0].path).toBe('reason');
    expect(
      (await svc.call('approver', 'POST', `/v1/incidents/${id}/announcement`, { reason: 'x y z' })).status,
    ).toBe(403);
    const asked = await svc.call('responder', 'POST', `/v1/incidents/${id}/announcement`, {
      reason: 'the breach is in the news',
    });
    expect(asked.status).toBe(200);
    expect(asked.json.announcement).toMatchObject({
      status: 'proposed',
      reasons: [
        { code: 'requested', detail: 'requested by responder:test-responder: the breach is in the news' },
      ],
    });
    expect(await auditOf(id, 'announcement:requested')).toHaveLength(1);
    // Approved with the notices, not on its own.
    expect((await svc.call('approver', 'POST', `/v1/incidents/${id}/announcement/approve`, {})).status).toBe(
      409,
    );
    await svc.call('approver', 'POST', `/v1/incidents/${id}/approve`, {});
    await svc.reachPhase(id, 'monitoring');
    const first = await announcementOf(id, 'published');
    await eventually(async () => mailsTo('@req.example').length === 2);
    expect(
      (await svc.call('responder', 'POST', `/v1/incidents/${id}/announcement`, { reason: 'again' })).status,
    ).toBe(409);

    const update = await svc.call('responder', 'POST', `/v1/incidents/${id}/updates`, {
      measuresTaken: 'All keys were rotated a second time and the bucket deleted.',
      note: 'new measures',
    });
    expect(update.status).toBe(202);
    const second = await eventually(async () => {
      const a = (await view(id)).announcement;
      return a?.version === 2 ? a : undefined;
    });
    expect(second.publishedAt).toBe(first.publishedAt);
    expect(second.expiresAt).toBe(first.expiresAt);
    expect(Date.parse(second.updatedAt)).toBeGreaterThanOrEqual(Date.parse(first.updatedAt));
    expect(recorder.publishedFor(id).map((p) => p.version)).toEqual([1, 2]);
    // The audit entry follows the publication, written by the workflow's next step.
    await eventually(async () => (await auditOf(id, 'announcement:published')).length === 2);
  });

  it('announces nothing for an incident under every threshold', async () => {
    const id = await openWith('userId,email,country\nq1,q1@quiet.example,DE\nq2,q2@quiet.example,US\n');
    expect((await view(id)).announcement).toBeUndefined();
    const approved = await svc.call('approver', 'POST', `/v1/incidents/${id}/approve`, {});
    expect(approved.json.announcement).toBeUndefined();
    await svc.reachPhase(id, 'monitoring');
    await eventually(async () => mailsTo('@quiet.example').length === 2);
    expect((await view(id)).announcement).toBeUndefined();
    expect(recorder.publishedFor(id)).toHaveLength(0);
    expect((await svc.ledger.listAudit(id)).filter((e) => e.action.startsWith('announcement:'))).toHaveLength(
      0,
    );
  });
});

describe('announcement decided after the notices', () => {
  it('an announcement approved with the notices also stands in for those they then failed to reach', async () => {
    const id = await openWith('userId,email,country\nw1,w1@widen.example,DE\nw2,,DE\n');
    await svc.call('responder', 'POST', `/v1/incidents/${id}/announcement`, { reason: 'press enquiries' });
    await svc.call('approver', 'POST', `/v1/incidents/${id}/approve`, {});
    await svc.reachPhase(id, 'monitoring');
    const widened = await eventually(async () => {
      const a = (await view(id)).announcement;
      const last = recorder.publishedFor(id).at(-1);
      return a?.status === 'published' && last?.reasons.length === 2 ? { a, last } : undefined;
    });
    expect(widened.a.reasons.map((r: { code: string }) => r.code)).toEqual([
      'requested',
      'unreachable_share',
    ]);
    expect(widened.a.replacesIndividualNoticeFor).toBe(1);
    expect(widened.last.replacesIndividualNoticeFor).toBe(1);
    // Already approved and public: no second approval, the decision is audited per stage.
    const decided = await eventually(async () => {
      const entries = await auditOf(id, 'announcement:decided');
      return entries.length === 2 ? entries : undefined;
    });
    expect(decided.map((e) => e.details?.stage)).toEqual(['with_notices', 'after_notices']);
  });

  it('too many people left unreachable makes an announcement that needs its own approval', async () => {
    const id = await openWith(
      'userId,email,country\nu1,u1@unreach.example,DE\nu2,u2@unreach.example,DE\nu3,,DE\nu4,,DE\n',
    );
    expect((await view(id)).announcement).toBeUndefined();
    await svc.call('approver', 'POST', `/v1/incidents/${id}/approve`, {});
    await svc.reachPhase(id, 'monitoring');
    const waiting = await announcementOf(id, 'awaiting_approval');
    expect(waiting).toMatchObject({ stage: 'after_notices', replacesIndividualNoticeFor: 2 });
    expect(waiting.reasons).toEqual([
      {
        code: 'unreachable_share',
        detail: '2 of 4 people (50 %) no channel reached, over the 10 % threshold',
      },
    ]);
    const [decided] = await eventually(async () => {
      const entries = await auditOf(id, 'announcement:decided');
      return entries.length ? entries : undefined;
    });
    expect(decided).toMatchObject({
      actor: 'system',
      details: expect.objectContaining({ stage: 'after_notices' }),
    });
    expect(recorder.publishedFor(id)).toHaveLength(0);

    expect((await svc.call('responder', 'POST', `/v1/incidents/${id}/announcement/approve`, {})).status).toBe(
      403,
    );
    const approved = await svc.call('approver', 'POST', `/v1/incidents/${id}/announcement/approve`, {
      note: 'publish it',
    });
    expect(approved.status).toBe(200);
    expect(approved.json.announcement).toMatchObject({ status: 'approved' });
    await announcementOf(id, 'published');
    expect(recorder.publishedFor(id)).toEqual([
      expect.objectContaining({
        version: 1,
        replacesIndividualNoticeFor: 2,
        approvedBy: 'approver:test-approver',
      }),
    ]);
    expect((await svc.call('approver', 'POST', `/v1/incidents/${id}/announcement/approve`, {})).status).toBe(
      409,
    );
    expect(await auditOf(id, 'announcement:approved')).toHaveLength(1);
  });
});
