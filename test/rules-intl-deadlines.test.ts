// International deadlines: fixed periods counted from awareness or discovery, business days in Colombia's
// calendar, and no invented date where the law gives none.
import { describe, expect, it } from 'vitest';
import type { DataCategory } from '../domain/incident.js';
import type { Judgement } from '../domain/obligations/judgement.js';
import { DISCOVERED, finding, obligation } from './support/intl-rules.js';

interface DeadlineCase {
  id: string;
  country: string;
  dueAt: string | null;
  deadline: RegExp;
  discoveredAt?: string;
  judgements?: Judgement[];
  categories?: DataCategory[];
  count?: number;
}

const in72h = '2026-12-05T09:00:00.000Z';

const cases: DeadlineCase[] = [
  { id: 'kr_pipa.individual_notice.notification', country: 'KR', dueAt: in72h, deadline: /72 hours/ },
  {
    id: 'kr_pipa.regulator_report.notification',
    country: 'KR',
    count: 1_000,
    dueAt: in72h,
    deadline: /72 hours/,
  },
  {
    id: 'ph_dpa.regulator_report.notification',
    country: 'PH',
    categories: ['health'],
    judgements: [finding('serious_harm_likely', true)],
    dueAt: in72h,
    deadline: /72 hours/,
  },
  {
    id: 'ph_dpa.individual_notice.notification',
    country: 'PH',
    categories: ['health'],
    judgements: [finding('serious_harm_likely', true)],
    dueAt: in72h,
    deadline: /72 hours/,
  },
  {
    id: 'th_pdpa.regulator_report.notification',
    country: 'TH',
    judgements: [finding('risk', true)],
    dueAt: in72h,
    deadline: /72 hours/,
  },
  {
    id: 'th_pdpa.individual_notice.notification',
    country: 'TH',
    judgements: [finding('high_risk', true)],
    dueAt: null,
    deadline: /without delay/,
  },
  { id: 'id_pdp.individual_notice.notification', country: 'ID', dueAt: in72h, deadline: /3 × 24 hours/ },
  { id: 'id_pdp.regulator_report.notification', country: 'ID', dueAt: in72h, deadline: /3 × 24 hours/ },
  { id: 'vn_pdp.regulator_report.notification', country: 'VN', dueAt: in72h, deadline: /72 hours/ },
  {
    id: 'my_pdpa.regulator_report.notification',
    country: 'MY',
    count: 1_001,
    dueAt: in72h,
    deadline: /72 hours/,
  },
  {
    id: 'my_pdpa.individual_notice.notification',
    country: 'MY',
    judgements: [finding('significant_harm', true, 'my_pdpa')],
    dueAt: '2026-12-12T09:00:00.000Z',
    deadline: /7 days of notifying/,
  },
  { id: 'hk_pdpo.regulator_report.voluntary', country: 'HK', dueAt: null, deadline: /^voluntary/ },
  { id: 'hk_pdpo.individual_notice.voluntary', country: 'HK', dueAt: null, deadline: /^voluntary/ },
  { id: 'tw_pdpa.individual_notice.notification', country: 'TW', dueAt: null, deadline: /after the facts/ },
  {
    id: 'nz_privacy_act.regulator_report.notification',
    country: 'NZ',
    judgements: [finding('serious_harm_likely', true)],
    dueAt: null,
    deadline: /as soon as practicable/,
  },
  {
    id: 'ch_fadp.regulator_report.notification',
    country: 'CH',
    judgements: [finding('high_risk', true)],
    dueAt: null,
    deadline: /as soon as possible/,
  },
  { id: 'tr_kvkk.regulator_report.notification', country: 'TR', dueAt: in72h, deadline: /72 hours/ },
  {
    id: 'tr_kvkk.individual_notice.notification',
    country: 'TR',
    dueAt: null,
    deadline: /shortest reasonable/,
  },
  {
    id: 'sa_pdpl.regulator_report.notification',
    country: 'SA',
    judgements: [finding('risk', true)],
    dueAt: in72h,
    deadline: /72 hours/,
  },
  { id: 'ae_pdpl.regulator_report.notification', country: 'AE', dueAt: null, deadline: /immediately/ },
  {
    id: 'il_privacy.regulator_report.notification',
    country: 'IL',
    judgements: [finding('severe_security_incident', true)],
    dueAt: null,
    deadline: /immediately/,
  },
  {
    id: 'za_popia.regulator_report.notification',
    country: 'ZA',
    dueAt: null,
    deadline: /reasonably possible/,
  },
  {
    id: 'ke_dpa.regulator_report.notification',
    country: 'KE',
    judgements: [finding('real_risk_of_harm', true)],
    dueAt: in72h,
    deadline: /72 hours/,
  },
  {
    id: 'ng_ndpa.regulator_report.notification',
    country: 'NG',
    judgements: [finding('risk', true)],
    dueAt: in72h,
    deadline: /72 hours/,
  },
  {
    id: 'ng_ndpa.individual_notice.notification',
    country: 'NG',
    judgements: [finding('high_risk', true)],
    dueAt: null,
    deadline: /immediately/,
  },
  {
    id: 'mx_lfpdppp.individual_notice.notification',
    country: 'MX',
    judgements: [finding('significant_harm', true, 'mx_lfpdppp')],
    dueAt: null,
    deadline: /immediately/,
  },
  { id: 'ar_pdpa.register_entry.record', country: 'AR', dueAt: null, deadline: /no breach notice duty/ },
  // Wednesday 2 December 09:00 in Bogotá; 8 December is a holiday, so day 15 is Thursday 24 December.
  {
    id: 'co_habeas_data.regulator_report.notification',
    country: 'CO',
    discoveredAt: '2026-12-02T14:00:00Z',
    dueAt: '2026-12-24T14:00:00.000Z',
    deadline: /15 business days/,
  },
  // Across Christmas and New Year's Day into the provisional 2027 calendar: day 15 is Monday 4 January.
  {
    id: 'co_habeas_data.regulator_report.notification',
    country: 'CO',
    discoveredAt: '2026-12-10T14:00:00Z',
    dueAt: '2027-01-04T14:00:00.000Z',
    deadline: /15 business days/,
  },
  {
    id: 'cl_law_21719.regulator_report.notification',
    country: 'CL',
    judgements: [finding('risk', true)],
    dueAt: null,
    deadline: /without undue delay/,
  },
];

