// GET /v1/register: the breach register as JSON or CSV, for the supervisory authority that asks for it
// and for the organisation's own record (kept after the personal data is purged).
import { stringify } from 'csv-stringify/sync';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { RegisterBound, rangeBounds } from '../../domain/register/discovery-range.js';
import { REGISTER_COLUMNS, registerRow } from '../../domain/register/register-rows.js';
import type { Ledger } from '../../store/ledger.js';
import type { ApiKeyEntry } from '../api-keys.js';
import { requireRole } from '../auth.js';
import { BinaryBody, preferredType } from '../accept.js';
import { breachRegister } from '../breach-register.js';
import { errorResponses } from '../schemas.js';
import { RegisterAnswer } from '../register-schemas.js';

const CSV = 'text/csv';

const RegisterQuery = z
  .object({
    from: RegisterBound.optional().describe('Incidents discovered at or after (date or date-time)'),
    to: RegisterBound.optional().describe('Incidents discovered at or before; a date means that whole day'),
    format: z.enum(['json', 'csv']).optional().describe('Overrides the Accept header'),
  })
  .refine((q) => !q.from || !q.to || rangeBounds(q).fromMs < rangeBounds(q).toMs, {
    path: ['to'],
    message: 'must not be before from',
  });

export function registerRoutes(
  deps: { ledger: Ledger },
  keys: readonly ApiKeyEntry[],
): FastifyPluginAsyncZod {
  const reader = requireRole(keys, 'responder', 'approver');
  return async (app) => {
    app.get(
      '/v1/register',
      {
        onRequest: reader,
        schema: {
          tags: ['register'],
          summary: 'The breach register: every incident, notified or not (JSON, or CSV)',
          querystring: RegisterQuery,
          response: {
            200: {
              description: 'The register, oldest discovery first',
              content: {
                'application/json': { schema: RegisterAnswer },
                [CSV]: { schema: BinaryBody('One row per incident, with a header row') },
              },
            },
            ...errorResponses(),
          },
        },
      },
      async (request, reply) => {
        const { from, to, format } = request.query;
        reply.header('cache-control', 'private, no-store');
        const entries = await breachRegister(deps.ledger, { from, to });
        const wanted =
          format ??
          (preferredType(request.headers.accept, ['application/json', CSV]) === CSV ? 'csv' : 'json');
        if (wanted === 'csv') {
          const csv = stringify(entries.map(registerRow), {
            header: true,
            columns: [...REGISTER_COLUMNS],
            cast: { boolean: (v) => String(v) },
            // Responders' words open in spreadsheets: a cell starting with = + - @ must stay text.
            escape_formulas: true,
          });
          return reply
            .type(`${CSV}; charset=utf-8`)
            .header('content-disposition', 'attachment; filename="breach-register.csv"')
            .send(Buffer.from(csv, 'utf8'));
        }
        return { from: from ?? null, to: to ?? null, generatedAt: new Date().toISOString(), items: entries };
      },
    );
  };
}
