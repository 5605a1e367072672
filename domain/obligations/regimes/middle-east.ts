import type { RegimeInput } from '../rule.js';
import { NOTICE_FIELDS, REPORT_FIELDS, awarenessClock } from './common.js';

/**
 * Switzerland, Türkiye, Saudi Arabia, the UAE and Israel. Checked 2026-12-08; `source.confirmedBy` says whether
 * a published text was found for the figures or they come from the author's reading, to verify.
 */

export const chFadp: RegimeInput = {
  id: 'ch_fadp',
  name: 'Switzerland nFADP Art. 24',
  applies: { people: { countries: ['CH'] } },
  inForceFrom: '2023-09-01',
  obligations: [
    {
      kind: 'regulator_report',
      phase: 'notification',
      recipient: 'Federal Data Protection and Information Commissioner (FDPIC)',
      when: { judgement: { kind: 'high_risk', equals: true } },
      clock: awarenessClock,
      deadline: { unit: 'none', text: 'as soon as possible' },
      fields: [...REPORT_FIELDS, 'occurred_at'],
    },
    {
      kind: 'individual_notice',
      phase: 'notification',
      recipient: 'affected data subjects',
      when: { judgement: { kind: 'protection_needs_notice', equals: true } },
      clock: awarenessClock,
      deadline: { unit: 'none', text: 'when necessary for their protection or when the FDPIC requests it' },
      fields: ['nature_of_breach', 'likely_consequences', 'measures_taken', 'what_you_can_do'],
      note: 'Art. 24(5): notice may be restricted, deferred or waived where it is impossible, needs disproportionate effort, or a public announcement informs people equally.',
    },
  ],
  substituteNotice: [
    {
      anyOf: [{ judgement: 'disproportionate_effort' }],
      covers: 'everyone',
      means: ['public announcement informing the people concerned in a comparable way'],
    },
  ],
  source: {
    citation: 'Federal Act on Data Protection (FADP) Art. 24; Data Protection Ordinance Art. 15',
    url: 'https://www.fedlex.admin.ch/eli/cc/2022/491/en',
    confirmedBy: 'source',
  },
  lastChecked: '2026-12-08',
};

export const trKvkk: RegimeInput = {
  id: 'tr_kvkk',
  name: 'Türkiye KVKK Art. 12(5)',
  applies: { people: { countries: ['TR'] } },
  obligations: [
    {
      kind: 'regulator_report',
      phase: 'notification',
      recipient: 'Personal Data Protection Board (KVKK)',
      clock: awarenessClock,
      deadline: {
        unit: 'hours',
        amount: 72,
        text: 'as soon as possible; Board Decision 2019/10: within 72 hours of learning of the breach',
        basis: 'guidance',
      },
      fields: [...REPORT_FIELDS, 'occurred_at', 'aware_at'],
      fieldsIfLate: ['reasons_for_delay'],
    },
    {
      kind: 'individual_notice',
      phase: 'notification',
      recipient: 'affected data subjects',
      clock: awarenessClock,
      deadline: { unit: 'none', text: 'within the shortest reasonable time after identifying the people' },
      fields: [...NOTICE_FIELDS],
    },
  ],
  source: {
    citation:
      'Law No. 6698 on the Protection of Personal Data Art. 12(5); Board Decision 2019/10 (24 January 2019)',
    url: 'https://www.kvkk.gov.tr/',
    confirmedBy: 'source',
  },
  lastChecked: '2026-12-08',
};

export const saPdpl: RegimeInput = {
  id: 'sa_pdpl',
  name: 'Saudi Arabia PDPL Art. 20',
  applies: { people: { countries: ['SA'] } },
  inForceFrom: '2023-09-14',
  obligations: [
    {
      kind: 'regulator_report',
      phase: 'notification',
      recipient: 'Saudi Data and AI Authority (SDAIA)',
      when: { judgement: { kind: 'risk', equals: true } },
      clock: awarenessClock,
      deadline: {
        unit: 'hours',
        amount: 72,
        text: 'within 72 hours of becoming aware, where it may harm the data or the data subjects',
      },
      fields: [...REPORT_FIELDS, 'occurred_at'],
      fieldsIfLate: ['reasons_for_delay'],
    },
    {
      kind: 'individual_notice',
      phase: 'notification',
      recipient: 'affected data subjects',
      when: { judgement: { kind: 'high_risk', equals: true } },
      clock: awarenessClock,
      deadline: { unit: 'none', text: 'without undue delay, where the breach may cause them damage' },
      fields: [...NOTICE_FIELDS],
    },
  ],
  source: {
    citation: 'Personal Data Protection Law (Royal Decree M/19) Art. 20; Implementing Regulation Art. 24',
    url: 'https://sdaia.gov.sa/en/SDAIA/about/Documents/Personal%20Data%20English%20V2-23April2023-%20Reviewed-.pdf',
    confirmedBy: 'source',
  },
  lastChecked: '2026-12-08',
};

export const aePdpl: RegimeInput = {
  id: 'ae_pdpl',
  name: 'UAE PDPL Art. 9',
  applies: { people: { countries: ['AE'] } },
  obligations: [
    {
      kind: 'regulator_report',
      phase: 'notification',
      recipient: 'UAE Data Office',
      clock: awarenessClock,
      deadline: {
        unit: 'none',
        text: 'immediately upon becoming aware of a breach that prejudices privacy or security',
      },
      fields: [...REPORT_FIELDS, 'root_cause'],
      note: 'The Executive Regulations that would set a period were not issued when checked, and controllers must comply six months after they are: the duty may not bind yet. DIFC and ADGM have laws of their own, not covered here.',
    },
    {
      kind: 'individual_notice',
      phase: 'notification',
      recipient: 'affected data subjects',
      when: { judgement: { kind: 'risk', equals: true } },
      clock: awarenessClock,
      deadline: {
        unit: 'none',
        text: 'where the breach may prejudice their privacy, confidentiality or security',
      },
      fields: [...NOTICE_FIELDS],
    },
  ],
  source: {
    citation: 'Federal Decree-Law No. 45 of 2021 on the Protection of Personal Data Art. 9',
    url: 'https://uaelegislation.gov.ae/en/legislations/1972',
    confirmedBy: 'source',
  },
  lastChecked: '2026-12-08',
};

export const ilPrivacy: RegimeInput = {
  id: 'il_privacy',
  name: 'Israel Protection of Privacy (Data Security) Regulations',
  applies: { people: { countries: ['IL'] } },
  triggers: { judgement: { kind: 'severe_security_incident', equals: true } },
  obligations: [
    {
      kind: 'regulator_report',
      phase: 'notification',
      recipient: 'Privacy Protection Authority (Registrar of Databases)',
      clock: awarenessClock,
      deadline: { unit: 'none', text: 'immediately upon a severe security incident' },
      fields: [...REPORT_FIELDS, 'root_cause'],
      note: 'Reg. 11(c): people are told only when the Registrar, after consulting the head of the National Cyber Directorate, orders it.',
    },
  ],
  source: {
    citation: 'Protection of Privacy (Data Security) Regulations 5777-2017 Reg. 11',
    url: 'https://www.gov.il/en/departments/the_privacy_protection_authority',
    confirmedBy: 'source',
  },
  lastChecked: '2026-12-08',
};
