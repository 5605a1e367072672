import type { RegimeInput } from '../rule.js';
import { NOTICE_FIELDS, REPORT_FIELDS, awarenessClock } from './common.js';

/**
 * The Philippines, Thailand, Indonesia, Vietnam and Malaysia. Checked 2026-12-08; `source.confirmedBy` says
 * whether a published text was found for the figures or they come from the author's reading, to verify.
 */

/** IRR s. 38(b): sensitive personal information, or information that could enable identity fraud. */
const phSensitive = [
  'health',
  'biometric',
  'national_id',
  'passport',
  'financial',
  'bank_account',
  'payment_card',
  'password',
] as const;

export const phDpa: RegimeInput = {
  id: 'ph_dpa',
  name: 'Philippines Data Privacy Act (NPC Circular 16-03)',
  applies: { people: { countries: ['PH'] } },
  triggers: {
    all: [
      { dataCategories: { anyOf: [...phSensitive] } },
      { judgement: { kind: 'serious_harm_likely', equals: true } },
    ],
  },
  obligations: [
    {
      kind: 'regulator_report',
      phase: 'notification',
      recipient: 'National Privacy Commission (NPC)',
      clock: awarenessClock,
      deadline: {
        unit: 'hours',
        amount: 72,
        text: 'within 72 hours upon knowledge of, or reasonable belief in, the breach',
      },
      fields: [...REPORT_FIELDS, 'occurred_at', 'aware_at', 'root_cause', 'individuals_notified'],
      fieldsIfLate: ['reasons_for_delay'],
    },
    {
      kind: 'individual_notice',
      phase: 'notification',
      recipient: 'affected data subjects',
      clock: awarenessClock,
      deadline: { unit: 'hours', amount: 72, text: 'within 72 hours upon knowledge of the breach' },
      fields: [...NOTICE_FIELDS],
      delayable: true,
      note: 'The NPC may allow a delay or exempt notice (for instance where it would hinder a criminal investigation).',
    },
  ],
  substituteNotice: [
    {
      anyOf: [
        { judgement: 'disproportionate_effort' },
        { metric: 'people_without_contact', op: 'gt', value: 0 },
      ],
      covers: 'people_without_contact',
      means: ['public information campaign or similar measure of comparable effect'],
    },
  ],
  recordKeeping: 'All security incidents and breaches are documented; an annual report goes to the NPC.',
  source: {
    citation: 'Data Privacy Act of 2012 s. 20(f); IRR Rule IX ss. 38-39; NPC Circular 16-03',
    url: 'https://privacy.gov.ph/memorandum-circulars/npc-circular-16-03-personal-data-breach-management/',
    confirmedBy: 'source',
  },
  lastChecked: '2026-12-08',
};

export const thPdpa: RegimeInput = {
  id: 'th_pdpa',
  name: 'Thailand PDPA s. 37(4)',
  applies: { people: { countries: ['TH'] } },
  obligations: [
    {
      kind: 'regulator_report',
      phase: 'notification',
      recipient: 'Office of the Personal Data Protection Committee (PDPC)',
      // s. 37(4): "unless the breach is unlikely to result in a risk to the rights and freedoms of persons".
      when: { judgement: { kind: 'risk', equals: true } },
      clock: awarenessClock,
      deadline: {
        unit: 'hours',
        amount: 72,
        text: 'without delay and, where feasible, within 72 hours of becoming aware',
      },
      fields: [...REPORT_FIELDS, 'aware_at'],
      fieldsIfLate: ['reasons_for_delay'],
    },
    {
      kind: 'individual_notice',
      phase: 'notification',
      recipient: 'affected data subjects',
      when: { judgement: { kind: 'high_risk', equals: true } },
      clock: awarenessClock,
      deadline: { unit: 'none', text: 'without delay, with the remedial measures' },
      fields: [...NOTICE_FIELDS],
    },
  ],
  source: {
    citation:
      'Personal Data Protection Act B.E. 2562 (2019) s. 37(4); PDPC Notification on breach notification (2022)',
    url: 'https://www.pdpc.or.th/',
    confirmedBy: 'source',
  },
  lastChecked: '2026-12-08',
};

