import type { RegimeInput } from '../rule.js';
import { awarenessClock } from './common.js';

export const auNdb: RegimeInput = {
  id: 'au_ndb',
  name: 'Australia Notifiable Data Breaches (Privacy Act Part IIIC)',
  applies: { people: { countries: ['AU'] } },
  triggers: { judgement: { kind: 'serious_harm_likely', equals: true } },
  obligations: [
    {
      kind: 'regulator_report',
      phase: 'notification',
      recipient: 'Office of the Australian Information Commissioner (OAIC)',
      clock: awarenessClock,
      deadline: {
        unit: 'none',
        text: 'as soon as practicable after becoming aware of an eligible data breach',
      },
      assessBy: {
        clock: awarenessClock,
        deadline: {
          unit: 'calendar_days',
          amount: 30,
          text: 'assessment of a suspected breach within 30 days',
        },
      },
      fields: ['reporting_entity', 'contact_point', 'nature_of_breach', 'data_categories', 'what_you_can_do'],
    },
    {
      kind: 'individual_notice',
      phase: 'notification',
      recipient: 'affected or at-risk individuals',
      clock: awarenessClock,
      deadline: { unit: 'none', text: 'as soon as practicable after the statement to the OAIC' },
      fields: ['reporting_entity', 'contact_point', 'nature_of_breach', 'data_categories', 'what_you_can_do'],
    },
    {
      kind: 'public_notice',
      phase: 'notification',
      recipient: 'the public (website statement, publicised)',
      when: { judgement: { kind: 'disproportionate_effort', equals: true, ifMissing: 'false' } },
      clock: awarenessClock,
      deadline: { unit: 'none', text: 'as soon as practicable' },
      fields: ['reporting_entity', 'contact_point', 'nature_of_breach', 'data_categories', 'what_you_can_do'],
      note: 's. 26WL(2)(c): when notifying individuals directly is not practicable.',
    },
  ],
  substituteNotice: [
    {
      anyOf: [{ judgement: 'disproportionate_effort' }],
      covers: 'everyone',
      means: ['publish the statement on the website', 'take reasonable steps to publicise it'],
    },
  ],
  source: {
    citation: 'Privacy Act 1988 (Cth) ss. 26WH, 26WK, 26WL',
    url: 'https://www.oaic.gov.au/privacy/notifiable-data-breaches',
  },
  lastChecked: '2026-11-29',
};

export const sgPdpa: RegimeInput = {
  id: 'sg_pdpa',
  name: 'Singapore PDPA Part 6A',
  applies: { people: { countries: ['SG'] } },
  triggers: {
    any: [
      { judgement: { kind: 'significant_harm', equals: true } },
      { headcount: { scope: 'territory', op: 'gte', value: 500 } },
    ],
  },
  obligations: [
    {
      kind: 'regulator_report',
      phase: 'notification',
      recipient: 'Personal Data Protection Commission (PDPC)',
      clock: { from: 'event', event: 'assessmentConcludedAt' },
      deadline: {
        unit: 'calendar_days',
        amount: 3,
        text: 'within 3 calendar days after assessing the breach as notifiable',
      },
      assessBy: {
        clock: awarenessClock,
        deadline: { unit: 'calendar_days', amount: 30, text: 'assessment within 30 days of becoming aware' },
      },
      fields: [
        'reporting_entity',
        'contact_point',
        'nature_of_breach',
        'occurred_at',
        'aware_at',
        'data_categories',
        'people_count',
        'likely_consequences',
        'measures_taken',
        'individuals_notified',
        'reasons_for_delay',
      ],
    },
    {
      kind: 'individual_notice',
      phase: 'notification',
      recipient: 'affected individuals',
      when: {
        all: [
          { judgement: { kind: 'significant_harm', equals: true } },
          { attribute: { name: 'dataEncrypted', equals: false } },
        ],
      },
      clock: { from: 'event', event: 'assessmentConcludedAt' },
      deadline: { unit: 'none', text: 'on or after notifying the PDPC, in any reasonable manner' },
      fields: [
        'what_happened',
        'what_information',
        'likely_consequences',
        'what_we_are_doing',
        'what_you_can_do',
        'contact_point',
      ],
    },
  ],
  source: {
    citation:
      'Personal Data Protection Act 2012 ss. 26A-26E; PDP (Notification of Data Breaches) Regulations 2021',
    url: 'https://sso.agc.gov.sg/Act/PDPA2012',
  },
  lastChecked: '2026-11-29',
};

