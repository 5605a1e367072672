// The pure parts behind the register's and the filings' answers: which media type a client asked
// for, and which discovery times a register extract covers.
import { describe, expect, it } from 'vitest';
import { preferredType } from '../api/accept.js';
import { inDiscoveryRange } from '../domain/register/discovery-range.js';

describe('preferredType', () => {
  const offered = ['application/json', 'application/pdf'] as const;
  it('takes the highest q among the offered types, JSON when none or only wildcards are named', () => {
    expect(preferredType('application/pdf', offered)).toBe('application/pdf');
    expect(preferredType('application/json;q=0.5, application/pdf', offered)).toBe('application/pdf');
    expect(preferredType('application/pdf;q=0.2, application/json', offered)).toBe('application/json');
    expect(preferredType('application/pdf;q=0', offered)).toBe('application/json');
    expect(preferredType('*/*', offered)).toBe('application/json');
    expect(preferredType(undefined, offered)).toBe('application/json');
  });
});

describe('inDiscoveryRange', () => {
  it('counts a plain date as `to` as that whole day, a date-time as that instant', () => {
    expect(inDiscoveryRange('2026-10-02T23:59:59Z', { to: '2026-10-02' })).toBe(true);
    expect(inDiscoveryRange('2026-10-03T00:00:00Z', { to: '2026-10-02' })).toBe(false);
    expect(inDiscoveryRange('2026-10-02T09:00:00Z', { to: '2026-10-02T09:00:00Z' })).toBe(true);
    expect(inDiscoveryRange('2026-10-02T09:00:01Z', { to: '2026-10-02T09:00:00Z' })).toBe(false);
    expect(inDiscoveryRange('2026-10-01T23:00:00-02:00', { from: '2026-10-02' })).toBe(true);
    expect(inDiscoveryRange('2026-10-01T23:00:00Z', { from: '2026-10-02' })).toBe(false);
  });
});
