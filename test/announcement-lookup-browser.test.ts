// "Was I affected?" in a real browser: the form, the answer page, a wrong code, the code read from
// the local SMTP server, and the personal notice it opens; axe-core checks every page in the light and
// the dark colour scheme. Chromium comes from Debian's package, never downloaded.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults } from 'axe-core';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AffectedUser } from '../domain/affected-user.js';
import { startLookupRig, type LookupRig } from './support/lookup-rig.js';
import { eventually } from './support/service.js';

// What the page.evaluate callbacks use of the browser: the project compiles against Node's types, not the DOM's.
declare const window: { axe: { run(options: unknown): Promise<AxeResults> } };

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const AXE = createRequire(import.meta.url).resolve('axe-core');
const SCHEMES = ['light', 'dark'] as const;
const LOCALES = ['en', 'zh-CN'] as const;

const people: AffectedUser[] = [
  ...SCHEMES.flatMap((scheme) =>
    LOCALES.map((locale) => ({
      userId: `${scheme}-${locale}`,
      name: `Reader ${scheme} ${locale}`,
      email: `${scheme}.${locale.toLowerCase()}@example.com`,
      locale,
    })),
  ),
  { userId: 'fr', name: 'Lectrice Exemple', email: 'lectrice@example.fr', locale: 'fr' },
];

let rig: LookupRig;
let browser: Browser;
let origin: string;
let slug: string;
let closedSlug: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is missing at ${CHROMIUM}: install Debian's package (apt-get install -y chromium), as .ci/run does, or name another build in CHROMIUM_PATH`,
    );
  }
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  rig = await startLookupRig('sqlite');
  slug = await rig.incidentWith(people);
  closedSlug = await rig.incidentWith(people.slice(0, 1), null);
  origin = await rig.app.listen({ host: '127.0.0.1', port: 0 });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await rig?.close();
});

/** WCAG 2.1 A and AA rules only, as the issue asks. */
async function violations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const results = await page.evaluate(() =>
    window.axe.run({
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    }),
  );
  return [
    ...results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    // Undecided colour checks count as failures: an unchecked contrast is not a passed one.
    ...results.incomplete
      .filter((r) => r.id === 'color-contrast')
      .map((r) => `undecided contrast: ${r.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ];
}

async function codeFor(address: string): Promise<string> {
  const mail = await eventually(async () => rig.providers.smtp.received.find((m) => m.to.includes(address)));
  return /(\d{6})/.exec(mail.subject ?? '')![1]!;
}

describe.each(SCHEMES)('in the %s colour scheme', (scheme) => {
  it.each(LOCALES)('%s: the lookup opens the personal notice, and every page passes axe', async (locale) => {
    const person = people.find((p) => p.userId === `${scheme}-${locale}`)!;
    const context = await browser.newContext({ colorScheme: scheme, locale });
    try {
      const page = await context.newPage();
      const form = await page.goto(`${origin}/public/announcements/${slug}/lookup?lang=${locale}`);
      expect(form?.status()).toBe(200);
      expect(await page.getAttribute('html', 'lang')).toBe(locale);
      expect(await violations(page)).toEqual([]);

      await page.fill('#lookup-address', person.email!);
      await Promise.all([page.waitForURL(/\/lookup$/), page.click('button[type=submit]')]);
      expect(await page.getAttribute('html', 'lang')).toBe(locale);
      expect(await page.isVisible('#lookup-code')).toBe(true);
      expect(await violations(page)).toEqual([]);

      const code = await codeFor(person.email!);
      const wrong = code === '999999' ? '000000' : '999999';
      await page.fill('#lookup-code', wrong);
      await Promise.all([page.waitForURL(/\/verify$/), page.click('button[type=submit]')]);
      expect(await page.textContent('[role=alert]')).toContain('4');
      expect(await page.getAttribute('#lookup-code', 'aria-invalid')).toBe('true');
      expect(await violations(page)).toEqual([]);

      const codeForm = await page.content();
      await page.fill('#lookup-code', code);
      await Promise.all([page.waitForURL(/\/n\/[A-Za-z0-9_-]+$/), page.click('button[type=submit]')]);
      expect(await page.getAttribute('html', 'lang')).toBe(locale);
      expect(await page.textContent('body')).toContain(person.name);

      // The same code again: it opened the notice once, and now says it no longer works.
      // (The answer pages are not cached, so the form is put back rather than reached by going back.)
      await page.goto(`${origin}/public/announcements/${slug}/lookup?lang=${locale}`);
      await page.setContent(codeForm);
      await page.fill('#lookup-code', code);
      await Promise.all([page.waitForURL(/\/verify$/), page.click('button[type=submit]')]);
      expect(await page.locator('h1').count()).toBe(1);
      expect(await page.isVisible('#lookup-code')).toBe(false);
      expect(await violations(page)).toEqual([]);

      const closed = await page.goto(`${origin}/public/announcements/${closedSlug}/lookup?lang=${locale}`);
      expect(closed?.status()).toBe(404);
      expect(await violations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

it('works from the announcement page’s form as the interface between the announcement parts gives it', async () => {
  // A stand-in for the announcement page until it lands: the form exactly as it will carry it.
  const announcement = `<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Annonce</title></head>
<body><main><h1>Annonce</h1>
<form method="post" action="/public/announcements/${slug}/lookup"><label for="lookup-address">Adresse e-mail ou numéro de téléphone</label><input id="lookup-address" name="address" type="text" autocomplete="email" required><input type="hidden" name="lang" value="fr"><button type="submit">Vérifier</button></form>
</main></body></html>`;
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.route(`${origin}/public/announcements/${slug}?lang=fr`, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: announcement }),
    );
    await page.goto(`${origin}/public/announcements/${slug}?lang=fr`);
    await page.fill('#lookup-address', 'LECTRICE@example.fr');
    await Promise.all([page.waitForURL(/\/lookup$/), page.click('button[type=submit]')]);
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    await page.fill('#lookup-code', await codeFor('lectrice@example.fr'));
    await Promise.all([page.waitForURL(/\/n\//), page.click('button[type=submit]')]);
    expect(await page.textContent('body')).toContain('Lectrice Exemple');
    expect(await violations(page)).toEqual([]);
  } finally {
    await context.close();
  }
});
