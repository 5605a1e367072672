import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { consoleAssets } from '../console/bundle.js';
import { CONSOLE_CSP, consoleShell } from '../console/shell.js';

/**
 * The responder console at /console: a page and its script, which use only the public HTTP API with the
 * key the person signs in with. The pages hold no data and need no key; the API checks every call.
 */
export function consoleRoutes(): FastifyPluginAsyncZod {
  return async (app) => {
    const secure = { 'content-security-policy': CONSOLE_CSP, 'x-content-type-options': 'nosniff' };
    app.get('/console', { schema: { hide: true } }, async (_request, reply) =>
      reply
        .headers({ ...secure, 'cache-control': 'no-cache' })
        .type('text/html; charset=utf-8')
        .send(consoleShell()),
    );
    app.get('/console/console.js', { schema: { hide: true } }, async (_request, reply) =>
      reply
        .headers({ ...secure, 'cache-control': 'no-cache' })
        .type('text/javascript; charset=utf-8')
        .send((await consoleAssets()).script),
    );
    app.get('/console/console.css', { schema: { hide: true } }, async (_request, reply) =>
      reply
        .headers({ ...secure, 'cache-control': 'no-cache' })
        .type('text/css; charset=utf-8')
        .send((await consoleAssets()).css),
    );
  };
}
