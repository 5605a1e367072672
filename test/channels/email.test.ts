import { createServer } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EmailChannel, noticeMessageId, type EmailItem } from '../../activities/channels/index.js';
import { NOTICE_TEMPLATES } from '../../domain/notice/index.js';
import { startSmtpSink, type SmtpSink } from '../../dev/smtp-sink.js';
import { NOTICE_LINK, sampleNotice } from '../support/channel-fixtures.js';

let sink: SmtpSink;
let channel: EmailChannel;

beforeAll(async () => {
  sink = await startSmtpSink();
  channel = new EmailChannel({
    smtpUrl: sink.url,
    from: '"Acme Privacy" <privacy@acme.example>',
    pool: { maxConnections: 2, rateLimit: 50 },
  });
});
afterAll(async () => {
  channel.close();
  await sink.close();
});
beforeEach(() => sink.reset());

function item(key: string, to: string, locale = 'en'): EmailItem {
  const notice = sampleNotice(locale);
  return {
    key,
    to,
    ...notice.email,
    messageId: noticeMessageId({
      incidentId: 'inc-1',
      recipientRef: key,
      noticeVersion: 1,
      domain: 'acme.example',
    }),
  };
}

describe('email channel over SMTP', () => {
  it('delivers a notice the sink can read back, with our Message-ID and no List-Unsubscribe', async () => {
    const sent = item('r-1', 'zoe@example.com');
    const [result] = await channel.send([sent]);
    expect(result).toEqual({ key: 'r-1', outcome: 'accepted', providerId: sent.messageId });
    const [mail] = await sink.waitFor(1);
    expect(mail?.envelope.to).toEqual(['zoe@example.com']);
    expect(mail?.envelope.from).toBe('privacy@acme.example');
    expect(mail?.messageId).toBe(sent.messageId);
    expect(mail?.subject).toBe('Notice of data breach: Unauthorised access to the customer database');
    expect(mail?.text).toContain('What you can do');
    expect(mail?.text).toContain(NOTICE_LINK);
    expect(mail?.html).toContain(
      '<h2 style="font-size:18px;line-height:1.3;margin:24px 0 8px;">What happened</h2>',
    );
    expect(mail?.headers['list-unsubscribe']).toBeUndefined();
    expect(mail?.headers['auto-submitted']).toBe('auto-generated');
  });

  it.each(Object.keys(NOTICE_TEMPLATES))(
    '%s: replies go to the incident contact, and the message says its language',
    async (locale) => {
      await channel.send([item(`lang-${locale}`, 'reader@example.com', locale)]);
      const [mail] = await sink.waitFor(1);
      // From stays the notices address; Reply-To is the contact the notice names.
      expect(mail?.from).toBe('"Acme Privacy" <privacy@acme.example>');
      expect(mail?.headers['reply-to']).toMatchObject({
        value: [{ name: 'Acme Ltd', address: 'dpo@acme.example' }],
      });
      expect(mail?.headers['content-language']).toBe(NOTICE_TEMPLATES[locale]?.locale);
      expect(mail?.html).toContain(`<html lang="${NOTICE_TEMPLATES[locale]?.locale}">`);
    },
  );

  it.each(Object.keys(NOTICE_TEMPLATES))(
    '%s: every section survives the trip through SMTP',
    async (locale) => {
      await channel.send([item(`r-${locale}`, 'reader@example.com', locale)]);
      const [mail] = await sink.waitFor(1);
      const t = NOTICE_TEMPLATES[locale];
      for (const heading of Object.values(t?.headings ?? {}).filter((h) => h !== t?.headings.complaint)) {
        expect(mail?.text).toContain(heading);
        expect(mail?.html).toContain(heading);
      }
    },
  );

  it('sets a plain Reply-To address when given one', async () => {
    await channel.send([{ ...item('rt', 'zoe@example.com'), replyTo: 'dpo@acme.example' }]);
    const [mail] = await sink.waitFor(1);
    expect(mail?.raw).toMatch(/^Reply-To: dpo@acme\.example\r?$/m);
  });

  it('classifies 451 as retryable and 550 as permanent, per recipient in one batch', async () => {
    sink.fail('later@example.com', { code: 451, message: '4.7.1 Greylisted, try again' });
    sink.fail('nobody@example.com', { code: 550, message: '5.1.1 No such user' });
    const results = await channel.send([
      item('ok', 'ok@example.com'),
      item('later', 'later@example.com'),
      item('nobody', 'nobody@example.com'),
    ]);
    expect(results.map((r) => [r.key, r.outcome, r.code])).toEqual([
      ['ok', 'accepted', undefined],
      ['later', 'retryable', '451'],
      ['nobody', 'permanent', '550'],
    ]);
    expect(results[1]?.message).toContain('Greylisted');
    expect(sink.received.map((m) => m.envelope.to[0])).toEqual(['ok@example.com']);
  });

  it('accepts a deferred recipient once the server stops deferring, with the same Message-ID', async () => {
    sink.fail('flaky@example.com', { code: 450, times: 1 });
    const sent = item('flaky', 'flaky@example.com');
    expect((await channel.send([sent]))[0]?.outcome).toBe('retryable');
    expect((await channel.send([sent]))[0]?.outcome).toBe('accepted');
    expect(sink.received.map((m) => m.messageId)).toEqual([sent.messageId]);
  });

  it('sends a batch larger than the pool, keeping results in order', async () => {
    const items = Array.from({ length: 12 }, (_, i) => item(`k${i}`, `person${i}@example.com`));
    const results = await channel.send(items);
    expect(results.map((r) => r.key)).toEqual(items.map((i) => i.key));
    expect(results.every((r) => r.outcome === 'accepted')).toBe(true);
    expect(new Set(sink.received.map((m) => m.envelope.to[0])).size).toBe(12);
    // The pool was built with two connections; a batch must not open more.
    expect(sink.stats().peakConnections).toBeLessThanOrEqual(2);
    expect(sink.stats().peakConnections).toBeGreaterThanOrEqual(1);
  });

  it('classifies a relay that is not there as retryable', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const down = new EmailChannel({
      smtpUrl: `smtp://127.0.0.1:${port}`,
      from: 'privacy@acme.example',
      connectionTimeoutMs: 2000,
    });
    try {
      const [result] = await down.send([item('x', 'x@example.com')]);
      expect(result?.outcome).toBe('retryable');
      expect(result?.code).toMatch(/ECONNECTION|ECONNREFUSED|ESOCKET/);
    } finally {
      down.close();
    }
  });

  it('signs with DKIM when configured', async () => {
    const { generateKeyPairSync } = await import('node:crypto');
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const signed = new EmailChannel({
      smtpUrl: sink.url,
      from: 'privacy@acme.example',
      dkim: {
        domainName: 'acme.example',
        keySelector: 'notices',
        privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      },
    });
    try {
      await signed.send([item('d', 'd@example.com')]);
      const [mail] = await sink.waitFor(1);
      expect(mail?.raw).toMatch(/^DKIM-Signature: .*d=acme\.example;/m);
      expect(mail?.raw).toMatch(/s=notices;/);
    } finally {
      signed.close();
    }
  });
});

describe('noticeMessageId', () => {
  it('is stable per person, incident and version, and reveals no ids', () => {
    const a = noticeMessageId({
      incidentId: 'inc-1',
      recipientRef: 'r-1',
      noticeVersion: 1,
      domain: 'acme.example',
    });
    expect(a).toBe(
      noticeMessageId({ incidentId: 'inc-1', recipientRef: 'r-1', noticeVersion: 1, domain: 'acme.example' }),
    );
    expect(a).toMatch(/^<notice\.[0-9a-f]{40}@acme\.example>$/);
    expect(a).not.toBe(
      noticeMessageId({ incidentId: 'inc-1', recipientRef: 'r-1', noticeVersion: 2, domain: 'acme.example' }),
    );
    expect(a).not.toBe(
      noticeMessageId({ incidentId: 'inc-1', recipientRef: 'r-2', noticeVersion: 1, domain: 'acme.example' }),
    );
    expect(a).not.toContain('r-1');
  });
});
