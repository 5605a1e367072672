import { describe, expect, it } from 'vitest';
import { DEFAULT_ANNOUNCEMENT_POLICY } from '../domain/announcement/decision.js';
import { announcementPolicyOf } from '../platform/announcement-policy.js';
import { ConfigError, loadConfig } from '../platform/config.js';

describe('announcement configuration', () => {
  it('defaults to a 10 % share, no count threshold, 90 days and the default prices', () => {
    expect(announcementPolicyOf(loadConfig({}))).toEqual(DEFAULT_ANNOUNCEMENT_POLICY);
  });

  it('reads every setting', () => {
    const policy = announcementPolicyOf(
      loadConfig({
        ANNOUNCEMENT_UNREACHABLE_SHARE: '0.25',
        ANNOUNCEMENT_UNREACHABLE_COUNT: '1000',
        ANNOUNCEMENT_DEFAULT_DAYS: '30',
        NOTICE_COST_EMAIL_USD: '0.002',
        NOTICE_COST_SMS_USD: '0.05',
        NOTICE_COST_PUSH_USD: '0.0001',
      }),
    );
    expect(policy).toEqual({
      unreachableShare: 0.25,
      unreachableCount: 1000,
      defaultDays: 30,
      // Letters and calls keep their defaults.
      costUsd: { email: 0.002, sms: 0.05, push: 0.0001, letter: 0.75, voice: 0.05 },
    });
    expect(announcementPolicyOf(loadConfig({ ANNOUNCEMENT_UNREACHABLE_COUNT: '' })).unreachableCount).toBe(
      undefined,
    );
  });

  it('refuses values out of range, naming the setting', () => {
    for (const [name, value] of [
      ['ANNOUNCEMENT_UNREACHABLE_SHARE', '1.5'],
      ['ANNOUNCEMENT_UNREACHABLE_COUNT', '-1'],
      ['ANNOUNCEMENT_UNREACHABLE_COUNT', 'many'],
      ['ANNOUNCEMENT_DEFAULT_DAYS', '0'],
      ['NOTICE_COST_SMS_USD', '-0.01'],
    ] as const) {
      let error: unknown;
      try {
        loadConfig({ [name]: value });
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems.join('\n')).toContain(name);
    }
  });
});
