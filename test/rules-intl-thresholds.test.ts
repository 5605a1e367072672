// International regimes at each threshold edge (n−1, n, n+1): head-count thresholds where the law has one, and
// the territory edge (0, 1, 2 people) for the regimes whose duty starts with the first person affected.
import { describe, expect, it } from 'vitest';
import type { DataCategory } from '../domain/incident.js';
import type { Judgement } from '../domain/obligations/judgement.js';
import { finding, obligation } from './support/intl-rules.js';

interface Edge {
  id: string;
  country: string;
  n: number;
  /** Expected status at n−1, n, n+1; `absent` when the regime is not listed. */
  expect: [string, string, string];
  judgements?: Judgement[];
  categories?: DataCategory[];
}

const status = (e: Edge, count: number) =>
  obligation(
    { country: e.country, count, judgements: e.judgements ?? [], categories: e.categories ?? ['email'] },
    e.id,
  )?.status ?? 'absent';

const edges: Edge[] = [
  // "1,000 or more data subjects" (gte), with no other ground for a report.
  {
    id: 'kr_pipa.regulator_report.notification',
    country: 'KR',
    n: 1_000,
    expect: ['not_required', 'due', 'due'],
    judgements: [finding('external_access', false)],
  },
  // "Exceeds 1,000" (gt): 1,000 people is not a significant scale.
  {
    id: 'my_pdpa.regulator_report.notification',
    country: 'MY',
    n: 1_001,
    expect: ['not_required', 'due', 'due'],
    judgements: [finding('significant_harm', false, 'my_pdpa')],
  },
  {
    id: 'my_pdpa.regulator_report.notification',
    country: 'MY',
    n: 1_000,
    expect: ['not_required', 'not_required', 'due'],
    judgements: [finding('significant_harm', false, 'my_pdpa')],
  },
  { id: 'kr_pipa.individual_notice.notification', country: 'KR', n: 1, expect: ['absent', 'due', 'due'] },
  {
    id: 'ph_dpa.regulator_report.notification',
    country: 'PH',
    n: 1,
    expect: ['absent', 'due', 'due'],
    judgements: [finding('serious_harm_likely', true)],
    categories: ['national_id'],
  },
  {
    id: 'th_pdpa.regulator_report.notification',
    country: 'TH',
    n: 1,
    expect: ['absent', 'due', 'due'],
    judgements: [finding('risk', true)],
  },
  { id: 'id_pdp.regulator_report.notification', country: 'ID', n: 1, expect: ['absent', 'due', 'due'] },
  { id: 'vn_pdp.regulator_report.notification', country: 'VN', n: 1, expect: ['absent', 'due', 'due'] },
  { id: 'hk_pdpo.regulator_report.voluntary', country: 'HK', n: 1, expect: ['absent', 'due', 'due'] },
  { id: 'tw_pdpa.individual_notice.notification', country: 'TW', n: 1, expect: ['absent', 'due', 'due'] },
  {
    id: 'nz_privacy_act.regulator_report.notification',
    country: 'NZ',
    n: 1,
    expect: ['absent', 'due', 'due'],
    judgements: [finding('serious_harm_likely', true)],
  },
  {
    id: 'ch_fadp.regulator_report.notification',
    country: 'CH',
    n: 1,
    expect: ['absent', 'due', 'due'],
    judgements: [finding('high_risk', true)],
  },
  { id: 'tr_kvkk.regulator_report.notification', country: 'TR', n: 1, expect: ['absent', 'due', 'due'] },
  {
    id: 'sa_pdpl.regulator_report.notification',
    country: 'SA',
    n: 1,
    expect: ['absent', 'due', 'due'],
    judgements: [finding('risk', true)],
  },
  { id: 'ae_pdpl.regulator_report.notification', country: 'AE', n: 1, expect: ['absent', 'due', 'due'] },
  {
    id: 'il_privacy.regulator_report.notification',
    country: 'IL',
    n: 1,
    expect: ['absent', 'due', 'due'],
    judgements: [finding('severe_security_incident', true)],
  },
  { id: 'za_popia.regulator_report.notification', country: 'ZA', n: 1, expect: ['absent', 'due', 'due'] },
  {
    id: 'ke_dpa.regulator_report.notification',
    country: 'KE',
    n: 1,
    expect: ['absent', 'due', 'due'],
    judgements: [finding('real_risk_of_harm', true)],
  },
  {
    id: 'ng_ndpa.regulator_report.notification',
    country: 'NG',
    n: 1,
    expect: ['absent', 'due', 'due'],
    judgements: [finding('risk', true)],
  },
  {
    id: 'mx_lfpdppp.individual_notice.notification',
    country: 'MX',
    n: 1,
    expect: ['absent', 'due', 'due'],
    judgements: [finding('significant_harm', true, 'mx_lfpdppp')],
  },
  { id: 'ar_pdpa.register_entry.record', country: 'AR', n: 1, expect: ['absent', 'due', 'due'] },
  {
    id: 'co_habeas_data.regulator_report.notification',
    country: 'CO',
    n: 1,
    expect: ['absent', 'due', 'due'],
  },
  {
    id: 'cl_law_21719.regulator_report.notification',
    country: 'CL',
    n: 1,
    expect: ['absent', 'due', 'due'],
    judgements: [finding('risk', true)],
  },
];

describe('international thresholds at n−1, n, n+1', () => {
  it.each(edges.map((e) => [`${e.id} around ${e.n}`, e] as const))('%s', (_name, e) => {
    expect([status(e, e.n - 1), status(e, e.n), status(e, e.n + 1)]).toEqual(e.expect);
  });
});
