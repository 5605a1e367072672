// The "Was I affected?" lookup assembled for a test file: a ledger (SQLite or PostgreSQL), the local
// SMTP and Twilio servers, and the real API in-process with its log captured. The lookup does not
// use Temporal, so the API's client is a lazy connection that is never opened.
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { Client, Connection } from '@temporalio/client';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { pino } from 'pino';
import { buildApi } from '../../api/server.js';
import { startDevProviders, type DevProviders } from '../../dev/providers.js';
import { announcementIdOf } from '../../domain/announcement/announcement.js';
import type { AffectedUser } from '../../domain/affected-user.js';
import { loadChannelSettings } from '../../platform/channel-config.js';
import { loadConfig } from '../../platform/config.js';
import { loadLookupSettings } from '../../platform/lookup-config.js';
import type { Ledger, StoredLookup } from '../../store/ledger.js';
import { eventually } from './service.js';
import { newIncident, openTestStore, type StoreKind, type TestStore } from './stores.js';

export interface LookupRig {
  store: TestStore;
  ledger: Ledger;
  providers: DevProviders;
  app: FastifyInstance;
  /** Every line the API logged, at trace level. */
  logLines: string[];
  /** An incident with these people and, unless `announcement` is null, an announcement in that status. */
  incidentWith(people: AffectedUser[], announcement?: string | null): Promise<string>;
  lookup(
    slug: string,
    address: string,
    opts?: { lang?: string; ip?: string; accept?: string },
  ): Promise<LightMyRequestResponse>;
  verify(
    slug: string,
    ref: string,
    code: string,
    opts?: { lang?: string; ip?: string; accept?: string },
  ): Promise<LightMyRequestResponse>;
  /** Waits until the lookup's code was sent, or it is known nobody has the address. */
  settled(ref: string): Promise<StoredLookup>;
  close(): Promise<void>;
}

/** The lookup reference an answer page carries in its code form. */
export function refOf(html: string): string {
  const ref = /name="ref" value="([A-Za-z0-9_-]{22})"/.exec(html)?.[1];
  if (!ref) throw new Error(`no lookup reference in:\n${html}`);
  return ref;
}

export async function startLookupRig(
  kind: StoreKind = 'sqlite',
  env: Record<string, string> = {},
): Promise<LookupRig> {
  const store = await openTestStore(kind);
  const providers = await startDevProviders({ deliverAfterMs: 60_000 });
  const fullEnv = {
    NODE_ENV: 'test',
    DATA_DIR: store.dataDir,
    ...providers.env,
    EMAIL_FROM: '"Acme Privacy" <privacy@acme.example>',
    NOTICE_LINK_SECRET: randomBytes(32).toString('hex'),
    ...env,
  };
  const logLines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const app = await buildApi({
    config: loadConfig(fullEnv),
    client: new Client({ connection: Connection.lazy({ address: '127.0.0.1:9' }) }),
    ledger: store.ledger,
    apiKeys: [],
    payloadKeys: { activeKeyId: 'k', keys: { k: randomBytes(32) } },
    // No timestamps: a code must not be found inside one by chance.
    logger: pino({ level: 'trace', timestamp: false }, sink),
    channels: loadChannelSettings(fullEnv),
    lookup: loadLookupSettings(fullEnv),
  });
  const form = (fields: Record<string, string>, opts: { ip?: string; accept?: string }) => ({
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      accept: opts.accept ?? 'text/html,application/xhtml+xml',
    },
    payload: new URLSearchParams(fields).toString(),
    remoteAddress: opts.ip ?? '127.0.0.1',
  });
  const ledger = store.ledger;
  return {
    store,
    ledger,
    providers,
    app,
    logLines,
    async incidentWith(people, announcement = 'published') {
      const id = await newIncident(ledger);
      await ledger.upsertAffectedUsers(id, people);
      if (announcement !== null) {
        await ledger.saveAnnouncement({
          id: announcementIdOf(id),
          incidentId: id,
          kind: 'website',
          phase: 'notifying',
          status: announcement,
          payload: {},
          publishedAt: announcement === 'awaiting_approval' ? null : new Date().toISOString(),
        });
      }
      return id;
    },
    lookup(slug, address, opts = {}) {
      return app.inject({
        method: 'POST',
        url: `/public/announcements/${slug}/lookup`,
        ...form({ address, lang: opts.lang ?? 'en' }, opts),
      });
    },
    verify(slug, ref, code, opts = {}) {
      return app.inject({
        method: 'POST',
        url: `/public/announcements/${slug}/lookup/verify`,
        ...form({ ref, code, lang: opts.lang ?? 'en' }, opts),
      });
    },
    settled: (ref) =>
      eventually(async () => {
        const l = await ledger.getLookup(ref);
        return l && l.outcome !== 'pending' ? l : undefined;
      }),
    async close() {
      await app.close();
      await providers.close();
      await store.cleanup();
    },
  };
}
