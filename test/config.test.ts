import { describe, expect, it } from 'vitest';
import { authenticate, parseApiKeys, sha256Hex } from '../api/api-keys.js';
import { ConfigError, loadConfig } from '../platform/config.js';

describe('configuration', () => {
  it('applies the documented defaults', () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(8080);
    expect(c.TEMPORAL_NAMESPACE).toBe('default');
    expect(c.TEMPORAL_ADDRESS).toBeUndefined();
    expect(c.RETENTION_DAYS).toBe(365);
  });

  it('names every bad variable', () => {
    try {
      loadConfig({ PORT: 'eighty', RETENTION_DAYS: '-3' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).message).toMatch(/PORT/);
      expect((err as ConfigError).message).toMatch(/RETENTION_DAYS/);
    }
  });

  it('requires keys and secrets in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/BREACH_API_KEYS.*required/s);
  });
});

describe('API keys', () => {
  const entries = parseApiKeys(
    JSON.stringify([
      { id: 'r', role: 'responder', sha256: sha256Hex('key-r') },
      { id: 'a', role: 'approver', sha256: sha256Hex('key-a') },
    ]),
  );

  it('finds the principal of a key by its hash', () => {
    expect(authenticate(entries, 'key-a')).toEqual({ keyId: 'a', role: 'approver' });
    expect(authenticate(entries, 'key-x')).toBeUndefined();
  });

  it('names the bad entry of BREACH_API_KEYS', () => {
    expect(() => parseApiKeys('[{"id":"x","role":"boss","sha256":"00"}]')).toThrow(
      /BREACH_API_KEYS\[0\.role\]/,
    );
    expect(() => parseApiKeys('not json and not a file')).toThrow(/BREACH_API_KEYS/);
  });
});
