import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ANNOUNCEMENT_POLICY,
  decideAfterNotices,
  decideBeforeNotices,
  type AnnouncementPolicy,
  type AnnouncementRequest,
} from '../domain/announcement/decision.js';
import { individualNoticeCostUsd, plannedSends } from '../domain/announcement/notice-cost.js';
import type { AssessmentCounts } from '../domain/assessment.js';
import type { DataCategory, IncidentAttributes, Severity } from '../domain/incident.js';
import { computeObligations } from '../domain/obligations/engine.js';
import type { Judgement } from '../domain/obligations/judgement.js';

const NOW = '2026-11-25T10:00:00Z';

interface Case {
  people: { country: string; region?: string; count: number }[];
  none?: number;
  categories?: DataCategory[];
  attributes?: Partial<IncidentAttributes>;
  judgements?: Judgement['kind'][];
  severity?: Severity;
  requests?: AnnouncementRequest[];
  policy?: Partial<AnnouncementPolicy>;
}

function assessmentOf(c: Case): AssessmentCounts {
  const affected = c.people.reduce((n, p) => n + p.count, 0);
  const byCountry: Record<string, number> = {};
  const byRegion: Record<string, number> = {};
  for (const p of c.people) {
    byCountry[p.country] = (byCountry[p.country] ?? 0) + p.count;
    if (p.region) byRegion[p.region] = (byRegion[p.region] ?? 0) + p.count;
  }
  const none = c.none ?? 0;
  return {
    affected,
    byCountry,
    byRegion,
    reachable: { email: affected - none, sms: affected - none, push: 0, letter: 0, voice: 0, none },
    byLocale: { en: affected },
    byRisk: { low: 0, medium: 0, high: affected },
  };
}

function decide(c: Case) {
  const assessment = assessmentOf(c);
  const judgements: Judgement[] = (c.judgements ?? []).map((kind) => ({
    kind,
    value: true,
    reason: `assessed ${kind}`,
    decidedAt: '2026-11-21T09:00:00Z',
    decidedBy: 'dpo@example.com',
  }));
  const severity = c.severity ?? 'medium';
  const obligations = computeObligations({
    incidentId: 'inc_test',
    facts: {
      discoveredAt: '2026-11-20T08:30:00Z',
      dataCategories: c.categories ?? ['email', 'name'],
      severity,
      attributes: { ...c.attributes } as IncidentAttributes,
    },
    assessment,
    judgements,
    now: NOW,
  });
  return decideBeforeNotices(
    { severity, obligations, assessment, judgements, requests: c.requests ?? [] },
    { ...DEFAULT_ANNOUNCEMENT_POLICY, ...c.policy },
  );
}

const codes = (d: { reasons: { code: string; regime?: string }[] }) =>
  d.reasons.map((r) => (r.regime ? `${r.code}:${r.regime}` : r.code));

