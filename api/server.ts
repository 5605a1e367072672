import swagger from '@fastify/swagger';
import type { Client } from '@temporalio/client';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { EncryptionCodec, type PayloadKeyRing } from '../platform/codec.js';
import { auditSigner, loadAuditKeys } from '../platform/audit-keys.js';
import type { Config } from '../platform/config.js';
import { loadChannelSettings, type ChannelSettings } from '../platform/channel-config.js';
import { createLookupCodeSender } from '../platform/lookup-code-sender.js';
import { loadLookupSettings, type LookupSettings } from '../platform/lookup-config.js';
import type { Ledger } from '../store/ledger.js';
import type { ApiKeyEntry } from './api-keys.js';
import { frameworkErrors, installErrorHandler } from './errors.js';
import { withStreamedBodies } from './schemas.js';
import { announcementLookupRoutes } from './routes/announcement-lookup.js';
import { affectedUserRoutes } from './routes/affected-users.js';
import { announcementRoutes } from './routes/announcement.js';
import { auditRoutes } from './routes/audit.js';
import { evidenceRoutes } from './routes/evidence.js';
import { codecRoutes } from './routes/codec.js';
import { consoleRoutes } from './routes/console.js';
import { healthRoutes } from './routes/health.js';
import { installObservability } from './observability.js';
import { LedgerMetrics } from './ledger-metrics.js';
import { incidentRoutes } from './routes/incidents.js';
import { deliveryRoutes } from './routes/deliveries.js';
import { devOutboxRoutes } from './routes/dev-outbox.js';
import { filingRoutes } from './routes/filings.js';
import { judgementRoutes } from './routes/judgements.js';
import { regulatorFilingRoutes } from './routes/regulator-filings.js';
import { registerRoutes } from './routes/register.js';
import { supplementRoutes } from './routes/supplements.js';
import { noticePageRoutes } from './routes/notice-page.js';
import { previewRoutes } from './routes/preview.js';
import { publicAnnouncementRoutes } from './routes/public-announcements.js';
import { TWILIO_STATUS_PATH, twilioWebhookRoutes } from './routes/twilio-webhook.js';
import { whoamiRoutes } from './routes/whoami.js';
import { letterWebhookRoutes } from './routes/letter-webhook.js';
import { TWILIO_CALL_STATUS_PATH, twilioCallRoutes } from './routes/twilio-call-status.js';
import { CALL_REPEAT_PATH } from '../platform/voice-config.js';

export interface ApiDeps {
  config: Config;
  client: Client;
  ledger: Ledger;
  apiKeys: readonly ApiKeyEntry[];
  payloadKeys: PayloadKeyRing;
  logger?: FastifyBaseLogger;
  /** Notice link secret and SMS provider settings; read from the environment when absent. */
  channels?: ChannelSettings;
  /** Limits and key of the "Was I affected?" lookup; read from the environment when absent. */
  lookup?: LookupSettings;
  /** Development mode: renders what the local providers received, served at /dev/outbox. */
  devOutbox?: () => string;
  /** What /metrics reports; a registry of its own when absent. */
  metrics?: LedgerMetrics;
}

