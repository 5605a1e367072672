// The announcement of an incident from decision to a person finding out, with nothing stood in for:
// the workflow decides a substitute notice, the approver approves, the worker's publishing activity
// renders the page and delivers it to the webhook, the page serves it, and an affected person's
// lookup through the page's form gets a code from the local SMTP server that opens their notice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevProviders, type DevProviders } from '../dev/providers.js';
import { startAnnouncementWebhook, type AnnouncementWebhook } from '../dev/announcement-webhook.js';
import { refOf } from './support/lookup-rig.js';
import { eventually, startTestService, type TestService } from './support/service.js';

let providers: DevProviders;
let webhook: AnnouncementWebhook;
let svc: TestService;
beforeAll(async () => {
  providers = await startDevProviders({ deliverAfterMs: 60_000 });
  webhook = await startAnnouncementWebhook({ failFirst: 1 });
  svc = await startTestService({
    env: {
      ...providers.env,
      EMAIL_FROM: '"Acme Privacy" <privacy@acme.example>',
      NOTICE_BASE_URL: 'https://notify.acme.example',
      ANNOUNCEMENT_WEBHOOK_URL: webhook.url,
    },
  });
});
afterAll(async () => {
  await svc?.close();
  await webhook?.close();
  await providers?.close();
});

const form = (fields: Record<string, string>) => ({
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  payload: new URLSearchParams(fields).toString(),
});

describe('an announcement, end to end', () => {
  it('is decided, approved, published to the page and the webhook, and answers an affected person', async () => {
    const id = await svc.openIncident({ severity: 'medium' });
    const csv =
      'userId,name,email,country\ne1,Erika Muster,erika@e2e.example,DE\ne2,Jean Dupont,jean@e2e.example,FR\n';
    expect((await svc.uploadAffectedUsers(id, csv)).statusCode).toBeLessThan(300);
    await eventually(
      async () => (await svc.call('responder', 'GET', `/v1/incidents/${id}`)).json.assessment?.affected === 2,
    );
    for (const kind of ['high_risk', 'disproportionate_effort']) {
      const r = await svc.call('approver', 'POST', `/v1/incidents/${id}/judgements`, {
        kind,
        value: true,
        reason: `assessed ${kind} for the test`,
      });
      expect(r.status).toBeLessThan(300);
    }
    expect(
      (await svc.call('approver', 'POST', `/v1/incidents/${id}/approve`, { note: 'announce' })).status,
    ).toBe(200);
    const published = await eventually(async () => {
      const a = (await svc.call('responder', 'GET', `/v1/incidents/${id}`)).json.announcement;
      return a?.status === 'published' ? a : undefined;
    });
    expect(published.reasons[0]).toMatchObject({ code: 'substitute_notice', regime: 'eu_gdpr' });

    // The page, from the publishing activity's rendering, with no personal data in it.
    const page = await svc.app.inject(`/public/announcements/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Exposed backup bucket');
    for (const personal of ['Erika', 'Muster', 'erika@e2e.example', 'Jean Dupont'])
      expect(page.body).not.toContain(personal);
    const json = (await svc.app.inject(`/public/announcements/${id}.json`)).json();
    expect(json.contentHash).toMatch(/^sha256:[0-9a-f]{64}$/);

    // The webhook failed once, then took one publication, once.
    await eventually(async () => webhook.publications.length === 1);
    expect(webhook.publications).toHaveLength(1);

    // Nobody got an individual notice; a person finds out through the page's own form.
    expect(
      providers.smtp.received.filter((m) => m.envelope.to.some((t) => t.endsWith('@e2e.example'))),
    ).toHaveLength(0);
    const action = /<form method="post" action="([^"]+)"/.exec(page.body)?.[1];
    expect(action).toBe(`/public/announcements/${id}/lookup`);
    const answer = await svc.app.inject({
      method: 'POST',
      url: action!,
      ...form({ address: 'erika@e2e.example', lang: 'en' }),
    });
    expect(answer.statusCode).toBe(200);
    const mail = await eventually(async () =>
      providers.smtp.received.find((m) => m.envelope.to.includes('erika@e2e.example')),
    );
    const code = /\b(\d{6})\b/.exec(mail.text ?? '')?.[1];
    expect(code).toBeDefined();
    const opened = await svc.app.inject({
      method: 'POST',
      url: `${action}/verify`,
      ...form({ ref: refOf(answer.body), code: code!, lang: 'en' }),
    });
    expect(opened.statusCode).toBe(303);
    const notice = await svc.app.inject(new URL(opened.headers.location as string, 'http://x').pathname);
    expect(notice.statusCode).toBe(200);
    expect(notice.body).toContain('Erika Muster');
  }, 180_000);
});
