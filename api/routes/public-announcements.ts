import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { announcementIdOf } from '../../domain/announcement/announcement.js';
import type { AnnouncementContent } from '../../domain/announcement/content.js';
import { renderAnnouncementFeed } from '../../domain/announcement/feed.js';
import { renderAnnouncementIndex } from '../../domain/announcement/index-page.js';
import { renderAnnouncementPage } from '../../domain/announcement/page.js';
import { announcementView, chooseLocale, type AnnouncementView } from '../../domain/announcement/view.js';
import type { AnnouncementStatus } from '../../domain/announcement/announcement.js';
import type { Ledger } from '../../store/ledger.js';
import { notFound } from '../errors.js';
import type { ZodApp } from '../route-app.js';
import { errorResponses, HtmlPage } from '../schemas.js';

export interface PublicAnnouncementOptions {
  ledger: Ledger;
  /** The public origin the links in pages, JSON and feed point to. */
  baseUrl: string;
}

/** How many announcements the index lists and how many versions the feed carries. */
const LISTED = 100;
const PUBLIC: readonly string[] = ['published', 'archived'];

const SlugParams = z.object({ slug: z.string().min(1).max(200) });

const Block = z.looseObject({ kind: z.string() });
const AnnouncementJson = z.object({
  slug: z.string(),
  url: z.string(),
  status: z.string(),
  version: z.number(),
  contentHash: z.string(),
  organisation: z.string(),
  discoveredAt: z.string(),
  publishedAt: z.string(),
  updatedAt: z.string(),
  expiresAt: z.string().nullable(),
  archivedAt: z.string().nullable(),
  locales: z.array(
    z.object({
      locale: z.string(),
      languageName: z.string(),
      title: z.string(),
      titleLanguage: z.string().optional(),
      heading: z.string(),
      intro: z.string(),
      fallback: z.boolean(),
      sections: z.array(
        z.object({
          id: z.string(),
          heading: z.string(),
          blocks: z.array(Block),
          originalLanguage: z.string().optional(),
        }),
      ),
    }),
  ),
  timeline: z.array(
    z.object({
      version: z.number(),
      publishedAt: z.string(),
      contentHash: z.string(),
      changed: z.array(z.string()),
    }),
  ),
  links: z.object({ html: z.string(), json: z.string(), atom: z.string() }),
});

/** Public pages change when an announcement is updated or archived: caches keep them a minute. */
const CACHE = 'public, max-age=60';
// No scripts, no outside requests; the style sheet is inline and the one form posts to this service.
const CSP =
  "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

async function loadView(
  { ledger, baseUrl }: PublicAnnouncementOptions,
  slug: string,
): Promise<AnnouncementView> {
  const record = await ledger.getAnnouncement(announcementIdOf(slug));
  const versions =
    record && PUBLIC.includes(record.status)
      ? (await ledger.listAnnouncementVersions(record.id)).filter((v) => v.version <= (record.version ?? 0))
      : [];
  if (!record || versions.length === 0) throw notFound(`Announcement ${slug}`);
  return announcementView({
    status: record.status as AnnouncementStatus,
    expiresAt: record.expiresAt,
    archivedAt: record.archivedAt,
    versions: versions.map((v) => ({ ...v, content: v.content as AnnouncementContent })),
    baseUrl,
  });
}

/** The index's entries: each public announcement at its current version. */
async function indexEntries(ledger: Ledger) {
  const entries = [];
  for (const r of await ledger.listPublicAnnouncements(LISTED)) {
    const v = r.version ? await ledger.getAnnouncementVersion(r.id, r.version) : undefined;
    if (!v || !r.publishedAt) continue;
    entries.push({
      status: r.status as AnnouncementStatus,
      content: v.content as AnnouncementContent,
      publishedAt: r.publishedAt,
      updatedAt: v.publishedAt,
    });
  }
  return entries;
}

