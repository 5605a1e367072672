import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { verifyNoticeLink } from '../../domain/notice/link.js';
import { noticeParts } from '../../domain/notice/incident-notice.js';
import { renderNoticeLinkProblemPage, renderNoticePage } from '../../domain/notice/page.js';
import type { Ledger } from '../../store/ledger.js';
import { errorResponses, HtmlPage } from '../schemas.js';

export interface NoticePageOptions {
  ledger: Ledger;
  /** The secret(s) the fan-out signs links with; older ones keep earlier links working after a rotation. */
  linkSecrets: string[];
}

/**
 * The full notice behind each person's signed link: no login, nothing personal in the URL, and only
 * what that person's notice says. An expired or forged link gets a page saying so, in their language.
 */
export function noticePageRoutes(opts: NoticePageOptions): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/n/:token',
      {
        schema: {
          tags: ['notices'],
          summary: 'A person’s full notice (signed link)',
          security: [],
          params: z.object({ token: z.string().min(1).max(400) }),
          response: {
            ...errorResponses({ public: true }),
            200: HtmlPage('The notice'),
            404: HtmlPage('The link does not open (forged, or its incident is gone)'),
            410: HtmlPage('The link has expired'),
          },
        },
      },
      async (request, reply) => {
        reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'private, no-store');
        reply.header('x-robots-tag', 'noindex');
        const verdict = verifyNoticeLink(request.params.token, opts.linkSecrets, new Date());
        const language = request.headers['accept-language']?.split(',')[0]?.split(';')[0]?.trim();
        if (verdict.status !== 'ok') {
          return reply
            .status(verdict.status === 'expired' ? 410 : 404)
            .send(renderNoticeLinkProblemPage(language, verdict.status));
        }
        const { claims } = verdict;
        const { incidentId, noticeVersion } = claims;
        const incident = await opts.ledger.getIncident(incidentId);
        if (!incident) return reply.status(404).send(renderNoticeLinkProblemPage(language, 'invalid'));
        // After the retention purge the person's details are gone; the notice about the incident stays readable.
        // Links of the first format named the person by userId (or a digest, which finds nobody).
        const person =
          'linkRef' in claims
            ? await opts.ledger.getAffectedUserByLinkRef(incidentId, claims.linkRef)
            : await opts.ledger.getAffectedUser(incidentId, claims.recipientRef);
        return renderNoticePage({
          locale: person?.locale ?? language ?? 'en',
          ...noticeParts(incident.facts, person),
          noticeVersion,
        });
      },
    );
  };
}
