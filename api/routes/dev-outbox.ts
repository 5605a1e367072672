import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** Development mode only: what the local SMTP, Twilio and FCM servers received, so a newcomer sees notices arrive. */
export function devOutboxRoutes(render: () => string): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/dev/outbox', { schema: { hide: true } }, async (_request, reply) =>
      reply
        .header('content-type', 'text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(render()),
    );
  };
}
