// The channel policy and the channel configuration, without servers: pure decisions and parsing.
import { describe, expect, it } from 'vitest';
import {
  addressFor,
  defaultNoticePolicy,
  nextChannel,
  NoticePolicy,
  personOutcome,
  type ChannelState,
  type NoticeChannel,
} from '../domain/fallback.js';
import { noticeLink } from '../activities/notices.js';
import { NOTICE_LINK_MAX_CHARS, verifyNoticeLink } from '../domain/notice/link.js';
import { loadChannelSettings } from '../platform/channel-config.js';
import { ConfigError } from '../platform/config.js';

type States = Partial<Record<NoticeChannel, ChannelState>>;
const sent: ChannelState = { kind: 'sent' };
const pending: ChannelState = { kind: 'pending' };
const failed = (reason: string): ChannelState => ({ kind: 'failed', reason });

describe('notice policy', () => {
  it('sends on every channel for high and critical incidents, email first otherwise', () => {
    expect(defaultNoticePolicy('critical')).toEqual({
      mode: 'all',
      order: ['email', 'sms', 'push', 'letter'],
    });
    expect(defaultNoticePolicy('high').mode).toBe('all');
    expect(defaultNoticePolicy('medium')).toEqual({
      mode: 'first',
      order: ['email', 'sms', 'push', 'letter'],
    });
    expect(defaultNoticePolicy('low').mode).toBe('first');
  });

  it('refuses a policy without channels or with a channel twice', () => {
    expect(NoticePolicy.safeParse({ mode: 'first', order: [] }).success).toBe(false);
    expect(NoticePolicy.safeParse({ mode: 'all', order: ['sms', 'sms'] }).success).toBe(false);
    expect(NoticePolicy.safeParse({ mode: 'first', order: ['sms', 'email'] }).success).toBe(true);
  });

  it('`first` moves to the next channel only after a failure, and waits while one is pending', () => {
    const policy = defaultNoticePolicy('low');
    expect(nextChannel(policy, {})).toBe('email');
    expect(nextChannel(policy, { email: sent })).toBeUndefined();
    expect(nextChannel(policy, { email: pending })).toBeUndefined();
    expect(nextChannel(policy, { email: failed('no email address') })).toBe('sms');
    expect(nextChannel(policy, { email: failed('550'), sms: failed('21211') })).toBe('push');
    expect(nextChannel(policy, { email: failed('a'), sms: failed('b'), push: failed('c') })).toBe('letter');
    expect(
      nextChannel(policy, { email: failed('a'), sms: failed('b'), push: failed('c'), letter: failed('d') }),
    ).toBeUndefined();
  });

  it('`all` tries every channel whatever happened on the others', () => {
    const policy = defaultNoticePolicy('high');
    expect(nextChannel(policy, { email: sent })).toBe('sms');
    expect(nextChannel(policy, { email: sent, sms: failed('21211') })).toBe('push');
  });

  it('a person is unreachable only when every channel failed, with each reason', () => {
    const policy = defaultNoticePolicy('low');
    const none: States = {
      email: failed('no email address'),
      sms: failed('sms failed permanently (21211)'),
      push: failed('no push token'),
      letter: failed('no postal address'),
    };
    expect(personOutcome(policy, none)).toEqual({
      reached: false,
      pending: false,
      unreachable: {
        email: 'no email address',
        sms: 'sms failed permanently (21211)',
        push: 'no push token',
        letter: 'no postal address',
      },
    });
    expect(personOutcome(policy, { email: failed('x'), sms: sent })).toEqual({
      reached: true,
      pending: false,
    });
    expect(personOutcome(policy, { email: pending })).toEqual({ reached: false, pending: true });
    // Not settled yet: SMS is still to be tried.
    expect(personOutcome(policy, { email: failed('x') }).unreachable).toBeUndefined();
    const all = defaultNoticePolicy('critical');
    expect(personOutcome(all, { email: failed('550'), sms: sent, push: failed('no push token') })).toEqual({
      reached: true,
      pending: false,
    });
  });

  it('never uses a push token FCM reported dead', () => {
    expect(addressFor({ pushToken: 't' }, 'push')).toEqual({ address: 't' });
    expect(addressFor({ pushToken: 't', pushTokenDead: true }, 'push')).toEqual({
      missing: 'push token no longer registered',
    });
    expect(addressFor({}, 'sms')).toEqual({ missing: 'no phone number' });
  });
});

describe('notice link', () => {
  it('names the person by their link reference, never by userId', () => {
    const settings = {
      noticeBaseUrl: 'https://notify.acme.example',
      linkSecret: 'a-test-secret-that-is-at-least-32-bytes-long',
      linkTtlDays: 30,
    };
    const incidentId = '0b9e3c1e-8f1a-4c55-9d0e-2f6a7b8c9d01';
    const link = noticeLink(settings, incidentId, { linkRef: 1234 }, 3);
    const token = link.slice(`${settings.noticeBaseUrl}/n/`.length);
    expect(link.startsWith(`${settings.noticeBaseUrl}/n/`)).toBe(true);
    expect(token.length).toBeLessThanOrEqual(NOTICE_LINK_MAX_CHARS);
    const verdict = verifyNoticeLink(token, settings.linkSecret);
    expect(verdict.status === 'ok' && verdict.claims).toMatchObject({
      incidentId,
      linkRef: 1234,
      noticeVersion: 3,
    });
  });
});

