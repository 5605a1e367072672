import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { computeObligations } from '../domain/obligations/engine.js';
import { FIELDS } from '../domain/obligations/fields.js';
import { JUDGEMENT_KINDS } from '../domain/obligations/judgement.js';
import { loadRulesPack, RAW_REGIMES, RULES_PACK } from '../domain/obligations/rules-pack.js';
import type { RegimeInput } from '../domain/obligations/rule.js';

const minimal: RegimeInput = {
  id: 'xx_test',
  name: 'Test regime',
  applies: { people: { countries: ['NZ'] } },
  triggers: { headcount: { scope: 'territory', op: 'gte', value: 10 } },
  obligations: [
    {
      kind: 'regulator_report',
      phase: 'notification',
      recipient: 'Test Commissioner',
      clock: { from: 'discovery' },
      deadline: { unit: 'hours', amount: 48, text: 'within 48 hours' },
      fields: ['nature_of_breach'],
    },
  ],
  source: { citation: 'Test Act s. 1', url: 'https://example.org/act' },
  lastChecked: '2026-11-29',
};

function expectRejected(regime: unknown, message: RegExp): void {
  let error: unknown;
  try {
    loadRulesPack([regime]);
  } catch (err) {
    error = err;
  }
  expect(error).toBeInstanceOf(ZodError);
  expect(JSON.stringify((error as ZodError).issues)).toMatch(message);
}

describe('rules pack', () => {
  it('loads every regime the issue lists, each with a source and a check date', () => {
    // Other blocks of regimes (US states, international) follow these; their own tests list them.
    expect(RULES_PACK.map((r) => r.id).slice(0, 16)).toEqual([
      'eu_gdpr',
      'uk_gdpr',
      'eu_nis2',
      'cn_pipl',
      'cn_cac_incident',
      'us_california',
      'us_florida',
      'us_texas',
      'us_hipaa',
      'us_sec_8k',
      'au_ndb',
      'ca_pipeda',
      'sg_pdpa',
      'br_lgpd',
      'jp_appi',
      'in_dpdp',
    ]);
    for (const regime of RULES_PACK) {
      expect(regime.source.url).toMatch(/^https?:\/\//);
      expect(regime.lastChecked).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    expect(RAW_REGIMES).toHaveLength(RULES_PACK.length);
  });

  it('rejects a threshold without an explicit comparison', () => {
    expectRejected(
      { ...minimal, triggers: { headcount: { scope: 'territory', op: 'over', value: 10 } } },
      /"triggers","headcount","op"\],"message":"Invalid option: expected one of \\"gt\\"/,
    );
  });

  it('rejects an unknown field code, judgement kind or region code', () => {
    const badField = {
      ...minimal,
      obligations: [{ ...minimal.obligations[0], fields: ['favourite_colour'] }],
    };
    expectRejected(badField, /"obligations",0,"fields",0\]/);
    expectRejected(
      { ...minimal, triggers: { judgement: { kind: 'vibes', equals: true } } },
      /"triggers","judgement","kind"\]/,
    );
    expectRejected({ ...minimal, applies: { people: { regions: ['California'] } } }, /ISO 3166-2/);
  });

  it('rejects business days without a calendar and a period without an amount', () => {
    const noCalendar = {
      ...minimal,
      obligations: [
        { ...minimal.obligations[0], deadline: { unit: 'business_days', amount: 3, text: '3 days' } },
      ],
    };
    expectRejected(noCalendar, /business days need a country with a calendar/);
    const unknownCalendar = {
      ...minimal,
      obligations: [
        {
          ...minimal.obligations[0],
          deadline: { unit: 'business_days', amount: 3, calendar: 'NZ', text: '3 days' },
        },
      ],
    };
    expectRejected(unknownCalendar, /business days need a country with a calendar/);
    const noAmount = {
      ...minimal,
      obligations: [{ ...minimal.obligations[0], deadline: { unit: 'hours', text: 'soon' } }],
    };
    expectRejected(noAmount, /a deadline in hours needs an amount/);
  });

  it('rejects duplicate regimes, duplicate obligations and unknown keys', () => {
    expect(() => loadRulesPack([minimal, minimal])).toThrow(/duplicate regime xx_test/);
    expectRejected(
      { ...minimal, obligations: [minimal.obligations[0], minimal.obligations[0]] },
      /duplicate regulator_report.notification/,
    );
    expectRejected({ ...minimal, deadlineHours: 72 }, /Unrecognized key: \\"deadlineHours\\"/);
    expectRejected(
      {
        ...minimal,
        triggers: { judgement: { kind: 'risk', equals: true }, dataCategories: { anyOf: ['email'] } },
      },
      /a condition has exactly one of/,
    );
  });

  it('adds a regime as data: the engine applies it without code changes', () => {
    const pack = loadRulesPack([minimal]);
    const input = (nz: number) => ({
      incidentId: 'i',
      facts: {
        discoveredAt: '2026-06-01T00:00:00Z',
        dataCategories: ['email' as const],
        severity: 'low' as const,
      },
      assessment: { affected: nz, byCountry: { NZ: nz }, byRegion: {} },
      judgements: [],
      events: {},
      now: '2026-06-01T01:00:00Z',
    });
    expect(computeObligations(input(10), pack)).toMatchObject([
      { id: 'xx_test.regulator_report.notification', status: 'due', dueAt: '2026-06-03T00:00:00.000Z' },
    ]);
    expect(computeObligations(input(9), pack)[0]?.status).toBe('not_required');
  });

  it('documents every field code and judgement kind it uses', () => {
    for (const regime of RULES_PACK) {
      for (const rule of regime.obligations) for (const f of rule.fields) expect(FIELDS[f], f).toBeDefined();
    }
    expect(Object.keys(JUDGEMENT_KINDS)).toContain('awareness');
  });
});
