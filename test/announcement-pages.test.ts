// The public announcement as people and machines read it: the page in each language with every
// notice section, its JSON saying the same, the index and the Atom feed (read back with a real XML
// parser against RFC 4287's required elements), updates on the timeline, and none of the affected
// people's names, emails or phones anywhere.
import { XMLParser } from 'fast-xml-parser';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnnouncementActivities } from '../activities/announcements.js';
import { incidentAnnouncement } from '../api/incident-view.js';
import type { AnnouncementView } from '../domain/announcement/view.js';
import { ANNOUNCEMENT_TEXTS } from '../domain/announcement/texts.js';
import { NOTICE_TEMPLATES } from '../domain/notice/index.js';
import { escapeHtml } from '../domain/notice/text.js';
import {
  announcedIncident,
  BASE_URL,
  personalData,
  publicApp,
  publishInput,
} from './support/announcement-fixtures.js';
import { openTestStore, type TestStore } from './support/stores.js';

let store: TestStore;
let app: FastifyInstance;
let id: string;
const activities = () =>
  createAnnouncementActivities({ ledger: store.ledger, settings: { publicBaseUrl: BASE_URL } });

const get = (url: string, headers: Record<string, string> = {}) =>
  app.inject({ method: 'GET', url, headers });

beforeAll(async () => {
  store = await openTestStore('sqlite');
  app = await publicApp(store.ledger);
  id = await announcedIncident(store.ledger);
  await activities().publishAnnouncement(publishInput(id));
});

afterAll(async () => {
  await app?.close();
  await store?.cleanup();
});

/** Every text of a block, as the page escapes it. */
function blockTexts(block: Record<string, unknown>): string[] {
  const texts: string[] = [];
  if (typeof block.text === 'string') texts.push(...block.text.split(/\n\s*\n/).map((p) => p.trim()));
  if (Array.isArray(block.items)) texts.push(...(block.items as string[]));
  if (typeof block.intro === 'string') texts.push(block.intro);
  if (Array.isArray(block.lines)) {
    for (const l of block.lines as { label: string; value: string }[]) texts.push(l.label, l.value);
  }
  if (typeof block.label === 'string') texts.push(block.label);
  return texts.filter(Boolean).map(escapeHtml);
}

