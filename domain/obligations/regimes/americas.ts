import type { RegimeInput } from '../rule.js';
import { awarenessClock } from './common.js';

export const caPipeda: RegimeInput = {
  id: 'ca_pipeda',
  name: 'Canada PIPEDA s. 10.1',
  applies: { people: { countries: ['CA'] } },
  obligations: [
    {
      kind: 'regulator_report',
      phase: 'notification',
      recipient: 'Office of the Privacy Commissioner of Canada',
      when: { judgement: { kind: 'real_risk_significant_harm', equals: true } },
      clock: awarenessClock,
      deadline: { unit: 'none', text: 'as soon as feasible after determining the breach occurred' },
      fields: [
        'nature_of_breach',
        'occurred_at',
        'data_categories',
        'people_count',
        'measures_taken',
        'individuals_notified',
        'contact_point',
      ],
      note: 'New information may be submitted after the initial report.',
    },
    {
      kind: 'individual_notice',
      phase: 'notification',
      recipient: 'affected individuals',
      when: { judgement: { kind: 'real_risk_significant_harm', equals: true } },
      clock: awarenessClock,
      deadline: { unit: 'none', text: 'as soon as feasible' },
      fields: [
        'what_happened',
        'occurred_at',
        'what_information',
        'what_we_are_doing',
        'what_you_can_do',
        'contact_point',
        'right_to_complain',
      ],
    },
    {
      kind: 'register_entry',
      phase: 'record',
      recipient: 'internal breach record (kept 24 months)',
      clock: { from: 'discovery' },
      deadline: { unit: 'none', text: 'for every breach of security safeguards' },
      fields: ['nature_of_breach', 'occurred_at', 'data_categories', 'people_count', 'decision_and_reasons'],
    },
  ],
  substituteNotice: [
    {
      anyOf: [
        { judgement: 'disproportionate_effort' },
        { metric: 'people_without_contact', op: 'gt', value: 0 },
      ],
      covers: 'people_without_contact',
      means: ['public communication or similar measure reasonably expected to reach the people'],
      note: 'Breach of Security Safeguards Regulations s. 5: indirect notice when direct notice would cause further harm, undue hardship, or contact information is missing.',
    },
  ],
  recordKeeping: 'Every breach of security safeguards is recorded and kept for 24 months.',
  source: {
    citation: 'PIPEDA s. 10.1-10.3; Breach of Security Safeguards Regulations SOR/2018-64',
    url: 'https://www.priv.gc.ca/en/privacy-topics/business-privacy/breaches-and-safeguards/privacy-breaches-at-your-business/gd_pb_201810/',
  },
  lastChecked: '2026-11-29',
};

/** ANPD Res. 15/2024 Art. 5: incidents that involve at least one of these are candidates for notice. */
const lgpdSensitive = [
  'health',
  'biometric',
  'children',
  'financial',
  'bank_account',
  'payment_card',
  'password',
  'national_id',
] as const;

const lgpdReportFields = [
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
] as const;

/** Notice is due when the incident may cause relevant risk and meets an Art. 5 criterion; the register is not. */
const lgpdNotifiable = {
  all: [
    { judgement: { kind: 'relevant_risk', equals: true } },
    {
      any: [
        { dataCategories: { anyOf: [...lgpdSensitive] } },
        { judgement: { kind: 'large_scale', equals: true, ifMissing: 'false' } },
      ],
    },
  ],
} as const;

export const brLgpd: RegimeInput = {
  id: 'br_lgpd',
  name: 'Brazil LGPD Art. 48 (ANPD Res. 15/2024)',
  applies: { people: { countries: ['BR'] } },
  obligations: [
    {
      kind: 'regulator_report',
      phase: 'notification',
      recipient: 'Autoridade Nacional de Proteção de Dados (ANPD)',
      when: lgpdNotifiable,
      clock: awarenessClock,
      deadline: {
        unit: 'business_days',
        amount: 3,
        calendar: 'BR',
        text: 'within 3 business days of knowledge',
      },
      fields: [...lgpdReportFields],
    },
    {
      kind: 'regulator_report',
      phase: 'supplementary',
      recipient: 'Autoridade Nacional de Proteção de Dados (ANPD)',
      when: lgpdNotifiable,
      clock: awarenessClock,
      deadline: {
        unit: 'business_days',
        amount: 20,
        calendar: 'BR',
        text: 'supplement within 20 business days of the notification',
      },
      fields: [...lgpdReportFields, 'root_cause'],
      note: 'Counted from knowledge, not from the notification, so it is never later than the law.',
    },
    {
      kind: 'individual_notice',
      phase: 'notification',
      recipient: 'affected data subjects',
      when: lgpdNotifiable,
      clock: awarenessClock,
      deadline: {
        unit: 'business_days',
        amount: 3,
        calendar: 'BR',
        text: 'within 3 business days of knowledge',
      },
      fields: [
        'what_happened',
        'what_information',
        'likely_consequences',
        'what_we_are_doing',
        'what_you_can_do',
        'contact_point',
        'language_plain',
      ],
    },
    {
      kind: 'public_notice',
      phase: 'notification',
      recipient: 'the public (website, apps, social media)',
      when: {
        all: [
          lgpdNotifiable,
          { judgement: { kind: 'disproportionate_effort', equals: true, ifMissing: 'false' } },
        ],
      },
      clock: awarenessClock,
      deadline: {
        unit: 'business_days',
        amount: 3,
        calendar: 'BR',
        text: 'within 3 business days, posted at least 90 days',
      },
      fields: [
        'what_happened',
        'what_information',
        'likely_consequences',
        'what_we_are_doing',
        'what_you_can_do',
        'contact_point',
        'posting_period',
      ],
    },
    {
      kind: 'register_entry',
      phase: 'record',
      recipient: 'internal incident register (kept 5 years)',
      clock: { from: 'discovery' },
      deadline: { unit: 'none', text: 'for every incident, notified or not' },
      fields: [
        'nature_of_breach',
        'occurred_at',
        'data_categories',
        'people_count',
        'likely_consequences',
        'measures_taken',
        'decision_and_reasons',
      ],
    },
  ],
  substituteNotice: [
    {
      anyOf: [
        { judgement: 'disproportionate_effort' },
        { metric: 'people_without_contact', op: 'gt', value: 0 },
      ],
      covers: 'people_without_contact',
      means: ['notice on the website, apps and social media'],
      postingDays: 90,
    },
  ],
  recordKeeping: 'Res. 15/2024 Art. 10: a register of every incident, kept at least 5 years.',
  source: {
    citation: 'Lei 13.709/2018 (LGPD) Art. 48; ANPD Resolução CD/ANPD nº 15/2024',
    url: 'https://www.gov.br/anpd/pt-br/canais_atendimento/agente-de-tratamento/comunicado-de-incidente-de-seguranca-cis',
  },
  lastChecked: '2026-11-29',
};
