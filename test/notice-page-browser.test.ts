// The pages people open, in a real browser: notices the fan-out sent, opened by the links in them
// through the API's own route, and the pages for an expired and a forged link, checked by axe-core
// in the light and the dark colour scheme. Chromium comes from Debian's package, never downloaded.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults } from 'axe-core';
import Fastify, { type FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { devOutboxRoutes } from '../api/routes/dev-outbox.js';
import { renderOutboxPage } from '../dev/outbox-page.js';
import { NOTICE_TEMPLATES } from '../domain/notice/index.js';
import type { ReceivedMail } from '../dev/smtp-sink.js';
import { approve, noticeMails, startFanoutRig, type FanoutRig } from './support/fanout-fixtures.js';
import { eventually } from './support/service.js';

// What the page.evaluate callbacks use of the browser: the project compiles against Node's types, not the DOM's.
declare const window: { axe: { run(): Promise<AxeResults> } };
declare const document: {
  body: object;
  querySelectorAll(selector: 'a'): Iterable<{ textContent: string | null }>;
};
declare function getComputedStyle(element: object): { color: string; backgroundColor: string };

/** Debian's path; CHROMIUM_PATH names another build of Chromium, e.g. a distribution's `chromium-browser`. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const AXE = createRequire(import.meta.url).resolve('axe-core');
const SCHEMES = ['light', 'dark'] as const;
type Scheme = (typeof SCHEMES)[number];
const LOCALES = Object.keys(NOTICE_TEMPLATES);
const CONTACT = {
  name: 'Acme Privacy Office',
  email: 'dpo@acme.example',
  phone: '+44 20 7946 0000',
  url: 'https://acme.example/incident',
};

let rig: FanoutRig;
let browser: Browser;
let origin: string;
let outbox: FastifyInstance;
let outboxOrigin: string;
/** The path of each person's notice link, by locale, as their email gave it. */
const noticePaths = new Map<string, string>();
const mails: ReceivedMail[] = [];

beforeAll(async () => {
  // A missing browser is a broken machine, not a reason to pass: say what to install.
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is missing at ${CHROMIUM}: install Debian's package (apt-get install -y chromium), as .ci/run does, or name another build in CHROMIUM_PATH`,
    );
  }
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });

  rig = await startFanoutRig();
  const { svc, providers } = rig;
  const id = await svc.openIncident({ title: 'Exposed <backup> bucket', contact: CONTACT });
  const people = LOCALES.map((l, i) => `p${i},Person ${i},p${i}@example.com,${l},GB`);
  await svc.uploadAffectedUsers(id, ['userId,name,email,locale,country', ...people].join('\n'));
  await eventually(
    async () =>
      (await svc.call('responder', 'GET', `/v1/incidents/${id}`)).json.assessment?.affected === people.length,
  );
  await approve(svc, id);
  mails.push(
    ...(await eventually(
      async () => {
        const m = noticeMails(providers);
        return m.length >= people.length ? m : undefined;
      },
      { timeoutMs: 120_000 },
    )),
  );
  for (const mail of mails) {
    const path = mail.text?.match(/https:\/\/notify\.acme\.example(\/n\/[^\s]+)/)?.[1];
    const locale = mail.headers['content-language'];
    if (path && typeof locale === 'string') noticePaths.set(locale, path);
  }
  origin = await svc.app.listen({ host: '127.0.0.1', port: 0 });

  outbox = Fastify();
  await outbox.register(
    devOutboxRoutes(() =>
      renderOutboxPage({
        email: providers.smtp.received,
        sms: providers.twilio.received,
        push: providers.fcm.received,
      }),
    ),
  );
  outboxOrigin = await outbox.listen({ host: '127.0.0.1', port: 0 });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await outbox?.close();
  await rig?.close();
});

interface Audit {
  status: number | undefined;
  lang: string | null;
  violations: { id: string; impact?: string | null; targets: string[] }[];
  /** Colour checks axe could not decide: counted as failures, since an undecided link is unchecked. */
  undecidedContrast: string[];
  /** The contrast ratio of every link against the page background. */
  links: { text: string; ratio: number }[];
}