describe('channel configuration', () => {
  const base = { NODE_ENV: 'test', DATA_DIR: '/tmp/breach-config-test' };

  it('reads each provider and the fan-out tuning from the environment', () => {
    const s = loadChannelSettings({
      ...base,
      SMTP_URL: 'smtp://mail.acme.example:587',
      EMAIL_FROM: '"Acme Privacy" <privacy@Acme.example>',
      TWILIO_ACCOUNT_SID: `AC${'a'.repeat(32)}`,
      TWILIO_AUTH_TOKEN: 'secret',
      TWILIO_MESSAGING_SERVICE_SID: `MG${'b'.repeat(32)}`,
      FCM_PROJECT_ID: 'acme-app',
      EMAIL_RATE_PER_SECOND: '50',
      SMS_CONCURRENCY: '4',
      FANOUT_PAGE_SIZE: '250',
      PUBLIC_BASE_URL: 'https://breach.acme.example/',
    });
    expect(s.channels.email).toMatchObject({ smtpUrl: 'smtp://mail.acme.example:587' });
    expect(s.channels.sms).toMatchObject({ messagingServiceSid: `MG${'b'.repeat(32)}`, concurrency: 4 });
    expect(s.channels.sms?.from).toBeUndefined();
    expect(s.channels.push).toMatchObject({ projectId: 'acme-app' });
    expect(s.limits.email).toEqual({ concurrency: 20, ratePerSecond: 50 });
    expect(s.limits.sms).toEqual({ concurrency: 4 });
    expect(s.fanout.pageSize).toBe(250);
    expect(s.emailDomain).toBe('acme.example');
    expect(s.noticeBaseUrl).toBe('https://breach.acme.example');
    expect(s.derivedLinkSecret).toBe(true);
    expect(s.heapGrowthPercent).toBe(50);
    expect(loadChannelSettings({ ...base, WORKER_HEAP_GROWTH_PERCENT: '0' }).heapGrowthPercent).toBe(0);
  });

  it('leaves unconfigured channels out, and gives development email a sender', () => {
    expect(loadChannelSettings(base).channels).toEqual({});
    expect(loadChannelSettings({ ...base, SMTP_URL: 'smtp://127.0.0.1:2525' }).channels.email?.from).toMatch(
      /development/,
    );
  });

  it('refuses half a channel, bad values, and production without a channel or link secret', () => {
    const problems = (env: Record<string, string>) => {
      try {
        loadChannelSettings({ ...base, ...env });
        return [];
      } catch (err) {
        expect(err).toBeInstanceOf(ConfigError);
        return (err as ConfigError).problems;
      }
    };
    expect(problems({ EMAIL_FROM: 'privacy@acme.example' })).toEqual([
      'SMTP_URL: required when EMAIL_FROM is set',
    ]);
    expect(
      problems({
        NODE_ENV: 'production',
        SMTP_URL: 'smtp://localhost:25',
        NOTICE_LINK_SECRET: 'x'.repeat(32),
      }),
    ).toEqual([
      'EMAIL_FROM: required when SMTP_URL is set',
      'SMTP_URL, TWILIO_*, FCM_*: configure at least one notice channel when NODE_ENV=production',
    ]);
    expect(
      problems({
        TWILIO_ACCOUNT_SID: `AC${'a'.repeat(32)}`,
        TWILIO_AUTH_TOKEN: 't',
        TWILIO_FROM: '+15005550006',
        TWILIO_MESSAGING_SERVICE_SID: `MG${'b'.repeat(32)}`,
      }),
    ).toEqual(['TWILIO_FROM, TWILIO_MESSAGING_SERVICE_SID: set exactly one']);
    expect(problems({ FCM_PROJECT_ID: 'p', FCM_API_BASE_URL: 'https://127.0.0.1:9999' })[0]).toMatch(
      /^FCM_CA_FILE/,
    );
    expect(problems({ FANOUT_PAGE_SIZE: '0' })[0]).toMatch(/^FANOUT_PAGE_SIZE/);
    expect(problems({ WORKER_HEAP_GROWTH_PERCENT: '-5' })[0]).toMatch(/^WORKER_HEAP_GROWTH_PERCENT/);
    expect(problems({ NOTICE_LINK_SECRET: 'short' })).toEqual([
      'NOTICE_LINK_SECRET: must be at least 32 bytes',
    ]);
    expect(problems({ NODE_ENV: 'production' })).toEqual([
      'SMTP_URL, TWILIO_*, FCM_*: configure at least one notice channel when NODE_ENV=production',
      'NOTICE_LINK_SECRET: required when NODE_ENV=production',
    ]);
  });
});