/** The feed's entries: recent versions of announcements still public, none ahead of its record. */
async function feedVersions(ledger: Ledger) {
  const records = new Map<string, { status: string; publishedAt: string | null; version: number | null }>();
  const versions = [];
  for (const v of await ledger.recentAnnouncementVersions(LISTED)) {
    if (!records.has(v.announcementId)) {
      const r = await ledger.getAnnouncement(v.announcementId);
      if (r) records.set(v.announcementId, r);
    }
    const r = records.get(v.announcementId);
    if (!r || !PUBLIC.includes(r.status) || v.version > (r.version ?? 0)) continue;
    versions.push({
      version: v.version,
      content: v.content as AnnouncementContent,
      publishedAt: v.publishedAt,
      ...(r.publishedAt ? { firstPublishedAt: r.publishedAt } : {}),
    });
  }
  return versions;
}

function announcementIndex(app: ZodApp, { ledger, baseUrl }: PublicAnnouncementOptions): void {
  app.get(
    '/public/announcements',
    {
      schema: {
        tags: ['announcements'],
        summary: 'Every public announcement, newest first (HTML)',
        security: [],
        response: { 200: HtmlPage('The list of announcements') },
      },
    },
    async (_request, reply) =>
      reply
        .header('content-type', 'text/html; charset=utf-8')
        .header('cache-control', CACHE)
        .header('content-security-policy', CSP)
        .send(renderAnnouncementIndex(await indexEntries(ledger), baseUrl)),
  );
}

function announcementFeed(app: ZodApp, { ledger, baseUrl }: PublicAnnouncementOptions): void {
  app.get(
    '/public/announcements.atom',
    {
      schema: {
        tags: ['announcements'],
        summary: 'Atom feed: an entry per published version of every announcement',
        security: [],
        response: {
          200: {
            description: 'Atom 1.0 (RFC 4287)',
            content: { 'application/atom+xml': { schema: z.string() } },
          },
        },
      },
    },
    async (_request, reply) => {
      const versions = await feedVersions(ledger);
      return reply
        .header('content-type', 'application/atom+xml; charset=utf-8')
        .header('cache-control', CACHE)
        .send(renderAnnouncementFeed({ baseUrl, versions, defaultAuthor: 'Public notices' }));
    },
  );
}

function announcementJson(app: ZodApp, opts: PublicAnnouncementOptions): void {
  app.get(
    '/public/announcements/:slug.json',
    {
      schema: {
        tags: ['announcements'],
        summary: 'An announcement as JSON: the same content as its page, in every language',
        security: [],
        params: SlugParams,
        response: { 200: AnnouncementJson, ...errorResponses({ public: true }) },
      },
    },
    async (request, reply) => {
      const view = await loadView(opts, request.params.slug);
      return reply.header('cache-control', CACHE).send(view);
    },
  );
}

function announcementPage(app: ZodApp, opts: PublicAnnouncementOptions): void {
  app.get(
    '/public/announcements/:slug',
    {
      schema: {
        tags: ['announcements'],
        summary: 'An announcement’s page, in the language asked for or the reader’s',
        security: [],
        params: SlugParams,
        querystring: z.object({ lang: z.string().max(35).optional() }),
        response: { 200: HtmlPage('The announcement'), ...errorResponses({ public: true }) },
      },
    },
    async (request, reply) => {
      const view = await loadView(opts, request.params.slug);
      const locales = view.locales.map((l) => l.locale);
      const locale = chooseLocale(locales, request.query.lang, request.headers['accept-language']);
      return reply
        .header('content-type', 'text/html; charset=utf-8')
        .header('content-language', locale)
        .header('vary', 'accept-language')
        .header('cache-control', CACHE)
        .header('content-security-policy', CSP)
        .header('x-content-type-options', 'nosniff')
        .send(renderAnnouncementPage(view, locale));
    },
  );
}

/**
 * The public announcements: a page per incident in each of its languages, its JSON, an index and
 * an Atom feed. No API key: these are what the public, newsrooms and status pages read.
 */
export function publicAnnouncementRoutes(opts: PublicAnnouncementOptions): FastifyPluginAsyncZod {
  const routes = [announcementIndex, announcementFeed, announcementJson, announcementPage];
  return async (app) => routes.forEach((add) => add(app, opts));
}