export async function buildApi(deps: ApiDeps): Promise<FastifyInstance> {
  const app = Fastify({
    ...(deps.logger ? { loggerInstance: deps.logger } : { logger: false }),
    bodyLimit: 1024 * 1024,
    frameworkErrors,
    // Long enough for any id or token the schemas allow, so zod answers 400 naming the parameter.
    routerOptions: { maxParamLength: 8192 },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);

  await app.register(swagger, {
    openapi: {
      info: { title: 'Breach-incident notification service', version: '0.1.0' },
      components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer' } } },
      security: [{ apiKey: [] }],
    },
    transform: withStreamedBodies(jsonSchemaTransform),
  });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const incidentDeps = { client: deps.client, ledger: deps.ledger, config: deps.config };
  const channels = deps.channels ?? loadChannelSettings();
  const metrics = deps.metrics ?? new LedgerMetrics({ processMetrics: deps.config.NODE_ENV !== 'test' });
  await installObservability(app, { ledger: deps.ledger, metrics });
  await app.register(
    healthRoutes({
      client: deps.client,
      ledger: deps.ledger,
      production: deps.config.NODE_ENV === 'production',
      channels: channels.channels,
    }),
  );
  await app.register(whoamiRoutes(deps.apiKeys));
  await app.register(consoleRoutes());
  await app.register(incidentRoutes(incidentDeps, deps.apiKeys, channels));
  await app.register(affectedUserRoutes(incidentDeps, deps.apiKeys));
  await app.register(deliveryRoutes(incidentDeps, deps.apiKeys));
  await app.register(auditRoutes(incidentDeps, deps.apiKeys));
  await app.register(
    evidenceRoutes(incidentDeps, deps.apiKeys, auditSigner(loadAuditKeys(deps.config, deps.payloadKeys))),
  );
  await app.register(supplementRoutes(incidentDeps, deps.apiKeys));
  await app.register(announcementRoutes(incidentDeps, deps.apiKeys));
  await app.register(judgementRoutes(incidentDeps, deps.apiKeys, deps.payloadKeys));
  await app.register(regulatorFilingRoutes({ client: deps.client, ledger: deps.ledger }, deps.apiKeys));
  await app.register(registerRoutes({ ledger: deps.ledger }, deps.apiKeys));
  await app.register(filingRoutes(incidentDeps, deps.apiKeys));
  if (deps.devOutbox) await app.register(devOutboxRoutes(deps.devOutbox));
  await app.register(previewRoutes(incidentDeps, channels, deps.apiKeys));
  // Links and SMS delivery references are signed and sealed with the same secret.
  const linkSecrets = [channels.linkSecret];
  await app.register(noticePageRoutes({ ledger: deps.ledger, linkSecrets }));
  await app.register(
    announcementLookupRoutes({
      ledger: deps.ledger,
      linkSecret: channels.linkSecret,
      sender: createLookupCodeSender(channels.channels),
      settings: deps.lookup ?? loadLookupSettings(),
    }),
  );
  await app.register(publicAnnouncementRoutes({ ledger: deps.ledger, baseUrl: deps.config.publicBaseUrl }));
  const sms = channels.channels.sms;
  if (sms) {
    await app.register(
      twilioWebhookRoutes({
        ledger: deps.ledger,
        authToken: sms.authToken,
        callbackUrl: sms.statusCallbackUrl ?? `${deps.config.publicBaseUrl}${TWILIO_STATUS_PATH}`,
        linkSecrets,
      }),
    );
  }
  const letterSecret = channels.channels.letter?.webhookSecret;
  if (letterSecret) {
    await app.register(letterWebhookRoutes({ ledger: deps.ledger, secret: letterSecret, linkSecrets }));
  }
  const voice = channels.channels.voice;
  if (voice) {
    await app.register(
      twilioCallRoutes({
        ledger: deps.ledger,
        authToken: voice.authToken,
        callbackUrl: voice.statusCallbackUrl ?? `${deps.config.publicBaseUrl}${TWILIO_CALL_STATUS_PATH}`,
        repeatUrl: voice.repeatUrl ?? `${deps.config.publicBaseUrl}${CALL_REPEAT_PATH}`,
        linkSecrets,
        retries: channels.fanout.voiceRetries ?? 0,
        retryAfterMs: channels.fanout.voiceRetryAfterMs ?? 0,
        links: {
          noticeBaseUrl: channels.noticeBaseUrl,
          linkSecret: channels.linkSecret,
          linkTtlDays: channels.linkTtlDays,
          ...(voice.callbackNumber ? { callbackNumber: voice.callbackNumber } : {}),
        },
      }),
    );
  }
  await app.register(
    codecRoutes({
      codec: new EncryptionCodec(deps.payloadKeys),
      keys: deps.apiKeys,
      allowedOrigins: deps.config.CODEC_CORS_ORIGINS.split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      requireAuth: deps.config.NODE_ENV === 'production' || deps.config.CODEC_REQUIRE_AUTH,
    }),
  );
  return app;
}
