import { randomBytes } from 'node:crypto';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CODE_PATTERN,
  judgeCode,
  LOOKUP_CODE_DIGITS,
  LOOKUP_CODE_TTL_MS,
  normaliseCode,
  parseLookupAddress,
} from '../../domain/announcement/lookup.js';
import {
  renderLookupDeadPage,
  renderLookupFormPage,
  renderLookupSentPage,
  renderLookupTooManyPage,
  renderLookupUnavailablePage,
} from '../../domain/announcement/lookup-page.js';
import { lookupText } from '../../domain/announcement/lookup-text.js';
import { fill } from '../../domain/notice/text.js';
import { LookupCodes, type LookupCodesOptions } from '../announcement-lookup-codes.js';
import { ErrorBody, errorResponses, HtmlPage } from '../schemas.js';

export type AnnouncementLookupOptions = LookupCodesOptions;
type App = Parameters<FastifyPluginAsyncZod>[0];

const HTML = 'text/html; charset=utf-8';
/** Programs get the problem in English, in the one error shape. */
const ADDRESS_PROBLEMS = lookupText('en').addressProblems;
const CODE_PROBLEM = fill(lookupText('en').codeFormat, { digits: LOOKUP_CODE_DIGITS });
const Slug = z.object({ slug: z.string().min(1).max(200) });
const Lang = z.string().max(35).optional();
const LookupForm = z.object({ address: z.string().max(400), lang: Lang });
const VerifyForm = z.object({
  ref: z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'is not a lookup reference this page issued'),
  code: z.string().max(40),
  lang: Lang,
});

const htmlOrError = (description: string) => ({
  description,
  content: { 'text/html': { schema: z.string() }, 'application/json': { schema: ErrorBody } },
});

/** The rate limiter's refusal, answered as a page for people and in the one error shape for programs. */
class LookupRateLimited extends Error {
  readonly statusCode = 429;
  constructor(readonly retryAfter: string) {
    super(`Too many lookups; try again in ${retryAfter}`);
  }
}

function wantsJson(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
}

function errorJson(reply: FastifyReply, status: number, code: string, message: string, path?: string) {
  return reply
    .status(status)
    .type('application/json; charset=utf-8')
    .send({ error: { code, message, ...(path ? { issues: [{ path, message }] } : {}) } });
}

function privatePage(reply: FastifyReply): FastifyReply {
  return reply.type(HTML).header('cache-control', 'no-store').header('x-robots-tag', 'noindex');
}

function unavailable(request: FastifyRequest, reply: FastifyReply, locale: string | undefined) {
  if (wantsJson(request)) return errorJson(reply, 404, 'not_found', 'No lookup is offered for this incident');
  return privatePage(reply).status(404).send(renderLookupUnavailablePage({ locale }));
}

function tooMany(request: FastifyRequest, reply: FastifyReply, slug: string, locale: string | undefined) {
  if (wantsJson(request)) return errorJson(reply, 429, 'rate_limited', 'Too many lookups; try again later');
  return privatePage(reply).status(429).send(renderLookupTooManyPage({ slug, locale }));
}

/**
 * "Was I affected?" on an incident's announcement page: a person gives an email address or a phone
 * number; if one of the incident's affected people has it, a one-time code goes to it (and only
 * there), and the right code opens that person's notice. Every lookup gets the same answer in the
 * same time: it is written before anyone is looked up, and the code is sent after answering.
 */
export function announcementLookupRoutes(opts: AnnouncementLookupOptions): FastifyPluginAsyncZod {
  const codes = new LookupCodes(opts);

  return async (app) => {
    await app.register(formbody);
    await app.register(rateLimit, {
      global: false,
      errorResponseBuilder: (_request, context) => new LookupRateLimited(context.after),
    });
    app.setErrorHandler((err, request, reply) => {
      if (!(err instanceof LookupRateLimited)) throw err;
      const { slug } = request.params as { slug: string };
      const lang = (request.body as { lang?: unknown } | undefined)?.lang;
      return tooMany(request, reply, slug, typeof lang === 'string' ? lang : undefined);
    });
    codes.startPruning(app.log);
    app.addHook('onClose', () => codes.close());

    formRoute(app, codes);
    lookupRoute(app, codes, opts);
    verifyRoute(app, codes, opts);
  };
}

/** The address form on its own (the announcement page carries the same form). */
function formRoute(app: App, codes: LookupCodes): void {
  app.get(
    '/public/announcements/:slug/lookup',
    {
      schema: {
        tags: ['announcements'],
        summary: '“Was I affected?”: the address form',
        security: [],
        params: Slug,
        querystring: z.object({ lang: Lang }),
        response: {
          ...errorResponses({ public: true }),
          200: HtmlPage('The form'),
          404: htmlOrError('No lookup is offered (no public announcement, or personal data purged)'),
        },
      },
    },
    async (request, reply) => {
      const { slug } = request.params;
      const locale = request.query.lang;
      if (!(await codes.openIncident(slug))) return unavailable(request, reply, locale);
      return privatePage(reply).send(renderLookupFormPage({ slug, locale }));
    },
  );
}

