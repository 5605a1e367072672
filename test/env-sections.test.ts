import { describe, expect, it } from 'vitest';
import { loadAnnouncementSettings } from '../platform/announcement-config.js';
import { loadChannelSettings } from '../platform/channel-config.js';
import { loadConfig } from '../platform/config.js';
import { loadLookupSettings } from '../platform/lookup-config.js';
import { configProblems as problemsOf } from './support/config-problems.js';

const SECTIONS = {
  service: loadConfig,
  channels: loadChannelSettings,
  announcement: loadAnnouncementSettings,
  lookup: loadLookupSettings,
} satisfies Record<string, (env: NodeJS.ProcessEnv) => unknown>;

describe('the variables every section shares', () => {
  it.each(Object.entries(SECTIONS))(
    'are validated the same way by the %s section, naming the variable',
    (_, load) => {
      expect(problemsOf(load, { PORT: 'eighty' })).toEqual([expect.stringMatching(/^PORT: /)]);
      expect(problemsOf(load, { NODE_ENV: 'staging' })).toEqual([expect.stringMatching(/^NODE_ENV: /)]);
      expect(problemsOf(load, { PUBLIC_BASE_URL: 'notify.example.com' })).toEqual([
        expect.stringMatching(/^PUBLIC_BASE_URL: /),
      ]);
      expect(problemsOf(load, { NOTICE_LINK_SECRET: 'short' })).toEqual([
        'NOTICE_LINK_SECRET: must be at least 32 bytes',
      ]);
    },
  );

  it('give every section the same public address, without its trailing slash', () => {
    const env = { PUBLIC_BASE_URL: 'https://breach.acme.example/', PORT: '9000' };
    expect(loadConfig(env).publicBaseUrl).toBe('https://breach.acme.example');
    expect(loadAnnouncementSettings(env).publicBaseUrl).toBe('https://breach.acme.example');
    expect(loadChannelSettings(env).noticeBaseUrl).toBe('https://breach.acme.example');
    // Unset, each falls back to the local API on PORT.
    expect(loadConfig({ PORT: '9000' }).publicBaseUrl).toBe('http://127.0.0.1:9000');
    expect(loadAnnouncementSettings({ PORT: '9000' }).publicBaseUrl).toBe('http://127.0.0.1:9000');
    expect(loadChannelSettings({ PORT: '9000' }).noticeBaseUrl).toBe('http://127.0.0.1:9000');
  });

  it('leave each section its own variables', () => {
    expect(problemsOf(loadLookupSettings, { FANOUT_PAGE_SIZE: '0' })).toEqual([]);
    expect(problemsOf(loadChannelSettings, { FANOUT_PAGE_SIZE: '0' })).toEqual([
      expect.stringMatching(/^FANOUT_PAGE_SIZE: /),
    ]);
    expect(problemsOf(loadConfig, { LOOKUP_RATE_PER_IP: '-1' })).toEqual([]);
    expect(problemsOf(loadLookupSettings, { LOOKUP_RATE_PER_IP: '-1' })).toEqual([
      expect.stringMatching(/^LOOKUP_RATE_PER_IP: /),
    ]);
  });
});