async function audit(url: string, scheme: Scheme, locale = 'en'): Promise<Audit> {
  const context = await browser.newContext({ colorScheme: scheme, locale });
  try {
    const page = await context.newPage();
    const response = await page.goto(url);
    await page.addScriptTag({ path: AXE });
    const results = await page.evaluate(() => window.axe.run());
    return {
      status: response?.status(),
      lang: await page.getAttribute('html', 'lang'),
      violations: results.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        targets: v.nodes.map((n) => n.target.join(' ')),
      })),
      undecidedContrast: results.incomplete
        .filter((r) => r.id === 'color-contrast')
        .flatMap((r) => r.nodes.map((n) => n.target.join(' '))),
      links: await linkContrast(page),
    };
  } finally {
    await context.close();
  }
}

/** WCAG contrast of each link's computed colour on the body's, computed here rather than trusted to axe. */
async function linkContrast(page: Page): Promise<Audit['links']> {
  const colours = await page.evaluate(() => {
    const bg = getComputedStyle(document.body).backgroundColor;
    return [...document.querySelectorAll('a')].map((a) => ({
      text: a.textContent ?? '',
      fg: getComputedStyle(a).color,
      bg,
    }));
  });
  const luminance = (css: string) => {
    const [r, g, b] = (css.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((c) => {
      const s = Number(c) / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  return colours.map(({ text, fg, bg }) => {
    const [hi, lo] = [luminance(fg), luminance(bg)].sort((a, b) => b - a);
    return { text, ratio: (hi! + 0.05) / (lo! + 0.05) };
  });
}

function expectAccessible(result: Audit): void {
  expect(result.violations).toEqual([]);
  expect(result.undecidedContrast).toEqual([]);
  for (const link of result.links) expect(link.ratio, link.text).toBeGreaterThanOrEqual(4.5);
}

describe('a notice opened from the link in its email', () => {
  it('came in an email that answers to the incident contact and says its language', () => {
    expect([...noticePaths.keys()].sort()).toEqual(LOCALES.map((l) => NOTICE_TEMPLATES[l]!.locale).sort());
    for (const mail of mails) {
      expect(mail.headers['reply-to']).toMatchObject({
        value: [{ name: CONTACT.name, address: CONTACT.email }],
      });
      expect(mail.html).toContain(`<html lang="${String(mail.headers['content-language'])}">`);
    }
  });

  describe.each(SCHEMES)('in the %s colour scheme', (scheme) => {
    it.each(LOCALES)('%s: has no axe violation and every link reads at WCAG AA contrast', async (locale) => {
      const lang = NOTICE_TEMPLATES[locale]!.locale;
      const result = await audit(`${origin}${noticePaths.get(lang)}`, scheme, locale);
      expect(result.status).toBe(200);
      expect(result.lang).toBe(lang);
      // The contact's email, phone and web address, at least.
      expect(result.links.length).toBeGreaterThanOrEqual(3);
      expectAccessible(result);
    });
  });
});

describe('the page for a link that does not open', () => {
  const anyPath = () => noticePaths.get('en')!;

  describe.each(SCHEMES)('in the %s colour scheme', (scheme) => {
    it.each(['en', 'zh-CN'])('%s: a forged link has no axe violation', async (locale) => {
      const path = anyPath();
      const at = path.length - 5;
      const forged = path.slice(0, at) + (path[at] === 'A' ? 'B' : 'A') + path.slice(at + 1);
      const result = await audit(`${origin}${forged}`, scheme, locale);
      expect(result.status).toBe(404);
      expect(result.lang).toBe(locale);
      expectAccessible(result);
    });

    it.each(['en', 'zh-CN'])('%s: an expired link has no axe violation', async (locale) => {
      // The server's clock moved past any link's lifetime; only Date is faked, timers run on.
      vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 10 * 366 * 86_400_000 });
      try {
        const result = await audit(`${origin}${anyPath()}`, scheme, locale);
        expect(result.status).toBe(410);
        expect(result.lang).toBe(locale);
        expectAccessible(result);
      } finally {
        vi.useRealTimers();
      }
    });
  });
});

describe('the development outbox', () => {
  it.each(SCHEMES)('has no axe violation in the %s colour scheme', async (scheme) => {
    const result = await audit(`${outboxOrigin}/dev/outbox`, scheme);
    expect(result.status).toBe(200);
    expectAccessible(result);
  });
});