/** An address in, the same answer out whoever has it; the code follows if somebody does. */
function lookupRoute(app: App, codes: LookupCodes, { ledger, settings }: AnnouncementLookupOptions): void {
  app.post(
    '/public/announcements/:slug/lookup',
    {
      config: { rateLimit: { max: settings.ipLimit.lookups, timeWindow: settings.ipLimit.windowMs } },
      schema: {
        tags: ['announcements'],
        summary: '“Was I affected?”: send a one-time code if the address is affected',
        description:
          'Form-encoded `address` (email, or phone with country code) and `lang`. The answer is the same whether or not the address belongs to an affected person; a code is sent only if it does.',
        security: [],
        consumes: ['application/x-www-form-urlencoded'],
        params: Slug,
        body: LookupForm,
        response: {
          ...errorResponses({ public: true, body: true }),
          200: HtmlPage('“If this address is affected, a code is on its way”, with the code form'),
          400: htmlOrError('The address is neither an email address nor a phone number'),
          404: htmlOrError('No lookup is offered (no public announcement, or personal data purged)'),
          429: htmlOrError('Too many lookups from this IP address or of this address'),
        },
      },
    },
    async (request, reply) => {
      const { slug } = request.params;
      const { address, lang: locale } = request.body;
      const incidentId = await codes.openIncident(slug);
      if (!incidentId) return unavailable(request, reply, locale);
      const parsed = parseLookupAddress(address);
      if ('problem' in parsed) {
        if (wantsJson(request))
          return errorJson(reply, 400, 'invalid_request', ADDRESS_PROBLEMS[parsed.problem], 'address');
        const page = renderLookupFormPage({ slug, locale, problem: parsed.problem, address });
        return privatePage(reply).status(400).send(page);
      }
      const addressDigest = codes.addressDigest(parsed);
      const now = Date.now();
      const window = settings.addressLimit.windowSeconds;
      const windowStart = Math.floor(now / 1000 / window) * window;
      if (!(await ledger.countAddressLookup(addressDigest, windowStart, settings.addressLimit.lookups)))
        return tooMany(request, reply, slug, locale);
      const lookupRef = randomBytes(16).toString('base64url');
      await ledger.startLookup({
        id: lookupRef,
        incidentId,
        channel: parsed.channel,
        addressDigest,
        at: new Date(now).toISOString(),
        expiresAt: new Date(now + LOOKUP_CODE_TTL_MS).toISOString(),
      });
      codes.sendAfterAnswer(request.log, { ref: lookupRef, incidentId, address: parsed, locale });
      return privatePage(reply).send(renderLookupSentPage({ slug, locale, lookupRef }));
    },
  );
}

/** A code in: on to the notice, the form again with the tries left, or a dead code. */
function verifyRoute(app: App, codes: LookupCodes, { ledger, settings }: AnnouncementLookupOptions): void {
  app.post(
    '/public/announcements/:slug/lookup/verify',
    {
      config: { rateLimit: { max: settings.ipLimit.verifies, timeWindow: settings.ipLimit.windowMs } },
      schema: {
        tags: ['announcements'],
        summary: '“Was I affected?”: enter the code, and see the personal notice',
        description: 'Form-encoded `ref` (the lookup reference of the answer page), `code` and `lang`.',
        security: [],
        consumes: ['application/x-www-form-urlencoded'],
        params: Slug,
        body: VerifyForm,
        response: {
          ...errorResponses({ public: true, body: true }),
          200: HtmlPage('A wrong code: the code form again, with the tries left'),
          303: z.void().describe('The right code: Location is the person’s notice (/n/:token)'),
          400: htmlOrError('What was typed is not a code'),
          404: htmlOrError('No lookup is offered, or no such lookup'),
          410: htmlOrError('The code expired, was used, or was entered wrongly too often'),
          429: htmlOrError('Too many codes entered from this IP address'),
        },
      },
    },
    async (request, reply) => {
      const { slug } = request.params;
      const { ref, lang: locale } = request.body;
      const incidentId = await codes.openIncident(slug);
      if (!incidentId) return unavailable(request, reply, locale);
      const code = normaliseCode(request.body.code);
      if (!CODE_PATTERN.test(code)) {
        if (wantsJson(request)) return errorJson(reply, 400, 'invalid_request', CODE_PROBLEM, 'code');
        const page = renderLookupSentPage({ slug, locale, lookupRef: ref, problem: { kind: 'format' } });
        return privatePage(reply).status(400).send(page);
      }
      const lookup = await ledger.tryLookupCode(ref, incidentId);
      const verdict = lookup ? judgeCode(lookup, code, codes.key, new Date()) : { status: 'dead' as const };
      if (verdict.status === 'wrong') {
        // Not an error of the request: the code form again, with the tries left.
        const problem = { kind: 'wrong' as const, triesLeft: verdict.triesLeft };
        return privatePage(reply).send(renderLookupSentPage({ slug, locale, lookupRef: ref, problem }));
      }
      const opened =
        verdict.status === 'ok' &&
        lookup?.linkRef != null &&
        (await ledger.useLookup(ref, new Date().toISOString()));
      if (!opened || !lookup?.linkRef) {
        const status = lookup ? 410 : 404;
        if (wantsJson(request)) return errorJson(reply, status, 'code_dead', 'This code no longer works');
        return privatePage(reply).status(status).send(renderLookupDeadPage({ slug, locale }));
      }
      return reply
        .header('cache-control', 'no-store')
        .redirect(await codes.noticePath(incidentId, lookup.linkRef), 303);
    },
  );
}
