// Issue 18's acceptance in a real browser against the whole running service: the real worker decides a
// substitute notice (GDPR, high risk and disproportionate effort), the approver approves, the real
// publishing activity renders the page, and Debian's Chromium (never downloaded) opens it, switches
// language, completes the lookup with a code read from the local SMTP server and sees the personal
// notice; axe-core checks every page on the way in the light and the dark colour scheme. The same
// published announcement answers a phone number through the local Twilio server; an incident under
// every threshold publishes nothing; and with the worker stopped the incident view still shows the
// announcement from the ledger. A screenshot of the page is saved for people new to the project.
import { existsSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { AxeResults } from 'axe-core';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevProviders, type DevProviders } from '../dev/providers.js';
import { freePort } from '../platform/temporal-server.js';
import { refOf } from './support/lookup-rig.js';
import { eventually, startTestService, type TestService } from './support/service.js';

// What the page.evaluate callbacks use of the browser: the project compiles against Node's types, not the DOM's.
declare const window: { axe: { run(options: unknown): Promise<AxeResults> } };

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const AXE = createRequire(import.meta.url).resolve('axe-core');
const SCHEMES = ['light', 'dark'] as const;
const SHOTS =
  process.env.ANNOUNCEMENT_SCREENSHOTS ?? mkdtempSync(path.join(os.tmpdir(), 'announcement-shots-'));

const PEOPLE = [
  { id: 'b1', name: 'Erika Muster', email: 'erika@browser.example', phone: '', country: 'DE', locale: 'en' },
  {
    id: 'b2',
    name: 'Jeanne Dupont',
    email: 'jeanne@browser.example',
    phone: '',
    country: 'FR',
    locale: 'fr',
  },
  { id: 'b3', name: 'Aiko Tanaka', email: '', phone: '+447911123456', country: 'DE', locale: 'en' },
];

let providers: DevProviders;
let svc: TestService;
let browser: Browser;
let origin: string;
let id: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is missing at ${CHROMIUM}: install Debian's package (apt-get install -y chromium), or name another build in CHROMIUM_PATH`,
    );
  }
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  providers = await startDevProviders({ deliverAfterMs: 60_000 });
  // The page's links are absolute (from PUBLIC_BASE_URL), so the port is chosen before the service starts.
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  svc = await startTestService({
    env: {
      ...providers.env,
      EMAIL_FROM: '"Acme Privacy" <privacy@acme.example>',
      NOTICE_BASE_URL: origin,
      PUBLIC_BASE_URL: origin,
    },
  });
  await svc.app.listen({ host: '127.0.0.1', port });
  id = await announced();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await svc?.close();
  await providers?.close();
});

async function announced(): Promise<string> {
  const incident = await svc.openIncident({ severity: 'medium' });
  const csv = [
    'userId,name,email,phone,country,locale',
    ...PEOPLE.map((p) => [p.id, p.name, p.email, p.phone, p.country, p.locale].join(',')),
  ].join('\n');
  expect((await svc.uploadAffectedUsers(incident, `${csv}\n`)).statusCode).toBeLessThan(300);
  await eventually(
    async () =>
      (await svc.call('responder', 'GET', `/v1/incidents/${incident}`)).json.assessment?.affected === 3,
  );
  for (const kind of ['high_risk', 'disproportionate_effort']) {
    const r = await svc.call('approver', 'POST', `/v1/incidents/${incident}/judgements`, {
      kind,
      value: true,
      reason: `assessed ${kind} for the browser test`,
    });
    expect(r.status).toBeLessThan(300);
  }
  const approved = await svc.call('approver', 'POST', `/v1/incidents/${incident}/approve`, {
    note: 'announce',
  });
  expect(approved.status).toBe(200);
  await eventually(async () => {
    const a = (await svc.call('responder', 'GET', `/v1/incidents/${incident}`)).json.announcement;
    return a?.status === 'published';
  });
  return incident;
}

