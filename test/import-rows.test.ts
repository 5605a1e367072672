// Validation and normalisation of one affected-user row, and the per-person risk level.
import { describe, expect, it } from 'vitest';
import { canonicalField, COUNTRY_CODES, parseAffectedUser } from '../domain/affected-user.js';
import { riskLevel } from '../domain/assessment.js';

const ok = (row: Record<string, unknown>) => {
  const r = parseAffectedUser(row);
  if (!r.ok) throw new Error(`expected a valid row, got ${JSON.stringify(r.errors)}`);
  return r.user;
};
const errors = (row: Record<string, unknown>) => {
  const r = parseAffectedUser(row);
  if (r.ok) throw new Error(`expected errors for ${JSON.stringify(row)}`);
  return r.errors;
};

describe('affected-user rows', () => {
  it('normalises every field', () => {
    expect(
      ok({
        userId: '  42 ',
        name: ' Zhang Wei ',
        email: ' Zhang.Wei@Example.CN ',
        phone: '138 0013 8000',
        pushToken: ' fcm:abc ',
        locale: 'zh_cn',
        country: 'cn',
        region: 'cn-bj',
        dataCategories: ' Password | email ;health',
      }),
    ).toEqual({
      userId: '42',
      name: 'Zhang Wei',
      email: 'zhang.wei@example.cn',
      phone: '+8613800138000',
      pushToken: 'fcm:abc',
      locale: 'zh-CN',
      country: 'CN',
      region: 'CN-BJ',
      dataCategories: ['email', 'password', 'health'],
    });
  });

  it('reads national numbers with the country as default region, and 00 prefixes', () => {
    expect(ok({ userId: 'a', phone: '(213) 555-0142', country: 'US' }).phone).toBe('+12135550142');
    expect(ok({ userId: 'a', phone: '0151 23456789', country: 'DE' }).phone).toBe('+4915123456789');
    expect(ok({ userId: 'a', phone: '0033 6 12 34 56 78' }).phone).toBe('+33612345678');
    // The region implies the country, and so the phone's default region.
    expect(ok({ userId: 'a', phone: '415 555 0199', region: 'US-CA' })).toMatchObject({
      country: 'US',
      phone: '+14155550199',
    });
    // Spreadsheets and JSON exports turn identifiers and phone numbers into numbers.
    expect(ok({ userId: 7, phone: 15123456789, country: 'DE' })).toEqual({
      userId: '7',
      phone: '+4915123456789',
      country: 'DE',
    });
  });

  it('treats blank cells as absent', () => {
    expect(ok({ userId: 'a', email: '', phone: '  ', dataCategories: '', locale: null })).toEqual({
      userId: 'a',
    });
  });

  it('reports every problem of a row by field', () => {
    expect(
      errors({
        email: 'x@',
        phone: '12',
        locale: 'not a locale',
        country: 'XX',
        region: 'California',
        dataCategories: 'email;shoe_size',
        pushToken: 'has space',
      }),
    ).toEqual([
      { field: 'userId', message: 'is required' },
      { field: 'email', message: 'is not a valid email address' },
      { field: 'pushToken', message: 'must not contain spaces' },
      { field: 'locale', message: '"not a locale" is not a BCP 47 language tag such as en or zh-CN' },
      { field: 'country', message: 'unknown country code "XX" (ISO 3166-1 alpha-2, e.g. DE, US, CN)' },
      { field: 'region', message: 'must be an ISO 3166-2 subdivision code such as US-CA' },
      { field: 'dataCategories', message: 'unknown data category "shoe_size"' },
    ]);
  });

  it('checks phone numbers and subdivisions against the country', () => {
    expect(errors({ userId: 'a', phone: '555-0100', country: 'US' })).toEqual([
      { field: 'phone', message: '"555-0100" is not a valid phone number for US' },
    ]);
    expect(errors({ userId: 'a', phone: 4915123456789 })).toEqual([
      { field: 'phone', message: 'needs an international prefix (+…) or a country column' },
    ]);
    expect(errors({ userId: 'a', phone: '0151 23456789' })).toEqual([
      { field: 'phone', message: 'needs an international prefix (+…) or a country column' },
    ]);
    expect(errors({ userId: 'a', country: 'DE', region: 'US-CA' })).toEqual([
      { field: 'region', message: 'region US-CA is not in country DE' },
    ]);
    expect(errors({ userId: 'a', region: 'QQ-1' })).toEqual([
      { field: 'region', message: 'unknown country in subdivision "QQ-1"' },
    ]);
    expect(errors({ userId: { id: 1 } })[0]).toEqual({ field: 'userId', message: 'must be text' });
  });

  it('ships the 249 assigned ISO 3166-1 codes, and only those', () => {
    expect(COUNTRY_CODES.size).toBe(249);
    for (const code of ['DE', 'FR', 'US', 'CN', 'GB', 'AX']) expect(COUNTRY_CODES.has(code)).toBe(true);
    for (const code of ['EU', 'UK', 'XK', 'ZZ']) expect(COUNTRY_CODES.has(code)).toBe(false);
  });

  it('maps the column names people use', () => {
    expect(['userId', 'user_id', 'User ID', '\uFEFFuserid'].map(canonicalField)).toEqual(
      Array(4).fill('userId'),
    );
    expect(canonicalField('E-mail')).toBe('email');
    expect(canonicalField('phone_number')).toBe('phone');
    expect(canonicalField('data categories')).toBe('dataCategories');
    expect(canonicalField('favourite colour')).toBeUndefined();
  });
});

describe('risk level', () => {
  it('is that of the most harmful category', () => {
    expect(riskLevel(['email', 'name'])).toBe('low');
    expect(riskLevel(['email', 'date_of_birth'])).toBe('medium');
    for (const c of [
      'password',
      'payment_card',
      'national_id',
      'health',
      'bank_account',
      'biometric',
    ] as const) {
      expect(riskLevel(['email', c])).toBe('high');
    }
    expect(riskLevel([])).toBe('low');
  });
});
