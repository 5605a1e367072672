import type { RegimeInput } from '../rule.js';
import { REPORT_FIELDS, awarenessClock } from './common.js';

/**
 * Mexico, Argentina, Colombia and Chile. Checked 2026-12-08; `source.confirmedBy` says whether a published text
 * was found for the figures or they come from the author's reading, to verify.
 */

const noticeFields = [
  'what_happened',
  'what_information',
  'what_we_are_doing',
  'what_you_can_do',
  'contact_point',
] as const;

export const mxLfpdppp: RegimeInput = {
  id: 'mx_lfpdppp',
  name: 'Mexico LFPDPPP 2025 (breach notice to data subjects)',
  applies: { people: { countries: ['MX'] } },
  obligations: [
    {
      kind: 'individual_notice',
      phase: 'notification',
      recipient: 'affected data subjects',
      // Mexico's own test (significant effect on property or moral rights): a general finding does not settle it.
      when: { judgement: { kind: 'significant_harm', equals: true, own: true } },
      clock: awarenessClock,
      deadline: { unit: 'none', text: 'immediately once confirmed, so people can protect their rights' },
      fields: [...noticeFields],
      note: 'The law sets no report to an authority; the Secretaría Anticorrupción y Buen Gobierno oversees it.',
    },
  ],
  source: {
    citation:
      'Ley Federal de Protección de Datos Personales en Posesión de los Particulares (DOF 20 March 2025), security-breach provisions',
    url: 'https://www.diputados.gob.mx/LeyesBiblio/ref/lfpdppp.htm',
    confirmedBy: 'knowledge',
  },
  lastChecked: '2026-12-08',
};

export const arPdpa: RegimeInput = {
  id: 'ar_pdpa',
  name: 'Argentina Law 25.326 (voluntary notice)',
  applies: { people: { countries: ['AR'] } },
  obligations: [
    {
      kind: 'register_entry',
      phase: 'record',
      recipient: 'internal incident record (AAIP recommended measures)',
      clock: { from: 'discovery' },
      deadline: { unit: 'none', text: 'recommended: the law sets no breach notice duty or deadline' },
      fields: [
        'nature_of_breach',
        'occurred_at',
        'data_categories',
        'people_count',
        'measures_taken',
        'decision_and_reasons',
      ],
      note: 'Voluntary: Law 25.326 has no mandatory breach notification; AAIP Resolution 47/2018 recommends recording incidents and informing the people concerned.',
    },
  ],
  source: {
    citation: 'Law 25.326 on Personal Data Protection Art. 9; AAIP Resolution 47/2018',
    url: 'https://www.argentina.gob.ar/aaip/datospersonales',
    confirmedBy: 'source',
  },
  lastChecked: '2026-12-08',
};

export const coHabeasData: RegimeInput = {
  id: 'co_habeas_data',
  name: 'Colombia Law 1581 of 2012 (SIC incident report)',
  applies: { people: { countries: ['CO'] } },
  obligations: [
    {
      kind: 'regulator_report',
      phase: 'notification',
      recipient: 'Superintendencia de Industria y Comercio (SIC), through the RNBD',
      clock: { from: 'discovery' },
      deadline: {
        unit: 'business_days',
        amount: 15,
        calendar: 'CO',
        text: 'within 15 business days of detecting the incident',
      },
      fields: [...REPORT_FIELDS],
      note: 'Law 1581 Arts. 17(n) and 18(k) require reporting security violations; the SIC Circular Única Title V sets the 15 business days.',
    },
  ],
  source: {
    citation: 'Law 1581 of 2012 Arts. 17(n), 18(k); SIC Circular Única Title V',
    url: 'https://www.sic.gov.co/tema/proteccion-de-datos-personales',
    confirmedBy: 'source',
  },
  lastChecked: '2026-12-08',
};

/** Art. 14 sexies: notice to people when the breach concerns these. */
const clSensitive = ['health', 'biometric', 'children', 'financial', 'bank_account', 'payment_card'] as const;

export const clLaw21719: RegimeInput = {
  id: 'cl_law_21719',
  name: 'Chile Law 21.719 Art. 14 sexies',
  applies: { people: { countries: ['CL'] } },
  inForceFrom: '2026-12-01',
  obligations: [
    {
      kind: 'regulator_report',
      phase: 'notification',
      recipient: 'Agencia de Protección de Datos Personales',
      when: { judgement: { kind: 'risk', equals: true } },
      clock: awarenessClock,
      deadline: { unit: 'none', text: 'by the most expeditious means possible and without undue delay' },
      fields: [...REPORT_FIELDS],
    },
    {
      kind: 'individual_notice',
      phase: 'notification',
      recipient: 'affected data subjects',
      when: { dataCategories: { anyOf: [...clSensitive] } },
      clock: awarenessClock,
      deadline: { unit: 'none', text: 'without undue delay, in clear and simple language' },
      fields: [...noticeFields, 'language_plain'],
    },
  ],
  substituteNotice: [
    {
      anyOf: [{ judgement: 'disproportionate_effort' }],
      covers: 'everyone',
      means: ['mass communication (notice in a national newspaper or similar means)'],
    },
  ],
  source: {
    citation: 'Law 21.719 amending Law 19.628, Art. 14 sexies (in force 1 December 2026)',
    url: 'https://www.bcn.cl/leychile/navegar?idNorma=1209272',
    confirmedBy: 'knowledge',
  },
  lastChecked: '2026-12-08',
};
