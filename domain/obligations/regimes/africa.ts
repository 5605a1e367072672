import type { RegimeInput } from '../rule.js';
import { NOTICE_FIELDS, REPORT_FIELDS, awarenessClock } from './common.js';

/**
 * South Africa, Kenya and Nigeria. Checked 2026-12-08; `source.confirmedBy` says whether a published text was
 * found for the figures or they come from the author's reading, to verify.
 */

export const zaPopia: RegimeInput = {
  id: 'za_popia',
  name: 'South Africa POPIA s. 22',
  applies: { people: { countries: ['ZA'] } },
  // s. 22(1): reasonable grounds to believe the information was accessed or acquired by an unauthorised person;
  // no harm threshold.
  obligations: [
    {
      kind: 'regulator_report',
      phase: 'notification',
      recipient: 'Information Regulator',
      clock: { from: 'discovery' },
      deadline: { unit: 'none', text: 'as soon as reasonably possible after discovery' },
      fields: [...REPORT_FIELDS],
    },
    {
      kind: 'individual_notice',
      phase: 'notification',
      recipient: 'affected data subjects',
      clock: { from: 'discovery' },
      deadline: { unit: 'none', text: 'as soon as reasonably possible after discovery, in writing' },
      fields: [
        'what_happened',
        'likely_consequences',
        'what_we_are_doing',
        'what_you_can_do',
        'contact_point',
      ],
      delayable: true,
      note: 's. 22(3): delayed only where a public body responsible for investigating offences, or the Regulator, finds notice would impede a criminal investigation.',
    },
  ],
  substituteNotice: [
    {
      anyOf: [{ metric: 'people_without_contact', op: 'gt', value: 0 }],
      covers: 'people_without_contact',
      means: ['prominent website posting', 'publication in the news media'],
      note: 's. 22(4)(d): where the identity of the data subject cannot be established.',
    },
  ],
  source: {
    citation: 'Protection of Personal Information Act 4 of 2013 s. 22',
    url: 'https://inforegulator.org.za/',
    confirmedBy: 'source',
  },
  lastChecked: '2026-12-08',
};

export const keDpa: RegimeInput = {
  id: 'ke_dpa',
  name: 'Kenya Data Protection Act 2019 s. 43',
  applies: { people: { countries: ['KE'] } },
  triggers: { judgement: { kind: 'real_risk_of_harm', equals: true } },
  obligations: [
    {
      kind: 'regulator_report',
      phase: 'notification',
      recipient: 'Office of the Data Protection Commissioner (ODPC)',
      clock: awarenessClock,
      deadline: { unit: 'hours', amount: 72, text: 'without delay, within 72 hours of becoming aware' },
      fields: [...REPORT_FIELDS, 'aware_at'],
      fieldsIfLate: ['reasons_for_delay'],
    },
    {
      kind: 'individual_notice',
      phase: 'notification',
      recipient: 'affected data subjects',
      // s. 43(1)(b): not where appropriate safeguards such as encryption were in place.
      when: { attribute: { name: 'dataEncrypted', equals: false } },
      clock: awarenessClock,
      deadline: { unit: 'none', text: 'in writing within a reasonably practical period' },
      fields: [...NOTICE_FIELDS],
      delayable: true,
      note: 's. 43(1)(b): not where the identity of the data subject cannot be established. s. 43(3): delay where necessary and proportionate for the prevention, detection or investigation of an offence.',
    },
  ],
  recordKeeping: 'The facts of the breach, its effects and the remedial action taken (s. 43(6)).',
  source: {
    citation: 'Data Protection Act No. 24 of 2019 s. 43; Data Protection (General) Regulations 2021 Part VI',
    url: 'https://www.odpc.go.ke/',
    confirmedBy: 'source',
  },
  lastChecked: '2026-12-08',
};

export const ngNdpa: RegimeInput = {
  id: 'ng_ndpa',
  name: 'Nigeria Data Protection Act 2023 s. 40',
  applies: { people: { countries: ['NG'] } },
  inForceFrom: '2023-06-12',
  obligations: [
    {
      kind: 'regulator_report',
      phase: 'notification',
      recipient: 'Nigeria Data Protection Commission (NDPC)',
      when: { judgement: { kind: 'risk', equals: true } },
      clock: awarenessClock,
      deadline: { unit: 'hours', amount: 72, text: 'within 72 hours of becoming aware' },
      fields: [...REPORT_FIELDS, 'aware_at'],
      fieldsIfLate: ['reasons_for_delay'],
    },
    {
      kind: 'individual_notice',
      phase: 'notification',
      recipient: 'affected data subjects',
      when: { judgement: { kind: 'high_risk', equals: true } },
      clock: awarenessClock,
      deadline: { unit: 'none', text: 'immediately, in plain and clear language' },
      fields: [...NOTICE_FIELDS, 'language_plain'],
    },
  ],
  substituteNotice: [
    {
      anyOf: [{ judgement: 'disproportionate_effort' }],
      covers: 'everyone',
      means: ['public communication in which the people are informed in an equally effective manner'],
      note: 's. 40(3): a public communication in widely used media where direct communication needs disproportionate effort or expense.',
    },
  ],
  source: {
    citation: 'Nigeria Data Protection Act 2023 s. 40',
    url: 'https://ndpc.gov.ng/',
    confirmedBy: 'source',
  },
  lastChecked: '2026-12-08',
};
