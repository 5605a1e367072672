import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Agent, type RequestOptions } from 'node:https';
import { connect } from 'node:tls';
import {
  applicationDefault,
  cert,
  deleteApp,
  initializeApp,
  type App,
  type Credential,
  type ServiceAccount,
} from 'firebase-admin/app';
import { getMessaging, type Messaging, type TokenMessage } from 'firebase-admin/messaging';
import type { PushConfig } from '../../platform/channel-providers.js';
import { shortMessage, type SendResult } from './outcome.js';

/** The host firebase-admin hard-codes for sends. */
const FCM_HOST = 'fcm.googleapis.com';
/** FCM's limit for one `sendEach` call. */
export const PUSH_BATCH_MAX = 500;

export interface PushItem {
  key: string;
  /** FCM registration token. */
  token: string;
  title: string;
  body: string;
  /** Opened when the person taps the notification. */
  link?: string;
  data?: Record<string, string>;
}

function credentialFrom(config: PushConfig): Credential {
  const c = config.credentials;
  if (c === undefined) return applicationDefault();
  const parsed = (typeof c === 'string' ? JSON.parse(c) : c) as Record<string, unknown>;
  if (typeof parsed.accessToken === 'string') {
    const token = parsed.accessToken;
    return { getAccessToken: async () => ({ access_token: token, expires_in: 3600 }) };
  }
  return cert(parsed as ServiceAccount);
}

/**
 * An agent for firebase-admin's HTTP/1.1 transport. With `apiBaseUrl` it opens TLS to that origin
 * for requests addressed to fcm.googleapis.com, checking the certificate against that name and the
 * given CA, so the SDK runs unchanged against the local stub. Other hosts (token endpoints) pass through.
 */
function agentFor(config: PushConfig): Agent {
  const maxSockets = config.maxConnections ?? 20;
  const agent = new Agent({ keepAlive: true, maxSockets });
  if (!config.apiBaseUrl) return agent;
  const target = new URL(config.apiBaseUrl);
  const ca = config.ca ?? (config.caFile ? readFileSync(config.caFile, 'utf8') : undefined);
  const passThrough = agent.createConnection.bind(agent);
  agent.createConnection = (options: RequestOptions, callback) => {
    if (options.host !== FCM_HOST && options.hostname !== FCM_HOST) return passThrough(options, callback);
    return connect({
      host: target.hostname,
      port: Number(target.port || 443),
      servername: FCM_HOST,
      ...(ca ? { ca } : {}),
      ALPNProtocols: ['http/1.1'],
    });
  };
  return agent;
}

const DEAD_TOKEN_CODES = new Set([
  'messaging/registration-token-not-registered',
  'messaging/invalid-registration-token',
  'messaging/mismatched-credential',
]);
const RETRYABLE_CODES = new Set([
  'messaging/message-rate-exceeded',
  'messaging/device-message-rate-exceeded',
  'messaging/topics-message-rate-exceeded',
  'messaging/server-unavailable',
  'messaging/internal-error',
  'messaging/unknown-error',
  // Our credentials or APNs/Web Push keys: a configuration fault, not this person's token.
  'messaging/authentication-error',
  'messaging/third-party-auth-error',
  'app/network-error',
  'app/network-timeout',
  'app/invalid-credential',
]);

/**
 * Dead tokens are permanent and flagged so the caller stops using them; rate, server and
 * network errors are retryable; anything else is permanent for this message.
 */
export function classifyFcmError(key: string, err: unknown): SendResult {
  const code = (err as { code?: string }).code ?? 'unknown';
  const message = shortMessage(err);
  const namesToken = code === 'messaging/invalid-argument' && /registration token/i.test(message);
  if (DEAD_TOKEN_CODES.has(code) || namesToken)
    return { key, outcome: 'permanent', code, message, deadToken: true };
  if (RETRYABLE_CODES.has(code)) return { key, outcome: 'retryable', code, message };
  return { key, outcome: 'permanent', code, message };
}

/** Sends notices as push notifications through firebase-admin (`sendEach`, HTTP/1.1). */
export class PushChannel {
  readonly name = 'push' as const;
  private readonly app: App;
  private readonly messaging: Messaging;
  private readonly agent: Agent;

  constructor(config: PushConfig) {
    this.agent = agentFor(config);
    this.app = initializeApp(
      { projectId: config.projectId, credential: credentialFrom(config), httpAgent: this.agent },
      `push-channel-${randomUUID()}`,
    );
    this.messaging = getMessaging(this.app);
    // HTTP/1.1 goes through the app's httpAgent (bounded sockets, local stub); HTTP/2 would not.
    this.messaging.enableLegacyHttpTransport();
  }

  async send(items: readonly PushItem[]): Promise<SendResult[]> {
    const results: SendResult[] = [];
    for (let i = 0; i < items.length; i += PUSH_BATCH_MAX) {
      results.push(...(await this.sendBatch(items.slice(i, i + PUSH_BATCH_MAX))));
    }
    return results;
  }

  private async sendBatch(items: readonly PushItem[]): Promise<SendResult[]> {
    if (items.length === 0) return [];
    const messages: TokenMessage[] = items.map((item) => {
      const data = { ...item.data, ...(item.link ? { link: item.link } : {}) };
      return {
        token: item.token,
        notification: { title: item.title, body: item.body },
        ...(Object.keys(data).length > 0 ? { data } : {}),
        // A legal notice should reach the person promptly, not wait for the device to wake.
        android: { priority: 'high' },
        apns: { headers: { 'apns-priority': '10' } },
        ...(item.link && /^https:/.test(item.link) ? { webpush: { fcmOptions: { link: item.link } } } : {}),
      };
    });
    try {
      const batch = await this.messaging.sendEach(messages);
      return batch.responses.map((r, i) => {
        const key = (items[i] as PushItem).key;
        return r.success
          ? { key, outcome: 'accepted', providerId: r.messageId }
          : classifyFcmError(key, r.error);
      });
    } catch (err) {
      // The whole call failed (e.g. no access token): nothing was sent, so every item may be retried.
      const { code, message } = classifyFcmError('', err);
      return items.map((item): SendResult => ({ key: item.key, outcome: 'retryable', code, message }));
    }
  }

  async close(): Promise<void> {
    await deleteApp(this.app);
    this.agent.destroy();
  }
}
