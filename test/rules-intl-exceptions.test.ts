// International exceptions: findings that lift a duty, encryption safe harbours, law-enforcement holds,
// dates before a law came into force, and voluntary regimes that are shown as such.
import { describe, expect, it } from 'vitest';
import type { DataCategory, IncidentAttributes } from '../domain/incident.js';
import type { Judgement } from '../domain/obligations/judgement.js';
import { finding, obligation } from './support/intl-rules.js';

interface ExceptionCase {
  name: string;
  id: string;
  country: string;
  status: string;
  count?: number;
  categories?: DataCategory[];
  attributes?: Partial<IncidentAttributes>;
  judgements?: Judgement[];
  discoveredAt?: string;
  /** Also expected in `judgementsNeeded` or in the reason. */
  needs?: string[];
  reason?: RegExp;
}

const cases: ExceptionCase[] = [
  {
    name: 'Korea: measures that significantly reduce the possibility of harm lift the report, even at 5,000 people',
    id: 'kr_pipa.regulator_report.notification',
    country: 'KR',
    count: 5_000,
    judgements: [finding('harm_avoided', true)],
    status: 'not_required',
  },
  {
    name: 'Korea: an outside attack needs a report below 1,000 people',
    id: 'kr_pipa.regulator_report.notification',
    country: 'KR',
    judgements: [finding('external_access', true)],
    status: 'due',
  },
  {
    name: 'Korea: unique identifiers need a report below 1,000 people',
    id: 'kr_pipa.regulator_report.notification',
    country: 'KR',
    categories: ['national_id'],
    status: 'due',
  },
  {
    name: 'Korea: below 1,000 ordinary data waits for the outside-attack finding',
    id: 'kr_pipa.regulator_report.notification',
    country: 'KR',
    status: 'needs_judgement',
    needs: ['external_access'],
  },
  {
    name: 'Philippines: no sensitive or identity-fraud data, no notice',
    id: 'ph_dpa.regulator_report.notification',
    country: 'PH',
    judgements: [finding('serious_harm_likely', true)],
    status: 'not_required',
  },
  {
    name: 'Philippines: no real risk of serious harm, no notice',
    id: 'ph_dpa.individual_notice.notification',
    country: 'PH',
    categories: ['health'],
    judgements: [finding('serious_harm_likely', false)],
    status: 'not_required',
  },
  {
    name: 'Philippines: a law-enforcement request holds the notice to people',
    id: 'ph_dpa.individual_notice.notification',
    country: 'PH',
    categories: ['health'],
    judgements: [finding('serious_harm_likely', true), finding('law_enforcement_delay', true)],
    status: 'waiting_for_event',
  },
  {
    name: 'Thailand: unlikely to result in a risk, no report',
    id: 'th_pdpa.regulator_report.notification',
    country: 'TH',
    judgements: [finding('risk', false)],
    status: 'not_required',
  },
  {
    name: 'Thailand: people are told only at high risk',
    id: 'th_pdpa.individual_notice.notification',
    country: 'TH',
    judgements: [finding('high_risk', false)],
    status: 'not_required',
  },
  {
    name: 'Indonesia: not in force for breaches discovered before 17 October 2024',
    id: 'id_pdp.regulator_report.notification',
    country: 'ID',
    discoveredAt: '2024-10-16T09:00:00Z',
    status: 'not_required',
  },
  {
    name: 'Indonesia: public notice only for a serious public impact',
    id: 'id_pdp.public_notice.notification',
    country: 'ID',
    status: 'not_required',
  },
  {
    name: 'Indonesia: public notice when public services are disrupted',
    id: 'id_pdp.public_notice.notification',
    country: 'ID',
    judgements: [finding('serious_public_impact', true)],
    status: 'due',
  },
  {
    name: 'Malaysia: a general significant-harm finding does not settle its own test',
    id: 'my_pdpa.individual_notice.notification',
    country: 'MY',
    judgements: [finding('significant_harm', true)],
    status: 'needs_judgement',
    needs: ['significant_harm'],
    reason: /recorded for my_pdpa/,
  },
  {
    name: 'Malaysia: not in force before 1 June 2025',
    id: 'my_pdpa.regulator_report.notification',
    country: 'MY',
    count: 5_000,
    discoveredAt: '2025-05-31T09:00:00Z',
    status: 'not_required',
  },
  {
    name: 'Hong Kong: voluntary, and says so',
    id: 'hk_pdpo.regulator_report.voluntary',
    country: 'HK',
    status: 'due',
    reason: /Voluntary/,
  },
  {
    name: 'New Zealand: no serious harm, no notice',
    id: 'nz_privacy_act.individual_notice.notification',
    country: 'NZ',
    judgements: [finding('serious_harm_likely', false)],
    status: 'not_required',
  },
  {
    name: 'New Zealand: public notice where notifying each person is impracticable',
    id: 'nz_privacy_act.public_notice.notification',
    country: 'NZ',
    judgements: [finding('serious_harm_likely', true), finding('disproportionate_effort', true)],
    status: 'due',
  },
  {
    name: 'New Zealand: a s. 116 hold delays the notice to people',
    id: 'nz_privacy_act.individual_notice.notification',
    country: 'NZ',
    judgements: [finding('serious_harm_likely', true), finding('law_enforcement_delay', true)],
    status: 'waiting_for_event',
  },
  {
    name: 'Switzerland: no high risk, no report',
    id: 'ch_fadp.regulator_report.notification',
    country: 'CH',
    judgements: [finding('high_risk', false)],
    status: 'not_required',
  },
  {
    name: 'Switzerland: people are told when their protection needs it',
    id: 'ch_fadp.individual_notice.notification',
    country: 'CH',
    status: 'needs_judgement',
    needs: ['protection_needs_notice'],
  },
  {
    name: 'Switzerland: not in force before 1 September 2023',
    id: 'ch_fadp.regulator_report.notification',
    country: 'CH',
    judgements: [finding('high_risk', true)],
    discoveredAt: '2023-08-31T09:00:00Z',
    status: 'not_required',
  },
  {
    name: 'Saudi Arabia: no possible harm, no report',
    id: 'sa_pdpl.regulator_report.notification',
    country: 'SA',
    judgements: [finding('risk', false)],
    status: 'not_required',
  },
  {
    name: 'UAE: people are told only where the breach may prejudice them',
    id: 'ae_pdpl.individual_notice.notification',
    country: 'AE',
    judgements: [finding('risk', false)],
    status: 'not_required',
  },
  {
    name: 'Israel: not a severe security incident, no report',
    id: 'il_privacy.regulator_report.notification',
    country: 'IL',
    judgements: [finding('severe_security_incident', false)],
    status: 'not_required',
  },
  {
    name: 'South Africa: a criminal-investigation hold delays the notice to people',
    id: 'za_popia.individual_notice.notification',
    country: 'ZA',
    judgements: [finding('law_enforcement_delay', true)],
    status: 'waiting_for_event',
  },
  {
    name: 'Kenya: no real risk of harm, no report',
    id: 'ke_dpa.regulator_report.notification',
    country: 'KE',
    judgements: [finding('real_risk_of_harm', false)],
    status: 'not_required',
  },
  {
    name: 'Kenya: encrypted data needs no notice to people',
    id: 'ke_dpa.individual_notice.notification',
    country: 'KE',
    attributes: { dataEncrypted: true },
    judgements: [finding('real_risk_of_harm', true)],
    status: 'not_required',
  },
  {
    name: 'Nigeria: no high risk, no notice to people',
    id: 'ng_ndpa.individual_notice.notification',
    country: 'NG',
    judgements: [finding('risk', true), finding('high_risk', false)],
    status: 'not_required',
  },
  {
    name: 'Nigeria: not in force before 12 June 2023',
    id: 'ng_ndpa.regulator_report.notification',
    country: 'NG',
    judgements: [finding('risk', true)],
    discoveredAt: '2023-06-11T09:00:00Z',
    status: 'not_required',
  },
  {
    name: 'Mexico: a general significant-harm finding does not settle its own test',
    id: 'mx_lfpdppp.individual_notice.notification',
    country: 'MX',
    judgements: [finding('significant_harm', true)],
    status: 'needs_judgement',
    needs: ['significant_harm'],
  },
  {
    name: 'Mexico: judged not significant for Mexico, no notice',
    id: 'mx_lfpdppp.individual_notice.notification',
    country: 'MX',
    judgements: [finding('significant_harm', false, 'mx_lfpdppp')],
    status: 'not_required',
  },
  {
    name: 'Argentina: a recommended record, voluntary',
    id: 'ar_pdpa.register_entry.record',
    country: 'AR',
    status: 'due',
    reason: /Voluntary/,
  },
  {
    name: 'Chile: not in force before 1 December 2026',
    id: 'cl_law_21719.regulator_report.notification',
    country: 'CL',
    judgements: [finding('risk', true)],
    discoveredAt: '2026-11-30T09:00:00Z',
    status: 'not_required',
  },
  {
    name: 'Chile: people are told only for sensitive, children’s or financial data',
    id: 'cl_law_21719.individual_notice.notification',
    country: 'CL',
    status: 'not_required',
  },
  {
    name: 'Chile: health data means notice to people',
    id: 'cl_law_21719.individual_notice.notification',
    country: 'CL',
    categories: ['health'],
    status: 'due',
  },
];

describe('international exceptions', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    const o = obligation(
      {
        country: c.country,
        count: c.count ?? 10,
        categories: c.categories ?? ['email'],
        attributes: c.attributes ?? {},
        judgements: c.judgements ?? [],
        ...(c.discoveredAt ? { discoveredAt: c.discoveredAt } : {}),
      },
      c.id,
    );
    expect(o?.status).toBe(c.status);
    for (const k of c.needs ?? []) expect(o?.judgementsNeeded).toContain(k);
    if (c.reason) expect(o?.reason).toMatch(c.reason);
  });
});