export const jpAppi: RegimeInput = {
  id: 'jp_appi',
  name: 'Japan APPI Art. 26',
  applies: { people: { countries: ['JP'] } },
  // Enforcement Rules Art. 7: sensitive data, financial-damage risk, improper purpose, or more than 1,000 people.
  triggers: {
    any: [
      { dataCategories: { anyOf: ['health', 'biometric'] } },
      { dataCategories: { anyOf: ['payment_card', 'bank_account', 'financial', 'password'] } },
      { judgement: { kind: 'improper_purpose', equals: true, ifMissing: 'false' } },
      { headcount: { scope: 'territory', op: 'gt', value: 1_000 } },
    ],
  },
  obligations: [
    {
      kind: 'regulator_report',
      phase: 'preliminary',
      recipient: 'Personal Information Protection Commission (PPC)',
      clock: awarenessClock,
      deadline: {
        unit: 'calendar_days',
        amount: 3,
        text: 'promptly (PPC guidelines: about 3 to 5 days)',
        basis: 'guidance',
      },
      fields: [
        'nature_of_breach',
        'data_categories',
        'people_count',
        'root_cause',
        'measures_taken',
        'individuals_notified',
      ],
    },
    {
      kind: 'regulator_report',
      phase: 'final',
      recipient: 'Personal Information Protection Commission (PPC)',
      clock: awarenessClock,
      deadline: { unit: 'calendar_days', amount: 30, text: 'within 30 days of becoming aware' },
      deadlineOverrides: [
        {
          when: { judgement: { kind: 'improper_purpose', equals: true, ifMissing: 'false' } },
          deadline: { unit: 'calendar_days', amount: 60, text: 'improper purpose: within 60 days' },
        },
      ],
      fields: [
        'nature_of_breach',
        'data_categories',
        'people_count',
        'root_cause',
        'likely_consequences',
        'measures_taken',
        'individuals_notified',
        'decision_and_reasons',
      ],
    },
    {
      kind: 'individual_notice',
      phase: 'notification',
      recipient: 'affected individuals',
      clock: awarenessClock,
      deadline: { unit: 'none', text: 'promptly, according to the situation' },
      fields: ['nature_of_breach', 'data_categories', 'root_cause', 'likely_consequences', 'what_you_can_do'],
    },
    {
      kind: 'public_notice',
      phase: 'notification',
      recipient: 'the public (alternative measure)',
      when: { judgement: { kind: 'disproportionate_effort', equals: true, ifMissing: 'false' } },
      clock: awarenessClock,
      deadline: { unit: 'none', text: 'promptly' },
      fields: ['nature_of_breach', 'data_categories', 'what_you_can_do', 'check_if_affected'],
      note: 'Art. 26(2) proviso: alternative measures when notifying the person is difficult.',
    },
  ],
  substituteNotice: [
    {
      anyOf: [
        { judgement: 'disproportionate_effort' },
        { metric: 'people_without_contact', op: 'gt', value: 0 },
      ],
      covers: 'people_without_contact',
      means: ['public announcement', 'a contact point where people can ask whether they were affected'],
    },
  ],
  source: {
    citation:
      'Act on the Protection of Personal Information Art. 26; Enforcement Rules Art. 7-10; PPC guidelines',
    url: 'https://www.ppc.go.jp/personalinfo/legal/leakAction/',
  },
  lastChecked: '2026-11-29',
};

export const inDpdp: RegimeInput = {
  id: 'in_dpdp',
  name: 'India DPDP Rules 2025, Rule 7',
  applies: { people: { countries: ['IN'] } },
  // Rule 1(3): Rule 7 commences eighteen months after the Rules were published (13 November 2025).
  inForceFrom: '2027-05-13',
  obligations: [
    {
      kind: 'regulator_report',
      phase: 'initial',
      recipient: 'Data Protection Board of India',
      clock: awarenessClock,
      deadline: { unit: 'none', text: 'without delay' },
      fields: ['nature_of_breach', 'occurred_at', 'people_count', 'likely_consequences'],
    },
    {
      kind: 'regulator_report',
      phase: 'detailed',
      recipient: 'Data Protection Board of India',
      clock: awarenessClock,
      deadline: { unit: 'hours', amount: 72, text: 'within 72 hours of becoming aware' },
      fields: [
        'nature_of_breach',
        'occurred_at',
        'people_count',
        'likely_consequences',
        'root_cause',
        'measures_taken',
        'suspected_malicious',
        'individuals_notified',
      ],
    },
    {
      kind: 'individual_notice',
      phase: 'notification',
      recipient: 'affected Data Principals',
      clock: awarenessClock,
      deadline: { unit: 'none', text: 'without delay' },
      fields: [
        'what_happened',
        'likely_consequences',
        'what_we_are_doing',
        'what_you_can_do',
        'contact_point',
        'language_plain',
      ],
    },
  ],
  source: {
    citation: 'Digital Personal Data Protection Rules, 2025, Rule 7 (G.S.R. 846(E))',
    url: 'https://www.meity.gov.in/',
  },
  lastChecked: '2026-11-29',
};
