import { randomBytes, randomInt } from 'node:crypto';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CODE_PATTERN,
  judgeCode,
  LOOKUP_CODE_DIGITS,
  LOOKUP_CODE_TTL_MS,
  lookupDigest,
  lookupKeyOf,
  lookupOpen,
  normaliseCode,
  parseLookupAddress,
  type LookupAddress,
} from '../../domain/announcement/lookup.js';
import {
  renderLookupDeadPage,
  renderLookupFormPage,
  renderLookupMessage,
  renderLookupSentPage,
  renderLookupTooManyPage,
  renderLookupUnavailablePage,
} from '../../domain/announcement/lookup-page.js';
import { signNoticeLink } from '../../domain/notice/link.js';
import type { LookupCodeSender } from '../../platform/lookup-code-sender.js';
import type { LookupSettings } from '../../platform/lookup-config.js';
import type { Ledger } from '../../store/ledger.js';
import { ErrorBody, errorResponses, HtmlPage } from '../schemas.js';

export interface AnnouncementLookupOptions {
  ledger: Ledger;
  /** Signs the notice link a right code opens (the fan-out's secret, so /n/:token verifies it). */
  linkSecret: string;
  sender: LookupCodeSender;
  settings: LookupSettings;
}

const HTML = 'text/html; charset=utf-8';
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

/**
 * "Was I affected?" on an incident's announcement page: a person gives an email address or a phone
 * number; if one of the incident's affected people has it, a one-time code goes to it (and only
 * there), and the right code opens that person's notice. Every lookup gets the same answer in the
 * same time: it is written before anyone is looked up, and the code is sent after answering.
 */
