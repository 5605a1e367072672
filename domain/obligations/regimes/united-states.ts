import type { RegimeInput, SubstituteOptionInput } from '../rule.js';
import { awarenessClock } from './common.js';

const notEncrypted = { attribute: { name: 'dataEncrypted', equals: false } } as const;

/** Categories that make "personal information" under the state statutes when combined with a name. */
const statePiCategories = [
  'national_id',
  'passport',
  'payment_card',
  'bank_account',
  'financial',
  'health',
  'biometric',
  'password',
] as const;

const stateNoticeFields = [
  'what_happened',
  'occurred_at',
  'what_information',
  'what_we_are_doing',
  'what_you_can_do',
  'more_information',
] as const;

const stateSubstitute = (postingDays?: number): SubstituteOptionInput => ({
  anyOf: [
    { metric: 'cost_usd', op: 'gt', value: 250_000 },
    { metric: 'head_count', op: 'gt', value: 500_000 },
    { metric: 'people_without_contact', op: 'gt', value: 0 },
  ],
  covers: 'everyone',
  means: [
    'email to people with an address',
    'conspicuous posting on the website',
    'notice to major statewide media',
  ],
  ...(postingDays ? { postingDays } : {}),
});

export const usCalifornia: RegimeInput = {
  id: 'us_california',
  name: 'California Civ. Code 1798.82',
  applies: { people: { regions: ['US-CA'] } },
  triggers: { all: [notEncrypted, { dataCategories: { anyOf: [...statePiCategories] } }] },
  obligations: [
    {
      kind: 'individual_notice',
      delayable: true,
      phase: 'notification',
      recipient: 'affected California residents',
      clock: { from: 'discovery' },
      deadline: { unit: 'calendar_days', amount: 30, text: 'within 30 calendar days of discovery' },
      fields: [...stateNoticeFields, 'offered_services', 'credit_bureau_contacts'],
      note: 'Titled "Notice of Data Breach", headings What Happened, What Information Was Involved, What We Are Doing, What You Can Do, For More Information, in at least 10-point type. A law-enforcement request may delay it.',
    },
    {
      kind: 'sample_to_regulator',
      phase: 'notification',
      recipient: 'California Attorney General',
      when: { headcount: { scope: 'territory', op: 'gt', value: 500 } },
      clock: { from: 'event', event: 'noticesStartedAt' },
      deadline: { unit: 'calendar_days', amount: 15, text: 'within 15 days of notifying residents' },
      fields: ['sample_notice', 'people_count'],
    },
  ],
  substituteNotice: [stateSubstitute(30)],
  source: {
    citation: 'California Civil Code 1798.82, as amended by SB 446 (2025)',
    url: 'https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml?lawCode=CIV&sectionNum=1798.82',
  },
  lastChecked: '2026-11-29',
};

export const usFlorida: RegimeInput = {
  id: 'us_florida',
  name: 'Florida Stat. 501.171',
  applies: { people: { regions: ['US-FL'] } },
  triggers: {
    all: [
      notEncrypted,
      { dataCategories: { anyOf: [...statePiCategories] } },
      // 501.171(4)(c): no notice after a written finding that harm is not likely (kept five years).
      { not: { judgement: { kind: 'harm_not_likely', equals: true, ifMissing: 'false' } } },
    ],
  },
  obligations: [
    {
      kind: 'individual_notice',
      delayable: true,
      phase: 'notification',
      recipient: 'affected Florida residents',
      clock: awarenessClock,
      deadline: { unit: 'calendar_days', amount: 30, text: 'within 30 days of determining the breach' },
      fields: ['occurred_at', 'what_information', 'contact_point'],
      note: '15 more days if good cause is given in writing to the Department within 30 days.',
    },
    {
      kind: 'regulator_report',
      phase: 'notification',
      recipient: 'Florida Department of Legal Affairs',
      when: { headcount: { scope: 'territory', op: 'gte', value: 500 } },
      clock: awarenessClock,
      deadline: { unit: 'calendar_days', amount: 30, text: 'within 30 days of determining the breach' },
      fields: [
        'nature_of_breach',
        'people_count',
        'measures_taken',
        'individuals_notified',
        'contact_point',
        'sample_notice',
      ],
      note: 'Credit reporting agencies must also be told when more than 1,000 people are notified.',
    },
  ],
  substituteNotice: [
    {
      ...stateSubstitute(),
      means: ['conspicuous notice on the website', 'notice in print and broadcast media'],
    },
  ],
  recordKeeping:
    'A finding that harm is not likely is kept in writing for 5 years and sent to the Department within 30 days.',
  source: {
    citation: 'Florida Statutes 501.171',
    url: 'http://www.leg.state.fl.us/statutes/index.cfm?App_mode=Display_Statute&URL=0500-0599/0501/Sections/0501.171.html',
  },
  lastChecked: '2026-11-29',
};

