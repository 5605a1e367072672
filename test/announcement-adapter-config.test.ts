// The announcement adapters' configuration: each adapter from its variables, half an adapter or a
// plain-HTTP webhook in production refused with the variable named.
import { describe, expect, it } from 'vitest';
import { loadAnnouncementSettings } from '../platform/announcement-config.js';
import { configProblems } from './support/config-problems.js';

const problems = (env: Record<string, string>) => configProblems(loadAnnouncementSettings, env);

describe('announcement settings', () => {
  it('has no adapters by default and serves under the public base URL', () => {
    expect(loadAnnouncementSettings({ PUBLIC_BASE_URL: 'https://notices.acme.example/' })).toEqual({
      publicBaseUrl: 'https://notices.acme.example',
    });
    expect(loadAnnouncementSettings({ PORT: '9000' }).publicBaseUrl).toBe('http://127.0.0.1:9000');
  });

  it('reads the webhook and the media list with the email channel’s SMTP settings', () => {
    const s = loadAnnouncementSettings({
      ANNOUNCEMENT_WEBHOOK_URL: 'https://status.acme.example/hooks/announcements',
      ANNOUNCEMENT_WEBHOOK_SECRET: 'secret',
      ANNOUNCEMENT_MEDIA_EMAILS: 'desk@news.example, tips@paper.example',
      SMTP_URL: 'smtp://127.0.0.1:2525',
      EMAIL_FROM: 'privacy@acme.example',
    });
    expect(s.webhook).toMatchObject({
      url: 'https://status.acme.example/hooks/announcements',
      secret: 'secret',
      attempts: 3,
    });
    expect(s.mediaEmail).toMatchObject({
      to: ['desk@news.example', 'tips@paper.example'],
      email: { smtpUrl: 'smtp://127.0.0.1:2525', from: 'privacy@acme.example' },
    });
  });

  it('names what is wrong', () => {
    expect(problems({ ANNOUNCEMENT_MEDIA_EMAILS: 'desk@news.example' })).toEqual([
      'ANNOUNCEMENT_MEDIA_EMAILS: needs the email channel (SMTP_URL, EMAIL_FROM)',
    ]);
    expect(
      problems({
        ANNOUNCEMENT_MEDIA_EMAILS: 'desk@news.example,not-an-address',
        SMTP_URL: 'smtp://127.0.0.1:2525',
      }),
    ).toEqual(['ANNOUNCEMENT_MEDIA_EMAILS: not email addresses: not-an-address']);
    expect(
      problems({
        NODE_ENV: 'production',
        NOTICE_LINK_SECRET: 'x'.repeat(32),
        ANNOUNCEMENT_WEBHOOK_URL: 'http://status.acme.example/hook',
      }),
    ).toEqual(['ANNOUNCEMENT_WEBHOOK_URL: must be https when NODE_ENV=production']);
    expect(problems({ ANNOUNCEMENT_WEBHOOK_URL: 'ftp://x' })[0]).toMatch(/^ANNOUNCEMENT_WEBHOOK_URL:/);
  });
});
