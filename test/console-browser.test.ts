// The responder console in a real browser against a running service and the local SMTP, Twilio and
// FCM servers: sign in, open an incident through the form, drop the people's file, preview, approve,
// and watch the progress bars reach what the servers received; a regulator key sees only its filings.
// Chromium comes from Debian's package, never downloaded. SAVE_SCREENSHOTS=1 writes the incident page
// to docs/images/console-incident.png.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults } from 'axe-core';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../api/api-keys.js';
import { startFanoutRig, type FanoutRig } from './support/fanout-fixtures.js';
import { eventually } from './support/service.js';

// What the page.evaluate callbacks use of the browser: the project compiles against Node's types, not the DOM's.
declare const window: { axe: { run(context?: unknown, options?: unknown): Promise<AxeResults> } };
declare const document: {
  querySelector(s: string): { value: number; max: number } | null;
  documentElement: { scrollWidth: number };
  querySelectorAll(s: string): Iterable<{ getAttribute(n: string): string | null }>;
};
declare class DataTransfer {
  items: { add(file: unknown): void };
}
declare class File {
  constructor(parts: string[], name: string, options: { type: string });
}

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// Evaluated through the DevTools protocol: the console's Content-Security-Policy refuses injected script tags.
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core'), 'utf8');
const SCREENSHOT = 'docs/images/console-incident.png';

/** Four people who can be reached, and one row the import rejects (line 6: not an email address). */
const CSV = [
  'userId,name,email,phone,pushToken,locale,country',
  'con-1,Ada Eins,ada.eins@example.de,+4915123456781,,de,DE',
  'con-2,Bo Zwei,bo.zwei@example.de,,,de,DE',
  'con-3,Cy Drei,,+4915123456783,,de,DE',
  'con-4,Di Vier,,,fcm:console-token-4,de,DE',
  'con-5,Ed Fuenf,not-an-email,,,de,DE',
].join('\n');
const PEOPLE = {
  email: ['ada.eins@example.de', 'bo.zwei@example.de'],
  sms: ['+4915123456781', '+4915123456783'],
  push: ['fcm:console-token-4'],
};
const CHANNELS = ['email', 'sms', 'push'] as const;