describe('announcement decision before the notices', () => {
  it('announces nothing for an incident under every threshold', () => {
    const d = decide({
      people: [
        { country: 'DE', count: 40 },
        { country: 'US', region: 'US-CA', count: 60 },
      ],
      categories: ['email', 'name', 'national_id'],
    });
    expect(d.announce).toBe(false);
    expect(d.reasons).toEqual([]);
    expect(d.skipIndividualNotices).toBe('none');
    expect(d.replacesIndividualNoticeFor).toBe(0);
    expect(d.postingDays).toBe(90);
  });

  it('GDPR: judged disproportionate effort lets the announcement replace individual notice for everyone', () => {
    const d = decide({
      people: [{ country: 'DE', count: 120 }],
      judgements: ['high_risk', 'disproportionate_effort'],
    });
    expect(d.announce).toBe(true);
    expect(codes(d)).toContain('substitute_notice:eu_gdpr');
    expect(d.reasons.find((r) => r.regime === 'eu_gdpr')?.detail).toMatch(/disproportionate effort by dpo@/);
    expect(d.skipIndividualNotices).toBe('everyone');
    expect(d.replacesIndividualNoticeFor).toBe(120);
    expect(d.replacementReason).toMatch(/GDPR/);
    // GDPR names no posting period: the configured default holds.
    expect(d.postingDays).toBe(90);
    expect(d.postingDaysSource).toBe('default');
  });

  it('does not skip anyone when only one of the regimes permits substitute notice', () => {
    const d = decide({
      people: [
        { country: 'DE', count: 50 },
        { country: 'US', region: 'US-TX', count: 50 },
      ],
      categories: ['email', 'name', 'national_id'],
      judgements: ['high_risk', 'disproportionate_effort'],
    });
    expect(codes(d)).toContain('substitute_notice:eu_gdpr');
    expect(d.skipIndividualNotices).toBe('none');
    expect(d.replacesIndividualNoticeFor).toBe(0);
  });

  it('a state cost threshold: the estimated cost comes from the per-channel prices times the planned sends', () => {
    const florida = {
      people: [{ country: 'US', region: 'US-FL', count: 1000 }],
      categories: ['national_id'] as DataCategory[],
    };
    const cheap = decide(florida);
    expect(cheap.announce).toBe(false);
    expect(cheap.estimatedCostUsd).toBe(1000 * 0.001);
    // Email first (medium severity): 1,000 emails at $300 each is over Florida's $250,000.
    const costly = decide({
      ...florida,
      policy: { costUsd: { email: 300, sms: 0, push: 0, letter: 0, voice: 0 } },
    });
    expect(costly.estimatedCostUsd).toBe(300_000);
    expect(codes(costly)).toEqual(['substitute_notice:us_florida']);
    expect(costly.reasons[0]?.detail).toMatch(/estimated cost of individual notice \(USD\): 300,000/);
    // Florida's substitute is website and media only: it stands in for everyone.
    expect(costly.skipIndividualNotices).toBe('everyone');
    expect(costly.replacesIndividualNoticeFor).toBe(1000);
  });

  it('California: substitute notice is email plus posting plus media, so it complements the notices', () => {
    const d = decide({
      people: [{ country: 'US', region: 'US-CA', count: 20 }],
      none: 3,
      categories: ['national_id'],
    });
    expect(codes(d)).toEqual(['required_alongside:us_california']);
    expect(d.reasons[0]?.detail).toMatch(/people without usable contact details: 3/);
    expect(d.reasons[0]?.detail).toMatch(/email to people with an address/);
    expect(d.skipIndividualNotices).toBe('people_without_contact');
    expect(d.replacesIndividualNoticeFor).toBe(3);
    expect(d.postingDays).toBe(30);
    expect(d.postingDaysSource).toBe('us_california');
  });

  it('HIPAA: media notice over 500 residents of a State is required alongside the individual notices', () => {
    const d = decide({
      people: [{ country: 'US', region: 'US-NY', count: 501 }],
      categories: ['health'],
      attributes: { sector: 'health' },
    });
    expect(codes(d)).toEqual(['required_alongside:us_hipaa']);
    expect(d.reasons[0]?.detail).toMatch(/media notice/);
    expect(d.skipIndividualNotices).toBe('none');
    expect(d.replacesIndividualNoticeFor).toBe(0);
    const under = decide({
      people: [{ country: 'US', region: 'US-NY', count: 500 }],
      categories: ['health'],
      attributes: { sector: 'health' },
    });
    expect(under.announce).toBe(false);
  });

  it('HIPAA: ten or more people without contact get substitute notice posted for 90 days', () => {
    const d = decide({
      people: [{ country: 'US', region: 'US-NY', count: 40 }],
      none: 12,
      categories: ['health'],
      attributes: { sector: 'health' },
    });
    expect(codes(d)).toEqual(['substitute_notice:us_hipaa']);
    expect(d.skipIndividualNotices).toBe('people_without_contact');
    expect(d.replacesIndividualNoticeFor).toBe(12);
    expect(d.postingDays).toBe(90);
    expect(d.postingDaysSource).toBe('us_hipaa');
  });

  it('takes the longest posting period of the regimes that hold', () => {
    const d = decide({
      people: [{ country: 'US', region: 'US-CA', count: 40 }],
      none: 12,
      categories: ['health'],
      attributes: { sector: 'health' },
      policy: { defaultDays: 7 },
    });
    expect(codes(d).sort()).toEqual(['required_alongside:us_california', 'substitute_notice:us_hipaa']);
    expect(d.postingDays).toBe(90);
  });

  it("a responder's request is a reason of its own", () => {
    const d = decide({
      people: [{ country: 'DE', count: 5 }],
      requests: [{ by: 'responder-1', reason: 'reported in the press', at: NOW }],
    });
    expect(d.announce).toBe(true);
    expect(d.reasons).toEqual([
      { code: 'requested', detail: 'requested by responder-1: reported in the press' },
    ]);
    expect(d.skipIndividualNotices).toBe('none');
  });
});