describe('the public announcement', () => {
  it('is written in every notice locale its people read, the original first', async () => {
    const json = (await get(`/public/announcements/${id}.json`)).json() as AnnouncementView;
    // fr and fr-CA read French; the locales are the notice templates', not the people's own.
    expect(json.locales.map((l) => l.locale)).toEqual(['en', 'fr', 'zh-CN']);
    expect(json.status).toBe('published');
    expect(json.url).toBe(`${BASE_URL}/public/announcements/${id}`);
    expect(json.contentHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(json.discoveredAt).toBe('2026-11-20T08:30:00Z');
    expect(json.expiresAt).toBe('2027-03-01T00:00:00.000Z');
  });

  it('shows every section in two locales, with lang, hreflang and the lookup form', async () => {
    const json = (await get(`/public/announcements/${id}.json`)).json() as AnnouncementView;
    for (const locale of ['en', 'fr']) {
      const res = await get(`/public/announcements/${id}?lang=${locale}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['content-language']).toBe(locale);
      const html = res.body;
      expect(html).toContain(`<html lang="${locale}">`);
      const content = json.locales.find((l) => l.locale === locale)!;
      for (const id of [
        'whatHappened',
        'when',
        'yourData',
        'consequences',
        'whatWeDid',
        'whatYouCanDo',
        'contact',
      ]) {
        const section = content.sections.find((s) => s.id === id);
        expect(section, `${locale} ${id}`).toBeDefined();
        expect(html).toContain(`<h2 id="${id}">${escapeHtml(section!.heading)}</h2>`);
      }
      for (const other of json.locales) {
        expect(html).toContain(
          `<link rel="alternate" hreflang="${other.locale}" href="${BASE_URL}/public/announcements/${id}?lang=${other.locale}">`,
        );
        expect(html).toContain(`hreflang="${other.locale}" lang="${other.locale}"`);
      }
      const t = ANNOUNCEMENT_TEXTS[locale]!;
      expect(html).toContain(
        `<form method="post" action="/public/announcements/${id}/lookup"><label for="lookup-address">${escapeHtml(t.lookupLabel)}</label><input id="lookup-address" name="address" type="text" autocomplete="email" required><input type="hidden" name="lang" value="${locale}"><button type="submit">${escapeHtml(t.lookupButton)}</button></form>`,
      );
      expect(html).not.toMatch(/<script|<img|<iframe/i);
    }
  });

  it('says what is shown untranslated, and marks it with the original language', async () => {
    const fr = (await get(`/public/announcements/${id}?lang=fr`)).body;
    expect(fr).toContain(escapeHtml(ANNOUNCEMENT_TEXTS.fr!.fallback));
    expect(fr).toContain('Base de données clients exposée');
    // No French for "what we are doing": the English text, marked English.
    expect(fr).toMatch(/<h2 id="whatWeDid">[^<]+<\/h2>\n<div lang="en">\n<p>We closed the bucket/);
    expect(fr).toMatch(/<h2 id="whatHappened">[^<]+<\/h2>\n<div>\n<p>Un compartiment/);
    const en = (await get(`/public/announcements/${id}?lang=en`)).body;
    expect(en).not.toContain(escapeHtml(ANNOUNCEMENT_TEXTS.en!.fallback));
  });

  it('answers in the reader’s language without ?lang, and falls back to the original', async () => {
    const zh = await get(`/public/announcements/${id}`, { 'accept-language': 'de;q=0.9, zh-TW;q=0.8' });
    expect(zh.headers['content-language']).toBe('zh-CN');
    const de = await get(`/public/announcements/${id}`, { 'accept-language': 'de' });
    expect(de.headers['content-language']).toBe('en');
  });

  it('has JSON with the same content as the page, in every locale', async () => {
    const json = (await get(`/public/announcements/${id}.json`)).json() as AnnouncementView;
    for (const content of json.locales) {
      const html = (await get(`/public/announcements/${id}?lang=${content.locale}`)).body;
      expect(html).toContain(escapeHtml(content.intro));
      for (const section of content.sections) {
        for (const block of section.blocks) {
          for (const text of blockTexts(block as unknown as Record<string, unknown>)) {
            expect(html, `${content.locale} ${section.id}`).toContain(text);
          }
        }
      }
    }
    expect(Object.keys(NOTICE_TEMPLATES).sort()).toEqual(Object.keys(ANNOUNCEMENT_TEXTS).sort());
  });

  it('publishes a version once, however often it is asked to', async () => {
    const before = (await get(`/public/announcements/${id}.json`)).json() as AnnouncementView;
    const again = await activities().publishAnnouncement(publishInput(id));
    expect(again.contentHash).toBe(before.contentHash);
    expect(again.publishedAt).toBe(before.publishedAt);
    expect(await store.ledger.listAnnouncementVersions(`announcement-${id}`)).toHaveLength(1);
    const audit = await store.ledger.listAudit(id);
    expect(audit.filter((a) => a.action === 'announcement:published')).toHaveLength(1);
  });

  it('gives the incident’s view its announcement: url, status, reasons, dates, locales', async () => {
    const json = (await get(`/public/announcements/${id}.json`)).json() as AnnouncementView;
    const input = publishInput(id);
    expect(incidentAnnouncement(await store.ledger.listAnnouncements(id), BASE_URL)).toEqual({
      url: json.url,
      status: 'published',
      reasons: input.reasons,
      publishedAt: json.publishedAt,
      updatedAt: json.updatedAt,
      expiresAt: input.expiresAt,
      locales: ['en', 'fr', 'zh-CN'],
      replacesIndividualNoticeFor: 0,
    });
  });

  it('answers 404 in the one error shape for an unknown announcement', async () => {
    for (const url of [
      '/public/announcements/no-such-incident',
      '/public/announcements/no-such-incident.json',
    ]) {
      const res = await get(url);
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({
        error: { code: 'not_found', message: expect.stringContaining('no-such-incident') },
      });
    }
  });

  it('adds an update to the timeline, the page and the feed', async () => {
    const { ledger } = store;
    const incident = (await ledger.getIncident(id))!;
    await ledger.updateIncidentFacts(
      id,
      {
        ...incident.facts,
        measuresTaken: 'We also reset every customer password and hired forensic experts.',
      },
      new Date().toISOString(),
    );
    const v2 = await activities().publishAnnouncement(publishInput(id, 2));
    const json = (await get(`/public/announcements/${id}.json`)).json() as AnnouncementView;
    expect(json.version).toBe(2);
    expect(json.contentHash).toBe(v2.contentHash);
    expect(json.timeline.map((e) => [e.version, e.changed])).toEqual([
      [1, []],
      [2, ['whatWeDid']],
    ]);
    expect(json.updatedAt).toBe(v2.publishedAt);
    expect(json.publishedAt).not.toBe(json.updatedAt);
    const html = (await get(`/public/announcements/${id}?lang=en`)).body;
    expect(html).toContain('hired forensic experts');
    expect(html).toContain('Updated: What we are doing.');
    const audit = await ledger.listAudit(id);
    expect(audit.map((a) => a.action)).toContain('announcement:updated');
  });

  it('lists it in the index and has an Atom feed with RFC 4287’s required elements', async () => {
    const index = await get('/public/announcements');
    expect(index.statusCode).toBe(200);
    expect(index.body).toContain(`href="${BASE_URL}/public/announcements/${id}"`);

    const res = await get('/public/announcements.atom');
    expect(res.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    const parsed = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '@',
      isArray: (n) => ['entry', 'link', 'author'].includes(n),
    }).parse(res.body);
    const feed = parsed.feed;
    expect(feed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(feed.id).toBe(`${BASE_URL}/public/announcements`);
    expect(feed.title).toBeTruthy();
    expect(Date.parse(feed.updated)).not.toBeNaN();
    expect(feed.author[0].name).toBe('Acme Privacy Office');
    expect(feed.link.some((l: Record<string, string>) => l['@rel'] === 'self')).toBe(true);
    expect(feed.entry).toHaveLength(2);
    const ids = new Set<string>();
    for (const entry of feed.entry) {
      ids.add(entry.id);
      expect(entry.title['#text'] ?? entry.title).toBeTruthy();
      expect(Date.parse(entry.updated)).not.toBeNaN();
      expect(entry.author[0].name).toBeTruthy();
      // RFC 4287 4.2.7.2: a link without rel is rel="alternate".
      const alternate = entry.link.find(
        (l: Record<string, string>) => (l['@rel'] ?? 'alternate') === 'alternate',
      );
      expect(alternate['@href']).toBe(`${BASE_URL}/public/announcements/${id}`);
    }
    expect(ids.size).toBe(2);
    expect(Date.parse(feed.updated)).toBe(Date.parse(feed.entry[0].updated));
  });

  it('carries none of the affected people’s names, emails or phones', async () => {
    const bodies = [
      (await get('/public/announcements')).body,
      (await get('/public/announcements.atom')).body,
      (await get(`/public/announcements/${id}.json`)).body,
      ...(await Promise.all(
        ['en', 'fr', 'zh-CN'].map(async (l) => (await get(`/public/announcements/${id}?lang=${l}`)).body),
      )),
    ];
    for (const body of bodies) {
      for (const value of personalData()) {
        expect(body).not.toContain(value);
        expect(body).not.toContain(escapeHtml(value));
      }
    }
  });
});
