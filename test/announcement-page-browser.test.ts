// The announcement page in a real browser (Debian's Chromium, never downloaded): opened in the
// reader's language, switched to another through its language links, checked by axe-core for WCAG
// 2.1 A/AA in the light and dark colour schemes, usable without JavaScript, on a phone and in print.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults } from 'axe-core';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type BrowserContextOptions } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnnouncementActivities } from '../activities/announcements.js';
import { ANNOUNCEMENT_TEXTS } from '../domain/announcement/texts.js';
import { freePort } from '../platform/temporal-server.js';
import { announcedIncident, publicApp, publishInput } from './support/announcement-fixtures.js';
import { openTestStore, type TestStore } from './support/stores.js';

// What the page.evaluate callbacks use of the browser: the project compiles against Node's types, not the DOM's.
declare const window: { axe: { run(context: unknown, options: unknown): Promise<AxeResults> } };
declare const document: {
  documentElement: { scrollWidth: number };
  querySelectorAll(
    s: string,
  ): Iterable<{ tagName: string; className: string; getBoundingClientRect(): { right: number } }>;
};

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const AXE = createRequire(import.meta.url).resolve('axe-core');
const SCHEMES = ['light', 'dark'] as const;
// The page forbids scripts (Content-Security-Policy); axe is injected past it, as a test tool.
const TESTING: BrowserContextOptions = { bypassCSP: true };

let store: TestStore;
let app: FastifyInstance;
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
  store = await openTestStore('sqlite');
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  app = await publicApp(store.ledger, origin);
  await app.listen({ host: '127.0.0.1', port });
  id = await announcedIncident(store.ledger);
  await createAnnouncementActivities({
    ledger: store.ledger,
    settings: { publicBaseUrl: origin },
  }).publishAnnouncement(publishInput(id));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await store?.cleanup();
});

async function axeViolations(url: string, scheme: (typeof SCHEMES)[number], locale = 'en') {
  const context = await browser.newContext({ ...TESTING, colorScheme: scheme, locale });
  try {
    const page = await context.newPage();
    const response = await page.goto(url);
    await page.addScriptTag({ path: AXE });
    const results = await page.evaluate(() =>
      window.axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      }),
    );
    return {
      status: response?.status(),
      lang: await page.getAttribute('html', 'lang'),
      violations: results.violations.map((v) => ({
        id: v.id,
        targets: v.nodes.map((n) => n.target.join(' ')),
      })),
      undecidedContrast: results.incomplete
        .filter((r) => r.id === 'color-contrast')
        .flatMap((r) => r.nodes.map((n) => n.target.join(' '))),
    };
  } finally {
    await context.close();
  }
}

describe('the announcement page in a browser', () => {
  it('opens in the reader’s language and switches to another through its language links', async () => {
    const context = await browser.newContext({ locale: 'en-GB' });
    try {
      const page = await context.newPage();
      await page.goto(`${origin}/public/announcements/${id}`);
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      await page.click('nav a[hreflang="fr"]');
      await page.waitForURL(/\?lang=fr$/);
      expect(await page.getAttribute('html', 'lang')).toBe('fr');
      expect(await page.textContent('h1')).toContain('Base de données clients exposée');
      expect(await page.getAttribute('nav a[hreflang="fr"]', 'aria-current')).toBe('page');
      expect(await page.textContent('form button')).toBe(ANNOUNCEMENT_TEXTS.fr!.lookupButton);
      await page.click('nav a[hreflang="zh-CN"]');
      await page.waitForURL(/\?lang=zh-CN$/);
      expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    } finally {
      await context.close();
    }
  });

  describe.each(SCHEMES)('in the %s colour scheme', (scheme) => {
    it.each(['en', 'fr', 'zh-CN'])('%s: axe finds no WCAG 2.1 A/AA violation', async (locale) => {
      const result = await axeViolations(
        `${origin}/public/announcements/${id}?lang=${locale}`,
        scheme,
        locale,
      );
      expect(result.status).toBe(200);
      expect(result.lang).toBe(locale);
      expect(result.violations).toEqual([]);
      expect(result.undecidedContrast).toEqual([]);
    });

    it('the index: axe finds no WCAG 2.1 A/AA violation', async () => {
      const result = await axeViolations(`${origin}/public/announcements`, scheme);
      expect(result.status).toBe(200);
      expect(result.violations).toEqual([]);
    });
  });

  it('works without JavaScript, fits a phone’s width and prints without the controls', async () => {
    const context = await browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 360, height: 740 },
    });
    try {
      const page = await context.newPage();
      await page.goto(`${origin}/public/announcements/${id}?lang=en`);
      expect(await page.isVisible('form input#lookup-address')).toBe(true);
      expect(await page.isVisible('section[aria-labelledby="whatHappened"]')).toBe(true);
      await page.emulateMedia({ media: 'print' });
      expect(await page.isVisible('nav')).toBe(false);
      expect(await page.isVisible('form')).toBe(false);
      expect(await page.isVisible('h1')).toBe(true);
    } finally {
      await context.close();
    }
    const phone = await browser.newContext({ ...TESTING, viewport: { width: 360, height: 740 } });
    try {
      const page = await phone.newPage();
      await page.goto(`${origin}/public/announcements/${id}?lang=fr`);
      const wide = await page.evaluate(() =>
        [...document.querySelectorAll('body *')]
          .filter((e) => e.getBoundingClientRect().right > 360)
          .map((e) => `${e.tagName}.${e.className}`),
      );
      expect(wide).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    } finally {
      await phone.close();
    }
  });
});