let rig: FanoutRig;
let browser: Browser;
let origin: string;
let incidentId: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is missing at ${CHROMIUM}: apt-get install -y chromium, or name another in CHROMIUM_PATH`,
    );
  }
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  rig = await startFanoutRig();
  origin = await rig.svc.app.listen({ host: '127.0.0.1', port: 0 });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await rig?.close();
});

async function signIn(page: Page, role: Role): Promise<void> {
  const response = await page.goto(`${origin}/console`);
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
  await page.fill('#f-key', rig.svc.keys[role]);
  await page.click('button[type=submit]');
  await page.waitForSelector('#sign-out');
}

async function signedInContext(role: Role, colorScheme: 'light' | 'dark' = 'light'): Promise<BrowserContext> {
  const context = await browser.newContext({ colorScheme, viewport: { width: 1280, height: 900 } });
  await signIn(await context.newPage(), role);
  return context;
}

async function axeViolations(page: Page) {
  await page.evaluate(AXE);
  const results = await page.evaluate(() =>
    window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    }),
  );
  return results.violations.map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target.join(' ')) }));
}

/** The counts each channel's progress bar shows, from its data attributes. */
async function shownProgress(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('.channel')].map((el) => ({
      channel: el.getAttribute('data-channel'),
      pending: Number(el.getAttribute('data-pending')),
      sent: Number(el.getAttribute('data-sent')),
      failed: Number(el.getAttribute('data-failed')),
    })),
  );
}

async function fillIncident(page: Page, discoveredAt: string): Promise<void> {
  await page.fill('#f-title', 'Console: exposed export');
  await page.fill(
    '#f-description',
    'An export of customer records was readable from a public link for two days.',
  );
  await page.fill('#f-discoveredAt', discoveredAt);
  await page.check('input[name=dataCategories][value=email]');
  await page.check('input[name=dataCategories][value=name]');
  await page.selectOption('#f-severity', 'high');
  await page.fill('#f-measuresTaken', 'The link was revoked and the export deleted.');
  await page.fill('#f-contact-name', 'Privacy Office');
  await page.fill('#f-contact-email', 'privacy@example.com');
}

describe('the console', () => {
  it('opens, uploads, previews and approves an incident, and shows what the servers received', async () => {
    const responder = await signedInContext('responder');
    const page = responder.pages()[0]!;
    await page.click('nav >> text=Open an incident');

    await fillIncident(page, 'last Tuesday');
    await page.click('button:text("Open incident")');
    await expect.poll(() => page.textContent('#err-discoveredAt')).toContain('ISO 8601');
    expect(await page.getAttribute('#f-discoveredAt', 'aria-invalid')).toBe('true');
    expect(await page.getAttribute('#f-discoveredAt', 'aria-describedby')).toContain('err-discoveredAt');
    // Checked in the browser with the API's schema: nothing reached the service.
    expect((await rig.svc.call('responder', 'GET', '/v1/incidents')).json.items).toEqual([]);

    await page.fill('#f-discoveredAt', new Date(Date.now() - 3_600_000).toISOString());
    await page.click('button:text("Open incident")');
    await page.waitForURL(/#\/incidents\/.+/);
    incidentId = decodeURIComponent(new URL(page.url()).hash.replace('#/incidents/', ''));
    await page.waitForSelector('#phase[data-phase=awaiting_approval]', { timeout: 120_000 });

    // Dropped onto the drop zone as a browser drops a file from the desktop.
    const drop = await page.evaluateHandle((csv) => {
      const dt = new DataTransfer();
      dt.items.add(new File([csv], 'people.csv', { type: 'text/csv' }));
      return dt;
    }, CSV);
    await page.dispatchEvent('#dropzone', 'drop', { dataTransfer: drop });
    await page.waitForSelector('#upload-result');
    expect(await page.textContent('#upload-result')).toContain('4 rows accepted');
    // The bar followed XMLHttpRequest's upload progress to the whole file.
    const bar = await page.evaluate(() => {
      const el = document.querySelector('#upload-progress');
      return { value: el?.value, max: el?.max };
    });
    expect(bar.max).toBe(Buffer.byteLength(CSV));
    expect(bar.value).toBe(bar.max);
    expect(await page.textContent('#upload-result table')).toMatch(/6\s*email/);
    await expect.poll(() => page.textContent('#affected'), { timeout: 60_000 }).toBe('4');

    await page.click('#show-preview');
    await page.waitForSelector('#preview-channels');
    const planned = Object.fromEntries(
      await Promise.all(
        CHANNELS.map(async (c) => [
          c,
          Number(await page.getAttribute(`#preview-channels tr[data-channel=${c}]`, 'data-sends')),
        ]),
      ),
    );
    expect(planned).toEqual({ email: PEOPLE.email.length, sms: PEOPLE.sms.length, push: PEOPLE.push.length });
    // A responder sees the preview but no approval.
    expect(await page.$('#approve')).toBeNull();
    await responder.close();

    const approver = await signedInContext('approver');
    const ap = approver.pages()[0]!;
    await ap.goto(`${origin}/console#/incidents/${incidentId}`);
    await ap.click('#show-preview');
    await ap.click('#approve');
    const said = await ap.textContent('#confirm-what');
    expect(said).toContain('This sends 2 emails, 2 SMS and 1 push notification to 4 people');
    expect(said).toMatch(/estimated cost \$\d/);
    await ap.click('#confirm-yes');

    const final = await eventually(
      async () => {
        const shown = await shownProgress(ap);
        const done = CHANNELS.every((c) => {
          const s = shown.find((x) => x.channel === c);
          return s && s.pending === 0 && s.sent + s.failed === PEOPLE[c].length;
        });
        return done ? shown : undefined;
      },
      { timeoutMs: 180_000, everyMs: 500 },
    );
    const { providers } = rig;
    const received = {
      email: providers.smtp.received.flatMap((m) => m.envelope.to).filter((a) => PEOPLE.email.includes(a)),
      sms: providers.twilio.received.map((m) => m.to).filter((to) => PEOPLE.sms.includes(to)),
      push: providers.fcm.received.map((m) => m.token).filter((t) => PEOPLE.push.includes(t)),
    };
    for (const c of CHANNELS) {
      expect(final.find((x) => x.channel === c)?.sent, c).toBe(received[c].length);
      expect(new Set(received[c]), c).toEqual(new Set(PEOPLE[c]));
    }
    // A judgement, behind its confirmation, lands in the audit log signed with the approver's key.
    await ap.selectOption('#f-judge-kind', 'risk');
    await ap.fill('#f-judge-reason', 'Contact data of customers was exposed');
    await ap.click('button:text("Record judgement…")');
    expect(await ap.textContent('#confirm-what')).toContain('“risk: yes” for every regime');
    await ap.click('#confirm-yes');
    await ap.waitForSelector('#audit td:text("judgement:risk")', { timeout: 60_000 });
    if (process.env.SAVE_SCREENSHOTS === '1') await ap.screenshot({ path: SCREENSHOT, fullPage: true });
    await approver.close();
  }, 420_000);

  it.each(['light', 'dark'] as const)(
    'has no WCAG 2.1 A/AA violation on the list and incident pages (%s scheme)',
    async (scheme) => {
      const context = await signedInContext('approver', scheme);
      const page = context.pages()[0]!;
      await page.waitForSelector(`#incidents tr[data-incident="${incidentId}"]`);
      expect(await axeViolations(page)).toEqual([]);
      await page.goto(`${origin}/console#/incidents/${incidentId}`);
      await page.waitForSelector('#audit tbody tr');
      expect(await axeViolations(page)).toEqual([]);
      await context.close();
    },
  );

  it('shows an overdue deadline in red, and cancels only after the confirmation', async () => {
    // Discovered five days ago with a person in Germany: the GDPR's 72 hours have run out.
    const discoveredAt = new Date(Date.now() - 5 * 86_400_000).toISOString();
    const id = await rig.svc.openIncident({ title: 'Console: overdue incident', discoveredAt });
    await rig.svc.uploadAffectedUsers(id, 'userId,email,country\nod-1,od.1@example.de,DE');
    await eventually(
      async () =>
        (await rig.svc.call('responder', 'GET', `/v1/incidents/${id}`)).json.assessment?.affected === 1,
    );

    const context = await signedInContext('responder');
    const page = context.pages()[0]!;
    const due = page.locator(`#incidents tr[data-incident="${id}"] time`);
    await expect.poll(() => due.getAttribute('class')).toContain('overdue');
    expect(await due.textContent()).toMatch(/overdue$/);

    await page.click(`#incidents a[href="#/incidents/${id}"]`);
    await page.fill('#f-cancel-reason', 'Opened by mistake');
    await page.click('button:text("Cancel incident…")');
    expect(await page.textContent('#confirm-what')).toContain('no notice is sent to its 1 person');
    await page.click('#confirm-no');
    expect(await rig.svc.phaseOf(id)).toBe('awaiting_approval');
    await page.click('button:text("Cancel incident…")');
    await page.click('#confirm-yes');
    await page.waitForSelector('#phase[data-phase=cancelled]', { timeout: 60_000 });
    // A phone's width: the page still fits without scrolling sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await context.close();
  });

  it('offers a regulator key its filings and no incident action', async () => {
    const stranger = await browser.newContext();
    const sp = await stranger.newPage();
    await sp.goto(`${origin}/console`);
    await sp.fill('#f-key', 'not-a-key');
    await sp.click('button[type=submit]');
    await expect.poll(() => sp.textContent('#err-key')).toBe('this key is not valid');
    await stranger.close();

    const context = await signedInContext('regulator');
    const page = context.pages()[0]!;
    await page.waitForSelector('#filings');
    expect(await page.textContent('h1')).toBe('Filings');
    await page.goto(`${origin}/console#/incidents/${incidentId}`);
    await page.waitForSelector('#filings');
    expect(await page.$('#actions')).toBeNull();
    expect(await page.$$eval('nav a', (as) => as.map((a) => a.textContent))).toEqual(['Filings']);
    // The only button is signing out.
    expect(await page.$$eval('button', (bs) => bs.map((b) => b.id))).toEqual(['sign-out']);
    await context.close();
  });
});