export const idPdp: RegimeInput = {
  id: 'id_pdp',
  name: 'Indonesia PDP Law Art. 46',
  applies: { people: { countries: ['ID'] } },
  // Art. 74 and 76: the Law's obligations bind from 17 October 2024, two years after enactment.
  inForceFrom: '2024-10-17',
  obligations: [
    {
      kind: 'individual_notice',
      phase: 'notification',
      recipient: 'affected data subjects',
      clock: { from: 'discovery' },
      deadline: {
        unit: 'hours',
        amount: 72,
        text: 'in writing, at the latest 3 × 24 hours after the failure',
      },
      fields: ['what_information', 'what_happened', 'measures_taken'],
    },
    {
      kind: 'regulator_report',
      phase: 'notification',
      recipient: 'the PDP institution (lembaga)',
      clock: { from: 'discovery' },
      deadline: {
        unit: 'hours',
        amount: 72,
        text: 'in writing, at the latest 3 × 24 hours after the failure',
      },
      fields: ['data_categories', 'what_happened', 'measures_taken'],
    },
    {
      kind: 'public_notice',
      phase: 'notification',
      recipient: 'the public',
      when: { judgement: { kind: 'serious_public_impact', equals: true, ifMissing: 'false' } },
      clock: { from: 'discovery' },
      deadline: {
        unit: 'none',
        text: 'where the failure disrupts public services or seriously affects the public',
      },
      fields: ['what_information', 'what_happened', 'measures_taken'],
      note: 'Art. 46(3).',
    },
  ],
  source: {
    citation: 'Law No. 27 of 2022 on Personal Data Protection Art. 46',
    url: 'https://peraturan.bpk.go.id/Details/229798/uu-no-27-tahun-2022',
    confirmedBy: 'source',
  },
  lastChecked: '2026-12-08',
};

export const vnPdp: RegimeInput = {
  id: 'vn_pdp',
  name: 'Vietnam PDP Law 2025 / Decree 13/2023',
  applies: { people: { countries: ['VN'] } },
  obligations: [
    {
      kind: 'regulator_report',
      phase: 'notification',
      recipient:
        'Ministry of Public Security (Department of Cybersecurity and High-Tech Crime Prevention, A05)',
      clock: { from: 'discovery' },
      deadline: { unit: 'hours', amount: 72, text: 'within 72 hours of the violation being detected' },
      fields: [...REPORT_FIELDS, 'occurred_at', 'root_cause'],
      fieldsIfLate: ['reasons_for_delay'],
      note: 'Decree 13/2023 Art. 23 counted 72 hours from the violation; the Law on Personal Data Protection (from 1 January 2026) keeps 72 hours. Counted from discovery here: the moment of the violation is often unknown. Decree 356/2025/ND-CP details the Law; its breach procedure was not checked.',
    },
  ],
  source: {
    citation: 'Law on Personal Data Protection No. 91/2025/QH15; Decree 13/2023/ND-CP Art. 23',
    url: 'https://vanban.chinhphu.vn/',
    confirmedBy: 'source',
  },
  lastChecked: '2026-12-08',
};

export const myPdpa: RegimeInput = {
  id: 'my_pdpa',
  name: 'Malaysia PDPA s. 12B (as amended 2024)',
  applies: { people: { countries: ['MY'] } },
  // The duty came into force on 1 June 2025 with the Guideline on Data Breach Notification.
  inForceFrom: '2025-06-01',
  obligations: [
    {
      kind: 'regulator_report',
      phase: 'notification',
      recipient: 'Personal Data Protection Commissioner',
      // Guideline: significant harm, or a significant scale (more than 1,000 people). Its own definition of
      // significant harm, so a finding made for another regime does not settle it.
      when: {
        any: [
          { headcount: { scope: 'territory', op: 'gt', value: 1_000 } },
          { judgement: { kind: 'significant_harm', equals: true, own: true } },
        ],
      },
      clock: awarenessClock,
      deadline: {
        unit: 'hours',
        amount: 72,
        text: 'as soon as practicable, within 72 hours of being informed of the breach',
      },
      fields: [...REPORT_FIELDS, 'occurred_at', 'aware_at', 'root_cause'],
      fieldsIfLate: ['reasons_for_delay'],
    },
    {
      kind: 'individual_notice',
      phase: 'notification',
      recipient: 'affected data subjects',
      when: { judgement: { kind: 'significant_harm', equals: true, own: true } },
      clock: awarenessClock,
      deadline: {
        unit: 'calendar_days',
        amount: 10,
        text: 'without unnecessary delay, within 7 days of notifying the Commissioner',
        basis: 'guidance',
      },
      fields: [...NOTICE_FIELDS],
      note: 'Counted as 72 hours plus 7 days from awareness, the latest the Commissioner can have been notified in time.',
    },
  ],
  recordKeeping: 'A register of breaches, kept for at least two years.',
  source: {
    citation:
      'Personal Data Protection Act 2010 s. 12B (Amendment Act 2024); Guideline on Data Breach Notification (2025)',
    url: 'https://www.pdp.gov.my/',
    confirmedBy: 'source',
  },
  lastChecked: '2026-12-08',
};
