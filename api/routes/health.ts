import type { Client } from '@temporalio/client';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ChannelsConfig } from '../../platform/channel-providers.js';
import type { Ledger } from '../../store/ledger.js';

export interface ReadinessDeps {
  client: Client;
  ledger: Pick<Ledger, 'listIncidents'>;
  /** Production only: a service that cannot send a single notice is not ready. */
  production: boolean;
  channels: ChannelsConfig;
}

const Check = z.string().describe('"ok", or why not');
const Readiness = z.object({
  status: z.enum(['ready', 'not_ready']),
  temporal: Check,
  ledger: Check,
  providers: Check,
});

async function check(fn: () => Promise<unknown>): Promise<string> {
  try {
    await fn();
    return 'ok';
  } catch (err) {
    return (err as Error).message || 'failed';
  }
}

/** Which channels have what they need to send; the secrets themselves are never shown. */
function providerCheck(deps: ReadinessDeps): string {
  const configured = (['email', 'sms', 'push'] as const).filter((c) => deps.channels[c] !== undefined);
  if (configured.length > 0) return 'ok';
  return deps.production ? 'no notice channel has credentials (SMTP_URL, TWILIO_*, FCM_*)' : 'ok';
}

/**
 * /healthz: the process answers. /readyz: Temporal and the ledger answer, and (in production) at least
 * one notice channel has its provider's credentials, so work started now can actually be done.
 */
export function healthRoutes(deps: ReadinessDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/healthz',
      {
        schema: { tags: ['health'], security: [], response: { 200: z.object({ status: z.literal('ok') }) } },
      },
      async () => ({ status: 'ok' as const }),
    );
    const readiness = {
      200: Readiness.describe('Temporal and the ledger answer, providers configured'),
      503: Readiness.describe('Something this service needs does not answer'),
    };
    app.get(
      '/readyz',
      { schema: { tags: ['health'], security: [], response: readiness } },
      async (_request, reply) => {
        const { client } = deps;
        const [temporal, ledger] = await Promise.all([
          check(() =>
            client.withDeadline(Date.now() + 3_000, () => client.workflowService.getSystemInfo({})),
          ),
          check(() => deps.ledger.listIncidents({ limit: 1 })),
        ]);
        const providers = providerCheck(deps);
        const ready = temporal === 'ok' && ledger === 'ok' && providers === 'ok';
        return reply
          .status(ready ? 200 : 503)
          .send({ status: ready ? ('ready' as const) : ('not_ready' as const), temporal, ledger, providers });
      },
    );
  };
}