describe('announcement decision after the notices', () => {
  const policy = { ...DEFAULT_ANNOUNCEMENT_POLICY, unreachableCount: 50 };

  it('announces when the unreachable share is over the threshold', () => {
    const d = decideAfterNotices({ people: 100, unreachable: 11 }, [], policy);
    expect(d.announce).toBe(true);
    expect(d.reasons.map((r) => r.code)).toEqual(['unreachable_share']);
    expect(d.reasons[0]?.detail).toBe('11 of 100 people (11 %) no channel reached, over the 10 % threshold');
    expect(d.replacesIndividualNoticeFor).toBe(11);
    expect(d.skipIndividualNotices).toBe('none');
  });

  it('announces when their number is over the configured count, even as a small share', () => {
    const d = decideAfterNotices({ people: 10_000, unreachable: 51 }, [], policy);
    expect(d.reasons.map((r) => r.code)).toEqual(['unreachable_count']);
  });

  it('stays quiet at the thresholds and below them', () => {
    expect(decideAfterNotices({ people: 100, unreachable: 10 }, [], policy).announce).toBe(false);
    expect(decideAfterNotices({ people: 10_000, unreachable: 50 }, [], policy).announce).toBe(false);
    expect(decideAfterNotices({ people: 0, unreachable: 0 }, [], policy).announce).toBe(false);
    // Without a configured count only the share counts.
    expect(
      decideAfterNotices({ people: 10_000, unreachable: 900 }, [], DEFAULT_ANNOUNCEMENT_POLICY).announce,
    ).toBe(false);
  });

  it('a request after the notices is a reason too', () => {
    const d = decideAfterNotices(
      { people: 100, unreachable: 0 },
      [{ by: 'r', reason: 'press', at: NOW }],
      policy,
    );
    expect(d.reasons).toEqual([{ code: 'requested', detail: 'requested by r: press' }]);
    expect(d.replacesIndividualNoticeFor).toBe(0);
  });
});

describe('cost of individual notice', () => {
  const a = { affected: 100, reachable: { email: 70, sms: 50, push: 20, letter: 0, voice: 50, none: 10 } };

  it('counts every reachable channel when every channel carries the notice', () => {
    expect(plannedSends(a, { mode: 'all', order: ['email', 'sms', 'push'] })).toEqual({
      email: 70,
      sms: 50,
      push: 20,
      letter: 0,
      voice: 0,
    });
  });

  it('counts each reachable person once, on the first channel in order, otherwise', () => {
    const sends = plannedSends(a, { mode: 'first', order: ['email', 'sms', 'push'] });
    expect(sends).toEqual({ email: 70, sms: 20, push: 0, letter: 0, voice: 0 });
    expect(individualNoticeCostUsd(sends, { email: 0.01, sms: 0.5, push: 0, letter: 0, voice: 0 })).toBe(
      10.7,
    );
  });
});
