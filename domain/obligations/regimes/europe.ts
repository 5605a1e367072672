import type { RegimeInput } from '../rule.js';
import { awarenessClock } from './common.js';

/** EU member states plus the EEA states that apply the GDPR (Iceland, Liechtenstein, Norway). */
export const EEA_COUNTRIES = [
  'AT',
  'BE',
  'BG',
  'HR',
  'CY',
  'CZ',
  'DK',
  'EE',
  'FI',
  'FR',
  'DE',
  'GR',
  'HU',
  'IE',
  'IT',
  'LV',
  'LT',
  'LU',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SK',
  'SI',
  'ES',
  'SE',
  'IS',
  'LI',
  'NO',
];

const gdprReportFields = [
  'reporting_entity',
  'contact_point',
  'nature_of_breach',
  'occurred_at',
  'discovered_at',
  'aware_at',
  'data_categories',
  'people_count',
  'records_count',
  'people_by_jurisdiction',
  'likely_consequences',
  'measures_taken',
  'individuals_notified',
  'cross_border_impact',
] as const;

const gdprNoticeFields = [
  'nature_of_breach',
  'contact_point',
  'likely_consequences',
  'measures_taken',
  'what_you_can_do',
  'language_plain',
] as const;

const gdprRegisterFields = [
  'nature_of_breach',
  'occurred_at',
  'discovered_at',
  'data_categories',
  'people_count',
  'likely_consequences',
  'measures_taken',
  'decision_and_reasons',
] as const;

type ObligationInput = RegimeInput['obligations'][number];

function gdprRegulatorReport(authority: string): ObligationInput {
  return {
    kind: 'regulator_report',
    phase: 'notification',
    recipient: authority,
    // Art. 33(1): notify unless the breach is unlikely to result in a risk; someone must make that call.
    // A high-risk finding implies a risk and settles this too; a finding of no risk settles it the other way.
    when: {
      all: [
        { not: { judgement: { kind: 'risk', equals: false, ifMissing: 'true' } } },
        {
          any: [
            { judgement: { kind: 'risk', equals: true } },
            { judgement: { kind: 'high_risk', equals: true } },
          ],
        },
      ],
    },
    clock: awarenessClock,
    deadline: {
      unit: 'hours',
      amount: 72,
      text: 'without undue delay, at the latest 72 hours after awareness',
    },
    fields: [...gdprReportFields],
    fieldsIfLate: ['reasons_for_delay'],
    note: 'Art. 33(4): information not yet available may follow in phases without undue further delay.',
  };
}

const gdprIndividualNotice: ObligationInput = {
  kind: 'individual_notice',
  phase: 'notification',
  recipient: 'affected people',
  // Art. 34(3)(a): not needed when the data is unintelligible to anyone not authorised to see it.
  when: {
    all: [
      { judgement: { kind: 'high_risk', equals: true } },
      { attribute: { name: 'dataEncrypted', equals: false } },
    ],
  },
  clock: awarenessClock,
  deadline: { unit: 'none', text: 'without undue delay' },
  fields: [...gdprNoticeFields],
};

const gdprPublicNotice: ObligationInput = {
  kind: 'public_notice',
  phase: 'notification',
  recipient: 'the public (replaces individual notice)',
  when: {
    all: [
      { judgement: { kind: 'high_risk', equals: true } },
      { attribute: { name: 'dataEncrypted', equals: false } },
      { judgement: { kind: 'disproportionate_effort', equals: true, ifMissing: 'false' } },
    ],
  },
  clock: awarenessClock,
  deadline: { unit: 'none', text: 'without undue delay' },
  fields: [...gdprNoticeFields, 'check_if_affected'],
  note: 'Art. 34(3)(c): a public communication informing people equally effectively.',
};

const gdprRegister: ObligationInput = {
  kind: 'register_entry',
  phase: 'record',
  recipient: 'internal breach register (shown to the authority on request)',
  clock: { from: 'discovery' },
  deadline: { unit: 'none', text: 'for every breach, notified or not' },
  fields: [...gdprRegisterFields],
};