export const usTexas: RegimeInput = {
  id: 'us_texas',
  name: 'Texas Bus. & Com. Code 521.053',
  applies: { people: { regions: ['US-TX'] } },
  triggers: { all: [notEncrypted, { dataCategories: { anyOf: [...statePiCategories] } }] },
  obligations: [
    {
      kind: 'individual_notice',
      delayable: true,
      phase: 'notification',
      recipient: 'affected Texas residents',
      clock: awarenessClock,
      deadline: { unit: 'calendar_days', amount: 60, text: 'within 60 days of determining the breach' },
      fields: [...stateNoticeFields],
    },
    {
      kind: 'regulator_report',
      phase: 'notification',
      recipient: 'Texas Attorney General (web form)',
      when: { headcount: { scope: 'territory', op: 'gte', value: 250 } },
      clock: awarenessClock,
      deadline: { unit: 'calendar_days', amount: 30, text: 'within 30 days of determining the breach' },
      fields: [
        'nature_of_breach',
        'data_categories',
        'people_count',
        'measures_taken',
        'individuals_notified',
      ],
    },
  ],
  substituteNotice: [stateSubstitute()],
  source: {
    citation: 'Texas Business and Commerce Code 521.053 (as amended 2023)',
    url: 'https://statutes.capitol.texas.gov/Docs/BC/htm/BC.521.htm',
  },
  lastChecked: '2026-11-29',
};

const hipaaNoticeFields = [
  'what_happened',
  'occurred_at',
  'discovered_at',
  'what_information',
  'what_you_can_do',
  'what_we_are_doing',
  'more_information',
  'toll_free_number',
] as const;

export const usHipaa: RegimeInput = {
  id: 'us_hipaa',
  name: 'HIPAA Breach Notification Rule',
  applies: { people: { countries: ['US'] }, attributes: { attribute: { name: 'sector', in: ['health'] } } },
  triggers: {
    all: [
      notEncrypted,
      // 164.402: presumed a breach unless the four-factor assessment shows a low probability of compromise.
      { not: { judgement: { kind: 'low_probability_of_compromise', equals: true, ifMissing: 'false' } } },
    ],
  },
  obligations: [
    {
      kind: 'individual_notice',
      delayable: true,
      phase: 'notification',
      recipient: 'affected individuals',
      clock: { from: 'discovery' },
      deadline: {
        unit: 'calendar_days',
        amount: 60,
        text: 'without unreasonable delay, at the latest 60 calendar days after discovery',
      },
      fields: [...hipaaNoticeFields],
    },
    {
      kind: 'regulator_report',
      delayable: true,
      phase: 'notification',
      recipient: 'HHS Office for Civil Rights',
      when: { headcount: { scope: 'territory', op: 'gte', value: 500 } },
      clock: { from: 'discovery' },
      deadline: {
        unit: 'calendar_days',
        amount: 60,
        text: 'with the individual notices, at the latest 60 days after discovery',
      },
      fields: [
        'reporting_entity',
        'contact_point',
        'nature_of_breach',
        'occurred_at',
        'discovered_at',
        'people_count',
        'data_categories',
        'measures_taken',
      ],
    },
    {
      kind: 'regulator_report',
      delayable: true,
      phase: 'annual_log',
      recipient: 'HHS Office for Civil Rights (annual log)',
      when: { headcount: { scope: 'territory', op: 'lt', value: 500 } },
      clock: { from: 'discovery_year_end' },
      deadline: {
        unit: 'calendar_days',
        amount: 60,
        text: 'within 60 days after the end of the calendar year of discovery',
      },
      fields: [
        'nature_of_breach',
        'occurred_at',
        'discovered_at',
        'people_count',
        'data_categories',
        'measures_taken',
      ],
    },
    {
      kind: 'media_notice',
      delayable: true,
      phase: 'notification',
      recipient: 'prominent media outlets serving the State',
      when: { headcount: { scope: 'each_region', op: 'gt', value: 500 } },
      fanOut: 'region',
      clock: { from: 'discovery' },
      deadline: { unit: 'calendar_days', amount: 60, text: 'at the latest 60 calendar days after discovery' },
      fields: [...hipaaNoticeFields],
    },
  ],
  substituteNotice: [
    {
      anyOf: [{ metric: 'people_without_contact', op: 'gt', value: 0 }],
      allOf: [{ metric: 'people_without_contact', op: 'lt', value: 10 }],
      covers: 'people_without_contact',
      means: ['alternative written notice, telephone or other means'],
    },
    {
      anyOf: [{ metric: 'people_without_contact', op: 'gte', value: 10 }],
      covers: 'people_without_contact',
      means: [
        'conspicuous posting on the home page, or notice in major print or broadcast media where they likely live',
        'toll-free number active for at least 90 days',
      ],
      postingDays: 90,
    },
  ],
  source: {
    citation: '45 CFR 164.400-414 (HIPAA Breach Notification Rule)',
    url: 'https://www.hhs.gov/hipaa/for-professionals/breach-notification/index.html',
  },
  lastChecked: '2026-11-29',
};

export const usSec: RegimeInput = {
  id: 'us_sec_8k',
  name: 'SEC Form 8-K Item 1.05',
  applies: { attributes: { attribute: { name: 'listedCompany', equals: true } } },
  triggers: { judgement: { kind: 'materiality', equals: true } },
  obligations: [
    {
      kind: 'regulator_report',
      delayable: true,
      phase: 'notification',
      recipient: 'SEC (Form 8-K on EDGAR, public)',
      clock: { from: 'judgement', kind: 'materiality' },
      deadline: {
        unit: 'business_days',
        amount: 4,
        calendar: 'US',
        text: 'within four business days of determining the incident is material',
      },
      fields: ['reporting_entity', 'nature_of_breach', 'material_impact', 'occurred_at'],
      note: 'Materiality is determined without unreasonable delay after discovery; missing facts go in an 8-K/A within four business days of becoming known. The Attorney General may allow a delay for national security.',
    },
  ],
  source: {
    citation: '17 CFR 229.106 and Form 8-K Item 1.05 (Release 33-11216)',
    url: 'https://www.sec.gov/rules-regulations/2023/07/s7-09-22',
  },
  lastChecked: '2026-11-29',
};