export function announcementLookupRoutes(opts: AnnouncementLookupOptions): FastifyPluginAsyncZod {
  const { ledger, settings } = opts;
  const key = lookupKeyOf(settings.secret ?? opts.linkSecret);
  const inFlight = new Set<Promise<void>>();

  /** The incident behind a slug, while its lookup is offered. The slug is the incident id. */
  async function openIncident(slug: string): Promise<string | undefined> {
    const incident = await ledger.getIncident(slug);
    if (!incident) return undefined;
    return lookupOpen(incident, await ledger.listAnnouncements(incident.id)) ? incident.id : undefined;
  }

  function unavailable(request: FastifyRequest, reply: FastifyReply, locale: string | undefined) {
    if (wantsJson(request))
      return errorJson(reply, 404, 'not_found', 'No lookup is offered for this incident');
    return privatePage(reply).status(404).send(renderLookupUnavailablePage({ locale }));
  }

  function tooMany(request: FastifyRequest, reply: FastifyReply, slug: string, locale: string | undefined) {
    if (wantsJson(request)) return errorJson(reply, 429, 'rate_limited', 'Too many lookups; try again later');
    return privatePage(reply).status(429).send(renderLookupTooManyPage({ slug, locale }));
  }

  function track(log: FastifyBaseLogger, work: () => Promise<void>): void {
    const run = new Promise<void>((resolve) => setImmediate(resolve))
      .then(work)
      .catch((err: unknown) => log.error({ errorCode: errorCodeOf(err) }, 'lookup code delivery failed'))
      .finally(() => inFlight.delete(run));
    inFlight.add(run);
  }

  /** After the answer: finds the person and sends them a code, or records that nobody has the address. */
  async function deliverCode(
    log: FastifyBaseLogger,
    lookupRef: string,
    incidentId: string,
    address: LookupAddress,
    locale: string | undefined,
  ): Promise<void> {
    const linkRef = await ledger.findAffectedLinkRef(incidentId, address);
    if (linkRef === undefined) return ledger.settleLookup(lookupRef, { outcome: 'none' });
    const incident = await ledger.getIncident(incidentId);
    if (!incident || !opts.sender.has(address.channel)) {
      log.warn({ lookupRef, channel: address.channel }, 'lookup code not sent: channel not configured');
      return ledger.settleLookup(lookupRef, { outcome: 'failed' });
    }
    const code = String(randomInt(0, 10 ** LOOKUP_CODE_DIGITS)).padStart(LOOKUP_CODE_DIGITS, '0');
    // Stored before sending, so a person who types fast finds it.
    await ledger.settleLookup(lookupRef, {
      outcome: 'pending',
      codeDigest: lookupDigest(key, 'code', code),
      linkRef,
    });
    const message = renderLookupMessage({
      locale,
      code,
      incidentTitle: incident.facts.title,
      sender: incident.facts.contact.name,
    });
    try {
      await opts.sender.send({ channel: address.channel, to: address.address, ...message });
      await ledger.settleLookup(lookupRef, { outcome: 'sent' });
    } catch (err) {
      // Providers' messages can quote the recipient: only the error's code is logged.
      log.warn({ lookupRef, errorCode: errorCodeOf(err) }, 'lookup code not sent');
      await ledger.settleLookup(lookupRef, { outcome: 'failed' });
    }
  }

  /** The notice link a right code opens, at the latest notice version the incident sent. */
  async function noticePath(incidentId: string, linkRef: number): Promise<string> {
    const versions = (await ledger.listAudit(incidentId))
      .filter((e) => e.action === 'incident:supplemental_notice')
      .map((e) => Number((e.details as { noticeVersion?: unknown } | null)?.noticeVersion))
      .filter((v) => Number.isInteger(v) && v > 0);
    const token = signNoticeLink(
      {
        incidentId,
        linkRef,
        noticeVersion: Math.max(1, ...versions),
        expiresAt: new Date(Date.now() + settings.linkTtlMs),
      },
      opts.linkSecret,
    );
    return `/n/${token}`;
  }

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
    app.addHook('onClose', async () => {
      await Promise.allSettled([...inFlight]);
      await opts.sender.close();
    });
    const ipWindow = settings.ipLimit.windowMs;

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
        if (!(await openIncident(slug))) return unavailable(request, reply, locale);
        return privatePage(reply).send(renderLookupFormPage({ slug, locale }));
      },
    );

    app.post(
      '/public/announcements/:slug/lookup',
      {
        config: { rateLimit: { max: settings.ipLimit.lookups, timeWindow: ipWindow } },
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
        const incidentId = await openIncident(slug);
        if (!incidentId) return unavailable(request, reply, locale);
        const parsed = parseLookupAddress(address);
        if ('problem' in parsed) {
          if (wantsJson(request))
            return errorJson(reply, 400, 'invalid_request', `address: ${parsed.problem}`, 'address');
          const page = renderLookupFormPage({ slug, locale, problem: parsed.problem, address });
          return privatePage(reply).status(400).send(page);
        }
        const addressDigest = lookupDigest(key, 'address', `${parsed.channel}:${parsed.address}`);
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
        track(request.log, () => deliverCode(request.log, lookupRef, incidentId, parsed, locale));
        return privatePage(reply).send(renderLookupSentPage({ slug, locale, lookupRef }));
      },
    );

    app.post(
      '/public/announcements/:slug/lookup/verify',
      {
        config: { rateLimit: { max: settings.ipLimit.verifies, timeWindow: ipWindow } },
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
        const incidentId = await openIncident(slug);
        if (!incidentId) return unavailable(request, reply, locale);
        const code = normaliseCode(request.body.code);
        if (!CODE_PATTERN.test(code)) {
          if (wantsJson(request))
            return errorJson(reply, 400, 'invalid_request', `code: ${LOOKUP_CODE_DIGITS} digits`, 'code');
          const page = renderLookupSentPage({ slug, locale, lookupRef: ref, problem: { kind: 'format' } });
          return privatePage(reply).status(400).send(page);
        }
        const lookup = await ledger.tryLookupCode(ref, incidentId);
        const verdict = lookup ? judgeCode(lookup, code, key, new Date()) : { status: 'dead' as const };
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
          .redirect(await noticePath(incidentId, lookup.linkRef), 303);
      },
    );
  };
}

function errorCodeOf(err: unknown): string {
  const e = err as { code?: unknown; status?: unknown; responseCode?: unknown };
  return String(e.code ?? e.responseCode ?? e.status ?? 'unknown');
}