function gdprLike(
  id: string,
  name: string,
  countries: string[],
  label: string,
  authority: string,
): RegimeInput {
  return {
    id,
    name,
    applies: { people: { countries, label } },
    obligations: [gdprRegulatorReport(authority), gdprIndividualNotice, gdprPublicNotice, gdprRegister],
    substituteNotice: [
      {
        anyOf: [{ judgement: 'disproportionate_effort' }],
        covers: 'everyone',
        means: ['public communication (website, press) informing people in an equally effective manner'],
      },
    ],
    recordKeeping: 'Art. 33(5): document every breach, its effects and the remedial action.',
    source: {
      citation:
        id === 'uk_gdpr'
          ? 'UK GDPR Art. 33 and 34; ICO guidance on personal data breaches'
          : 'Regulation (EU) 2016/679 (GDPR) Art. 33 and 34',
      url:
        id === 'uk_gdpr'
          ? 'https://ico.org.uk/for-organisations/report-a-breach/personal-data-breach/'
          : 'https://eur-lex.europa.eu/eli/reg/2016/679/oj',
    },
    lastChecked: '2026-11-29',
  };
}

export const euGdpr = gdprLike(
  'eu_gdpr',
  'EU GDPR Art. 33/34',
  EEA_COUNTRIES,
  'EU/EEA',
  'lead supervisory authority',
);
export const ukGdpr = gdprLike(
  'uk_gdpr',
  'UK GDPR Art. 33/34',
  ['GB'],
  'GB',
  "Information Commissioner's Office (ICO)",
);

const nis2Significant = { judgement: { kind: 'significant_incident', equals: true } } as const;

export const euNis2: RegimeInput = {
  id: 'eu_nis2',
  name: 'EU NIS2 Art. 23',
  applies: { attributes: { attribute: { name: 'nis2Entity', in: ['essential', 'important'] } } },
  triggers: nis2Significant,
  obligations: [
    {
      kind: 'regulator_report',
      phase: 'early_warning',
      recipient: 'national CSIRT or competent authority',
      clock: awarenessClock,
      deadline: {
        unit: 'hours',
        amount: 24,
        text: 'within 24 hours of becoming aware of the significant incident',
      },
      fields: [
        'reporting_entity',
        'contact_point',
        'nature_of_breach',
        'suspected_malicious',
        'cross_border_impact',
      ],
    },
    {
      kind: 'regulator_report',
      phase: 'notification',
      recipient: 'national CSIRT or competent authority',
      clock: awarenessClock,
      deadline: {
        unit: 'hours',
        amount: 72,
        text: 'within 72 hours of becoming aware of the significant incident',
      },
      deadlineOverrides: [
        {
          when: { attribute: { name: 'trustServiceProvider', equals: true } },
          deadline: { unit: 'hours', amount: 24, text: 'trust service providers: within 24 hours' },
        },
      ],
      fields: [
        'reporting_entity',
        'contact_point',
        'nature_of_breach',
        'severity_and_impact',
        'indicators_of_compromise',
        'suspected_malicious',
        'cross_border_impact',
      ],
    },
    {
      kind: 'regulator_report',
      phase: 'final',
      recipient: 'national CSIRT or competent authority',
      // The law counts from the submission of the notification, which this service does not see; counting from
      // awareness is at most 72 hours early, never late.
      clock: awarenessClock,
      deadline: { unit: 'months', amount: 1, text: 'one month after the incident notification' },
      fields: [
        'nature_of_breach',
        'severity_and_impact',
        'root_cause',
        'mitigation_applied',
        'cross_border_impact',
      ],
      note: 'If the incident is still being handled then, send a progress report instead and the final report within one month of handling ending; intermediate reports on request.',
    },
    {
      kind: 'individual_notice',
      phase: 'notification',
      recipient: 'recipients of the service who are potentially affected',
      clock: awarenessClock,
      deadline: { unit: 'none', text: 'without undue delay' },
      fields: ['nature_of_breach', 'what_you_can_do', 'contact_point'],
      note: 'Art. 23(1)-(2): inform recipients of significant incidents likely to affect the service, and of measures they can take against a significant cyber threat.',
    },
  ],
  source: {
    citation:
      'Directive (EU) 2022/2555 (NIS2) Art. 23; Implementing Regulation (EU) 2024/2690 for trust services',
    url: 'https://eur-lex.europa.eu/eli/dir/2022/2555/oj',
  },
  lastChecked: '2026-11-29',
};