/** WCAG 2.1 A and AA only; an undecided contrast counts as a failure, not a pass. */
async function violations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const results = await page.evaluate(() =>
    window.axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }),
  );
  return [
    ...results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    ...results.incomplete
      .filter((r) => r.id === 'color-contrast')
      .map((r) => `undecided contrast: ${r.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ];
}

async function mailedCode(address: string, after: number): Promise<string> {
  const mail = await eventually(async () =>
    providers.smtp.received.slice(after).find((m) => m.envelope.to.includes(address)),
  );
  return /\b(\d{6})\b/.exec(`${mail.subject ?? ''} ${mail.text ?? ''}`)![1]!;
}

describe.each(SCHEMES)('the published announcement in the %s colour scheme', (scheme) => {
  it('switches language, looks a person up with a mailed code and opens their notice; axe passes every page', async () => {
    // The page forbids scripts (Content-Security-Policy); axe is injected past it, as a test tool.
    const context = await browser.newContext({ colorScheme: scheme, locale: 'en-GB', bypassCSP: true });
    try {
      const page = await context.newPage();
      expect((await page.goto(`${origin}/public/announcements/${id}`))?.status()).toBe(200);
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      expect(await page.textContent('h1')).toContain('Exposed backup bucket');
      expect(await violations(page)).toEqual([]);
      await page.screenshot({ path: path.join(SHOTS, `announcement-en-${scheme}.png`), fullPage: true });
      for (const p of PEOPLE) {
        for (const personal of [p.name, p.email, p.phone].filter(Boolean))
          expect(await page.content()).not.toContain(personal);
      }

      await page.click('nav a[hreflang="fr"]');
      await page.waitForURL(/\?lang=fr$/);
      expect(await page.getAttribute('html', 'lang')).toBe('fr');
      expect(await violations(page)).toEqual([]);

      const before = providers.smtp.received.length;
      await page.fill('#lookup-address', 'jeanne@browser.example');
      await Promise.all([page.waitForURL(/\/lookup$/), page.click('form button[type=submit]')]);
      expect(await page.getAttribute('html', 'lang')).toBe('fr');
      expect(await page.isVisible('#lookup-code')).toBe(true);
      expect(await violations(page)).toEqual([]);

      await page.fill('#lookup-code', await mailedCode('jeanne@browser.example', before));
      await Promise.all([page.waitForURL(/\/n\/[A-Za-z0-9_-]+$/), page.click('form button[type=submit]')]);
      expect(await page.textContent('body')).toContain('Jeanne Dupont');
      expect(await page.getAttribute('html', 'lang')).toBe('fr');
      expect(await violations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('the same announcement, without a browser', () => {
  it('answers a phone number with a code through the local Twilio server that opens the notice', async () => {
    const form = (fields: Record<string, string>) => ({
      method: 'POST' as const,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(fields).toString(),
    });
    const answer = await svc.app.inject({
      url: `/public/announcements/${id}/lookup`,
      ...form({ address: '+44 7911 123456', lang: 'en' }),
    });
    expect(answer.statusCode).toBe(200);
    const sms = await eventually(async () => providers.twilio.received.find((m) => m.to === '+447911123456'));
    const code = /\b(\d{6})\b/.exec(sms.body)![1]!;
    expect(providers.smtp.received.some((m) => m.text?.includes(code))).toBe(false);
    const opened = await svc.app.inject({
      url: `/public/announcements/${id}/lookup/verify`,
      ...form({ ref: refOf(answer.body), code, lang: 'en' }),
    });
    expect(opened.statusCode).toBe(303);
    const notice = await svc.app.inject(new URL(opened.headers.location as string, origin).pathname);
    expect(notice.body).toContain('Aiko Tanaka');
  });

  it('answers an unknown address like an affected one, apart from the reference, and sends it nothing', async () => {
    const [mails, texts] = [providers.smtp.received.length, providers.twilio.received.length];
    const ask = (address: string) =>
      svc.app.inject({
        method: 'POST',
        url: `/public/announcements/${id}/lookup`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ address, lang: 'fr' }).toString(),
      });
    const affected = await ask('erika@browser.example');
    const pages = [affected, await ask('nobody@browser.example'), await ask('+447911123999')];
    for (const r of pages) expect(r.statusCode, r.body.slice(0, 2000)).toBe(200);
    const [a, ...others] = pages.map((r) => r.body.replace(refOf(r.body), 'REF'));
    for (const other of others) expect(other).toBe(a);
    await eventually(async () =>
      providers.smtp.received.slice(mails).some((m) => m.envelope.to.includes('erika@browser.example')),
    );
    expect([providers.smtp.received.length, providers.twilio.received.length]).toEqual([mails + 1, texts]);
  });

  it('has an Atom feed that is well-formed and names the page, and JSON with the page’s content', async () => {
    const feed = await svc.app.inject('/public/announcements.atom');
    expect(XMLValidator.validate(feed.body)).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' }).parse(feed.body).feed;
    expect(parsed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
    for (const required of ['id', 'title', 'updated', 'author', 'entry'])
      expect(parsed[required]).toBeDefined();
    expect(feed.body).toContain(`${origin}/public/announcements/${id}`);
    const json = (await svc.app.inject(`/public/announcements/${id}.json`)).json();
    for (const content of json.locales) {
      const html = (await svc.app.inject(`/public/announcements/${id}?lang=${content.locale}`)).body;
      expect(html).toContain(`lang="${content.locale}"`);
      for (const section of content.sections) expect(html).toContain(`aria-labelledby="${section.id}"`);
    }
    expect(json.locales.map((l: { locale: string }) => l.locale).sort()).toEqual(['en', 'fr']);
  });

  it('publishes nothing, with the real publishing, for an incident under every threshold', async () => {
    const quiet = await svc.openIncident({ severity: 'medium' });
    const csv = 'userId,email,country\nq1,q1@quiet.example,DE\nq2,q2@quiet.example,FR\n';
    expect((await svc.uploadAffectedUsers(quiet, csv)).statusCode).toBeLessThan(300);
    await eventually(
      async () =>
        (await svc.call('responder', 'GET', `/v1/incidents/${quiet}`)).json.assessment?.affected === 2,
    );
    expect((await svc.call('approver', 'POST', `/v1/incidents/${quiet}/approve`, {})).status).toBe(200);
    await svc.reachPhase(quiet, 'monitoring');
    await eventually(
      async () =>
        providers.smtp.received.filter((m) => m.envelope.to.some((t) => t.endsWith('@quiet.example')))
          .length === 2,
    );
    expect((await svc.call('responder', 'GET', `/v1/incidents/${quiet}`)).json.announcement).toBeUndefined();
    expect((await svc.app.inject(`/public/announcements/${quiet}`)).statusCode).toBe(404);
    expect((await svc.app.inject(`/public/announcements/${quiet}.json`)).statusCode).toBe(404);
    const index = await svc.app.inject('/public/announcements');
    expect(index.body).toContain(`/public/announcements/${id}`);
    expect(index.body).not.toContain(quiet);
    expect(await svc.ledger.listAnnouncements(quiet)).toHaveLength(0);
  });

  it('shows the announcement in the incident view from the ledger when no worker answers', async () => {
    const live = (await svc.call('responder', 'GET', `/v1/incidents/${id}`)).json.announcement;
    await svc.stopWorker();
    try {
      const res = await svc.call('responder', 'GET', `/v1/incidents/${id}`);
      expect(res.status).toBe(200);
      expect(res.json.announcement).toMatchObject({
        url: live.url,
        status: 'published',
        publishedAt: live.publishedAt,
        locales: live.locales,
      });
      expect(res.json.announcement.url).toBe(`${origin}/public/announcements/${id}`);
    } finally {
      await svc.startWorker();
    }
  }, 60_000);
});
