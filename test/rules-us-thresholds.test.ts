// Every US state regime at each of its thresholds: one person below, at and above the regulator's and the credit
// bureaus' head counts, and the cost and head-count edges of substitute notice.
import { describe, expect, it } from 'vitest';
import { RULES_PACK } from '../domain/obligations/rules-pack.js';
import { substituteNotice } from '../domain/obligations/substitute.js';
import { STATE_FIXTURES } from './rules-us-fixtures.js';
import { edges, runState } from './rules-us-support.js';

const US_SUBDIVISIONS =
  'AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC PR GU VI'.split(
    ' ',
  );

describe('US coverage', () => {
  it('has exactly one regime for each of the 50 states, DC, Puerto Rico, Guam and the US Virgin Islands', () => {
    expect(US_SUBDIVISIONS).toHaveLength(54);
    for (const code of US_SUBDIVISIONS) {
      const regimes = RULES_PACK.filter((r) => r.applies.people?.regions.includes(`US-${code}`));
      expect(
        regimes.map((r) => r.id),
        code,
      ).toHaveLength(1);
    }
  });

  it('gives each new regime a citation, a source, the check date and how its figures were checked', () => {
    for (const fx of STATE_FIXTURES) {
      const regime = RULES_PACK.find((r) => r.id === fx.id);
      expect(regime, fx.id).toBeDefined();
      expect(regime!.source.url).toMatch(/^https:\/\//);
      expect(regime!.lastChecked).toBe('2026-12-08');
      expect(regime!.verification?.fromKnowledge.length).toBeGreaterThan(0);
    }
    expect(new Set(STATE_FIXTURES.map((f) => f.id)).size).toBe(51);
  });
});

describe.each(STATE_FIXTURES.filter((f) => f.ag))('$id regulator notice', (fx) => {
  const cases: [number, boolean][] = fx.ag!.at ? edges(fx.ag!.at) : [[1, true]];
  it.each(cases)('with %i residents affected: required %s', (people, required) => {
    const report = runState(fx, { people })['regulator_report.notification'];
    expect(report, 'regulator obligation').toBeDefined();
    if (required) expect(report!.status).not.toBe('not_required');
    else expect(report!.status).toBe('not_required');
  });
});

describe.each(STATE_FIXTURES.filter((f) => f.cra))('$id credit bureau notice', (fx) => {
  const cases: [number, boolean][] = fx.cra!.at ? edges(fx.cra!.at) : [[1, true]];
  it.each(cases)('with %i residents notified: required %s', (people, required) => {
    const cra = runState(fx, { people })['credit_bureau_notice.notification'];
    expect(cra).toBeDefined();
    expect(cra!.status === 'not_required').toBe(!required);
  });
});

describe.each(STATE_FIXTURES.filter((f) => !f.ag))('$id without a regulator notice', (fx) => {
  it('lists no regulator report even for a large breach', () => {
    expect(runState(fx, { people: 2_000_000 })['regulator_report.notification']).toBeUndefined();
  });
});

describe.each(STATE_FIXTURES.filter((f) => !f.cra))('$id without a credit bureau notice', (fx) => {
  it('lists no credit bureau notice even for a large breach', () => {
    expect(runState(fx, { people: 2_000_000 })['credit_bureau_notice.notification']).toBeUndefined();
  });
});

describe.each(STATE_FIXTURES.filter((f) => f.sub))('$id substitute notice', (fx) => {
  const [cost, heads] = fx.sub!;
  it.each([
    [cost - 1, false],
    [cost, false],
    [cost + 1, true],
  ])('costing $%i to notify individually: permitted %s', (estimatedCostUsd, permitted) => {
    const d = substituteNotice(fx.id, { headCount: 10, peopleWithoutContact: 0, estimatedCostUsd });
    expect(d.permitted).toBe(permitted);
  });
  const headEdges: [number, boolean][] =
    heads === null
      ? [[10_000_000, false]]
      : [
          [heads - 1, false],
          [heads, false],
          [heads + 1, true],
        ];
  it.each(headEdges)('with %i people to notify: permitted %s', (headCount, permitted) => {
    expect(
      substituteNotice(fx.id, { headCount, peopleWithoutContact: 0, estimatedCostUsd: 1 }).permitted,
    ).toBe(permitted);
  });
});

describe.each(STATE_FIXTURES.filter((f) => !f.sub))('$id substitute notice without thresholds', (fx) => {
  it('is not opened by cost or head count, only by missing contact details', () => {
    const big = { headCount: 10_000_000, peopleWithoutContact: 0, estimatedCostUsd: 100_000_000 };
    expect(substituteNotice(fx.id, big).permitted).toBe(false);
    expect(substituteNotice(fx.id, { ...big, peopleWithoutContact: 3 }).permitted).toBe(true);
  });
});
