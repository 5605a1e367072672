import type { RegimeInput } from '../rule.js';
import { awarenessClock } from './common.js';

/**
 * South Korea, Taiwan and Hong Kong. Checked 2026-12-08; `source.confirmedBy` says whether a published text was
 * found for the figures or they come from the author's reading, to verify.
 */

const noticeFields = [
  'what_information',
  'what_happened',
  'what_you_can_do',
  'what_we_are_doing',
  'contact_point',
] as const;

export const krPipa: RegimeInput = {
  id: 'kr_pipa',
  name: 'South Korea PIPA Art. 34',
  applies: { people: { countries: ['KR'] } },
  obligations: [
    {
      kind: 'individual_notice',
      phase: 'notification',
      recipient: 'affected data subjects',
      clock: awarenessClock,
      deadline: { unit: 'hours', amount: 72, text: 'within 72 hours of becoming aware of the leak' },
      fields: [...noticeFields],
      note: 'Enforcement Decree Art. 39: without delay, within 72 hours; where contact details are unknown, a website posting replaces the notice. A 2026 amendment moves notice earlier, to awareness of a possible breach, once the Decree defines it: not modelled yet.',
    },
    {
      kind: 'regulator_report',
      phase: 'notification',
      recipient: 'Personal Information Protection Commission (PIPC) or KISA',
      // Enforcement Decree Art. 40: 1,000 or more people, sensitive or unique identifying data, or an outside attack;
      // no report when measures such as retrieving or deleting the data significantly reduce the possibility of harm.
      when: {
        all: [
          {
            any: [
              { headcount: { scope: 'territory', op: 'gte', value: 1_000 } },
              { dataCategories: { anyOf: ['health', 'biometric', 'national_id', 'passport'] } },
              { judgement: { kind: 'external_access', equals: true } },
            ],
          },
          { judgement: { kind: 'harm_avoided', equals: false, ifMissing: 'false' } },
        ],
      },
      clock: awarenessClock,
      deadline: { unit: 'hours', amount: 72, text: 'within 72 hours of becoming aware' },
      fields: [...noticeFields, 'people_count', 'measures_taken'],
    },
  ],
  substituteNotice: [
    {
      anyOf: [{ metric: 'people_without_contact', op: 'gt', value: 0 }],
      covers: 'people_without_contact',
      means: ['posting on the website'],
      postingDays: 30,
      note: 'Enforcement Decree Art. 39(3): where the contact details are unknown, post the notice for at least 30 days.',
    },
  ],
  source: {
    citation: 'Personal Information Protection Act Art. 34; Enforcement Decree Arts. 39-40',
    url: 'https://www.law.go.kr/LSW/eng/engLsSc.do?query=Personal+Information+Protection+Act',
    confirmedBy: 'source',
  },
  lastChecked: '2026-12-08',
};

export const twPdpa: RegimeInput = {
  id: 'tw_pdpa',
  name: 'Taiwan PDPA Art. 12',
  applies: { people: { countries: ['TW'] } },
  obligations: [
    {
      kind: 'individual_notice',
      phase: 'notification',
      recipient: 'affected data subjects',
      clock: { from: 'discovery' },
      deadline: { unit: 'none', text: 'after the facts have been investigated, by an appropriate method' },
      fields: ['what_happened', 'what_we_are_doing', 'contact_point'],
      note: 'Enforcement Rules Art. 22: the notice states the facts and the measures taken. Sector regulators set their own report deadlines; the general law sets none to a regulator.',
    },
  ],
  substituteNotice: [
    {
      anyOf: [{ judgement: 'disproportionate_effort' }],
      covers: 'everyone',
      means: ['internet, news media or other public means'],
      note: 'Enforcement Rules Art. 22: where notice costs too much, a public notice that people can readily learn of.',
    },
  ],
  source: {
    citation: 'Personal Data Protection Act Art. 12; Enforcement Rules Art. 22',
    url: 'https://law.moj.gov.tw/ENG/LawClass/LawAll.aspx?pcode=I0050021',
    confirmedBy: 'source',
  },
  lastChecked: '2026-12-08',
};

export const hkPdpo: RegimeInput = {
  id: 'hk_pdpo',
  name: 'Hong Kong PDPO (voluntary notice)',
  applies: { people: { countries: ['HK'] } },
  obligations: [
    {
      kind: 'regulator_report',
      phase: 'voluntary',
      recipient: 'Privacy Commissioner for Personal Data (PCPD), voluntary',
      clock: { from: 'discovery' },
      deadline: {
        unit: 'none',
        text: 'voluntary: the PDPO sets no duty and no deadline (PCPD guidance: as soon as practicable)',
      },
      fields: ['nature_of_breach', 'data_categories', 'people_count', 'measures_taken', 'contact_point'],
      note: 'Voluntary: the Ordinance has no mandatory breach notification; the PCPD recommends notice.',
    },
    {
      kind: 'individual_notice',
      phase: 'voluntary',
      recipient: 'affected data subjects, voluntary',
      clock: { from: 'discovery' },
      deadline: { unit: 'none', text: 'voluntary: the PDPO sets no duty and no deadline' },
      fields: ['what_happened', 'what_information', 'what_you_can_do', 'contact_point'],
    },
  ],
  source: {
    citation: 'Personal Data (Privacy) Ordinance (Cap. 486); PCPD Guidance on Data Breach Handling (2023)',
    url: 'https://www.pcpd.org.hk/english/resources_centre/publications/guidance/guidance.html',
    confirmedBy: 'source',
  },
  lastChecked: '2026-12-08',
};