describe('international deadlines', () => {
  it.each(cases.map((c) => [`${c.id} from ${c.discoveredAt ?? DISCOVERED}`, c] as const))('%s', (_n, c) => {
    const o = obligation(
      {
        country: c.country,
        count: c.count ?? 10,
        categories: c.categories ?? ['email'],
        judgements: c.judgements ?? [],
        ...(c.discoveredAt ? { discoveredAt: c.discoveredAt } : {}),
      },
      c.id,
    );
    expect(o?.status).toBe('due');
    expect(o?.dueAt).toBe(c.dueAt);
    expect(o?.deadline).toMatch(c.deadline);
    expect(o?.source.lastChecked).toBe('2026-12-08');
  });

  it('counts from discovery, flagged provisional, until awareness is recorded', () => {
    const o = obligation(
      { country: 'KE', judgements: [finding('real_risk_of_harm', true)] },
      'ke_dpa.regulator_report.notification',
    );
    expect(o?.dueAt).toBe(in72h);
    const later = finding('awareness', true, undefined, '2026-12-03T09:00:00Z');
    const aware = obligation(
      {
        country: 'KE',
        judgements: [finding('real_risk_of_harm', true), { ...later, decidedAt: '2026-12-03T09:00:00Z' }],
      },
      'ke_dpa.regulator_report.notification',
    );
    expect(aware?.dueAt).toBe('2026-12-06T09:00:00.000Z');
  });

  it('marks a deadline taken from regulator guidance', () => {
    const o = obligation({ country: 'TR' }, 'tr_kvkk.regulator_report.notification');
    expect(o?.reason).toContain('(regulator guidance)');
  });

  it('is overdue after 72 hours and asks for the reasons for the delay', () => {
    const o = obligation(
      { country: 'NG', judgements: [finding('risk', true)], now: '2026-12-05T09:00:01Z' },
      'ng_ndpa.regulator_report.notification',
    );
    expect(o?.status).toBe('overdue');
    expect(o?.fields).toContain('reasons_for_delay');
  });
});
