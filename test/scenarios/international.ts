// Dated scenarios for the international regimes, checked through the API by test/rules-intl-scenarios.test.ts.
// Dates are fixed in the past, so a deadline already passed always reads `overdue`; `dueAt: null` is a duty the
// law gives no fixed period.
import type { DataCategory, IncidentAttributes } from '../../domain/incident.js';

export interface ScenarioJudgement {
  kind: string;
  value: boolean;
  regime?: string;
  effectiveAt?: string;
}

export interface ExpectedObligation {
  status: string;
  dueAt?: string | null;
  /** Kinds that must be among `judgementsNeeded`. */
  needs?: string[];
}

export interface IntlScenario {
  name: string;
  discoveredAt: string;
  dataCategories: DataCategory[];
  attributes?: Partial<IncidentAttributes>;
  /** Country → people affected there. */
  people: Record<string, number>;
  judgements?: ScenarioJudgement[];
  expect: Record<string, ExpectedObligation>;
  /** Entries of `obligationSummary.judgementsBlocking` that must be present. */
  blocking?: { kind: string; regimes: string[]; needsOwnFinding: string[] }[];
}

const yes = (kind: string, extra: Partial<ScenarioJudgement> = {}) => ({ kind, value: true, ...extra });
const no = (kind: string, extra: Partial<ScenarioJudgement> = {}) => ({ kind, value: false, ...extra });

export const INTERNATIONAL_SCENARIOS: IntlScenario[] = [
  {
    name: 'Korea: a hacked shop, five customers',
    discoveredAt: '2026-11-03T01:00:00Z',
    dataCategories: ['email'],
    people: { KR: 5 },
    judgements: [yes('external_access')],
    expect: {
      'kr_pipa.individual_notice.notification': { status: 'overdue', dueAt: '2026-11-06T01:00:00.000Z' },
      'kr_pipa.regulator_report.notification': { status: 'overdue', dueAt: '2026-11-06T01:00:00.000Z' },
    },
  },
  {
    name: 'Korea: a small leak of ordinary data waits for the outside-attack finding',
    discoveredAt: '2026-11-04T02:00:00Z',
    dataCategories: ['email', 'name'],
    people: { KR: 5 },
    expect: {
      'kr_pipa.regulator_report.notification': {
        status: 'overdue',
        dueAt: '2026-11-07T02:00:00.000Z',
        needs: ['external_access'],
      },
    },
    blocking: [{ kind: 'external_access', regimes: ['kr_pipa'], needsOwnFinding: [] }],
  },
  {
    name: 'Korea: resident numbers leaked, then retrieved and deleted',
    discoveredAt: '2026-10-20T03:00:00Z',
    dataCategories: ['national_id'],
    people: { KR: 8 },
    judgements: [yes('harm_avoided')],
    expect: {
      'kr_pipa.regulator_report.notification': { status: 'not_required', dueAt: null },
      'kr_pipa.individual_notice.notification': { status: 'overdue', dueAt: '2026-10-23T03:00:00.000Z' },
    },
  },
  {
    name: 'Philippines: health records with a real risk of serious harm',
    discoveredAt: '2026-10-12T00:00:00Z',
    dataCategories: ['health'],
    people: { PH: 6 },
    judgements: [yes('serious_harm_likely')],
    expect: {
      'ph_dpa.regulator_report.notification': { status: 'overdue', dueAt: '2026-10-15T00:00:00.000Z' },
      'ph_dpa.individual_notice.notification': { status: 'overdue', dueAt: '2026-10-15T00:00:00.000Z' },
    },
  },
  {
    name: 'Philippines: email addresses only are not notifiable',
    discoveredAt: '2026-10-13T00:00:00Z',
    dataCategories: ['email'],
    people: { PH: 6 },
    judgements: [yes('serious_harm_likely')],
    expect: {
      'ph_dpa.regulator_report.notification': { status: 'not_required', dueAt: null },
      'ph_dpa.individual_notice.notification': { status: 'not_required', dueAt: null },
    },
  },
  {
    name: 'Philippines: passports, notice to people held for the police',
    discoveredAt: '2026-10-14T00:00:00Z',
    dataCategories: ['passport'],
    people: { PH: 4 },
    judgements: [yes('serious_harm_likely'), yes('law_enforcement_delay')],
    expect: {
      'ph_dpa.individual_notice.notification': { status: 'waiting_for_event' },
      'ph_dpa.regulator_report.notification': { status: 'overdue', dueAt: '2026-10-17T00:00:00.000Z' },
    },
  },
  {
    name: 'Thailand: a general risk and high-risk finding',
    discoveredAt: '2026-09-07T03:00:00Z',
    dataCategories: ['email', 'phone'],
    people: { TH: 5 },
    judgements: [yes('risk'), yes('high_risk')],
    expect: {
      'th_pdpa.regulator_report.notification': { status: 'overdue', dueAt: '2026-09-10T03:00:00.000Z' },
      'th_pdpa.individual_notice.notification': { status: 'due', dueAt: null },
    },
  },
  {
    name: 'Thailand: unlikely to result in a risk',
    discoveredAt: '2026-09-08T03:00:00Z',
    dataCategories: ['email'],
    people: { TH: 5 },
    judgements: [no('risk')],
    expect: {
      'th_pdpa.regulator_report.notification': { status: 'not_required', dueAt: null },
      'th_pdpa.individual_notice.notification': {
        status: 'needs_judgement',
        dueAt: null,
        needs: ['high_risk'],
      },
    },
  },
  {
    name: 'Indonesia: every failure is told within 3 × 24 hours',
    discoveredAt: '2026-08-17T05:00:00Z',
    dataCategories: ['email', 'name'],
    people: { ID: 7 },
    expect: {
      'id_pdp.individual_notice.notification': { status: 'overdue', dueAt: '2026-08-20T05:00:00.000Z' },
      'id_pdp.regulator_report.notification': { status: 'overdue', dueAt: '2026-08-20T05:00:00.000Z' },
      'id_pdp.public_notice.notification': { status: 'not_required', dueAt: null },
    },
  },
  {
    name: 'Indonesia: a public-service outage adds a public notice',
    discoveredAt: '2026-08-18T05:00:00Z',
    dataCategories: ['national_id'],
    people: { ID: 3 },
    judgements: [yes('serious_public_impact')],
    expect: { 'id_pdp.public_notice.notification': { status: 'due', dueAt: null } },
  },
  {
    name: 'Vietnam: the Ministry of Public Security within 72 hours',
    discoveredAt: '2026-06-01T08:00:00Z',
    dataCategories: ['phone'],
    people: { VN: 9 },
    expect: {
      'vn_pdp.regulator_report.notification': { status: 'overdue', dueAt: '2026-06-04T08:00:00.000Z' },
    },
  },
  {
    name: 'Malaysia: significant harm found for Malaysia, awareness four hours after discovery',
    discoveredAt: '2026-07-01T02:00:00Z',
    dataCategories: ['bank_account'],
    people: { MY: 5 },
    judgements: [
      yes('significant_harm', { regime: 'my_pdpa' }),
      yes('awareness', { effectiveAt: '2026-07-01T06:00:00Z' }),
    ],
    expect: {
      'my_pdpa.regulator_report.notification': { status: 'overdue', dueAt: '2026-07-04T06:00:00.000Z' },
      'my_pdpa.individual_notice.notification': { status: 'overdue', dueAt: '2026-07-11T06:00:00.000Z' },
    },
  },
  {
    name: 'Malaysia: a general significant-harm finding is not its own',
    discoveredAt: '2026-07-02T02:00:00Z',
    dataCategories: ['email'],
    people: { MY: 5 },
    judgements: [yes('significant_harm')],
    expect: {
      'my_pdpa.individual_notice.notification': {
        status: 'overdue',
        dueAt: '2026-07-12T02:00:00.000Z',
        needs: ['significant_harm'],
      },
    },
    blocking: [{ kind: 'significant_harm', regimes: ['my_pdpa'], needsOwnFinding: ['my_pdpa'] }],
  },
  {
    name: 'Hong Kong: voluntary notices, no date',
    discoveredAt: '2026-05-04T02:00:00Z',
    dataCategories: ['email'],
    people: { HK: 12 },
    expect: {
      'hk_pdpo.regulator_report.voluntary': { status: 'due', dueAt: null },
      'hk_pdpo.individual_notice.voluntary': { status: 'due', dueAt: null },
    },
  },
  {
    name: 'Taiwan: people told after the investigation',
    discoveredAt: '2026-05-05T02:00:00Z',
    dataCategories: ['phone'],
    people: { TW: 5 },
    expect: { 'tw_pdpa.individual_notice.notification': { status: 'due', dueAt: null } },
  },
  {
    name: 'New Zealand: serious harm likely',
    discoveredAt: '2026-04-14T21:00:00Z',
    dataCategories: ['email', 'date_of_birth'],
    people: { NZ: 6 },
    judgements: [yes('serious_harm_likely')],
    expect: {
      'nz_privacy_act.regulator_report.notification': { status: 'due', dueAt: null },
      'nz_privacy_act.individual_notice.notification': { status: 'due', dueAt: null },
      'nz_privacy_act.public_notice.notification': { status: 'not_required', dueAt: null },
    },
  },
  {
    name: 'New Zealand: no serious harm',
    discoveredAt: '2026-04-15T21:00:00Z',
    dataCategories: ['email'],
    people: { NZ: 6 },
    judgements: [no('serious_harm_likely')],
    expect: {
      'nz_privacy_act.regulator_report.notification': { status: 'not_required', dueAt: null },
      'nz_privacy_act.individual_notice.notification': { status: 'not_required', dueAt: null },
    },
  },
  {
    name: 'Switzerland: high risk and people need to protect themselves',
    discoveredAt: '2026-03-09T07:00:00Z',
    dataCategories: ['password'],
    people: { CH: 4 },
    judgements: [yes('high_risk'), yes('protection_needs_notice')],
    expect: {
      'ch_fadp.regulator_report.notification': { status: 'due', dueAt: null },
      'ch_fadp.individual_notice.notification': { status: 'due', dueAt: null },
    },
  },
  {
    name: 'Switzerland: no high risk, the question for people stays open',
    discoveredAt: '2026-03-10T07:00:00Z',
    dataCategories: ['email'],
    people: { CH: 4 },
    judgements: [no('high_risk')],
    expect: {
      'ch_fadp.regulator_report.notification': { status: 'not_required', dueAt: null },
      'ch_fadp.individual_notice.notification': {
        status: 'needs_judgement',
        dueAt: null,
        needs: ['protection_needs_notice'],
      },
    },
  },
  {
    name: 'Türkiye: the Board within 72 hours',
    discoveredAt: '2026-02-16T06:00:00Z',
    dataCategories: ['email'],
    people: { TR: 10 },
    expect: {
      'tr_kvkk.regulator_report.notification': { status: 'overdue', dueAt: '2026-02-19T06:00:00.000Z' },
      'tr_kvkk.individual_notice.notification': { status: 'due', dueAt: null },
    },
  },
  {
    name: 'Saudi Arabia: possible harm, but no damage to people',
    discoveredAt: '2026-01-19T05:00:00Z',
    dataCategories: ['email'],
    people: { SA: 3 },
    judgements: [yes('risk'), no('high_risk')],
    expect: {
      'sa_pdpl.regulator_report.notification': { status: 'overdue', dueAt: '2026-01-22T05:00:00.000Z' },
      'sa_pdpl.individual_notice.notification': { status: 'not_required', dueAt: null },
    },
  },
  {
    name: 'UAE: immediately, with no period set',
    discoveredAt: '2026-10-05T04:00:00Z',
    dataCategories: ['phone'],
    people: { AE: 4 },
    judgements: [yes('risk')],
    expect: {
      'ae_pdpl.regulator_report.notification': { status: 'due', dueAt: null },
      'ae_pdpl.individual_notice.notification': { status: 'due', dueAt: null },
    },
  },
  {
    name: 'Israel: a severe security incident',
    discoveredAt: '2026-10-06T04:00:00Z',
    dataCategories: ['health'],
    people: { IL: 4 },
    judgements: [yes('severe_security_incident')],
    expect: { 'il_privacy.regulator_report.notification': { status: 'due', dueAt: null } },
  },
  {
    name: 'Israel: not severe',
    discoveredAt: '2026-10-07T04:00:00Z',
    dataCategories: ['email'],
    people: { IL: 4 },
    judgements: [no('severe_security_incident')],
    expect: { 'il_privacy.regulator_report.notification': { status: 'not_required', dueAt: null } },
  },
  {
    name: 'South Africa: every compromise, as soon as reasonably possible',
    discoveredAt: '2026-09-21T07:00:00Z',
    dataCategories: ['email'],
    people: { ZA: 8 },
    expect: {
      'za_popia.regulator_report.notification': { status: 'due', dueAt: null },
      'za_popia.individual_notice.notification': { status: 'due', dueAt: null },
    },
  },
  {
    name: 'South Africa: notice to people held for a criminal investigation',
    discoveredAt: '2026-09-22T07:00:00Z',
    dataCategories: ['email'],
    people: { ZA: 8 },
    judgements: [yes('law_enforcement_delay')],
    expect: { 'za_popia.individual_notice.notification': { status: 'waiting_for_event' } },
  },
  {
    name: 'Kenya: real risk of harm, awareness six hours after discovery',
    discoveredAt: '2026-11-09T06:00:00Z',
    dataCategories: ['phone'],
    people: { KE: 5 },
    judgements: [yes('real_risk_of_harm'), yes('awareness', { effectiveAt: '2026-11-09T12:00:00Z' })],
    expect: {
      'ke_dpa.regulator_report.notification': { status: 'overdue', dueAt: '2026-11-12T12:00:00.000Z' },
      'ke_dpa.individual_notice.notification': { status: 'due', dueAt: null },
    },
  },
  {
    name: 'Kenya: encrypted data, no notice to people',
    discoveredAt: '2026-11-10T06:00:00Z',
    dataCategories: ['phone'],
    attributes: { dataEncrypted: true },
    people: { KE: 5 },
    judgements: [yes('real_risk_of_harm')],
    expect: {
      'ke_dpa.regulator_report.notification': { status: 'overdue', dueAt: '2026-11-13T06:00:00.000Z' },
      'ke_dpa.individual_notice.notification': { status: 'not_required', dueAt: null },
    },
  },
  {
    name: 'Nigeria: risk and high risk',
    discoveredAt: '2026-11-16T08:00:00Z',
    dataCategories: ['bank_account'],
    people: { NG: 6 },
    judgements: [yes('risk'), yes('high_risk')],
    expect: {
      'ng_ndpa.regulator_report.notification': { status: 'overdue', dueAt: '2026-11-19T08:00:00.000Z' },
      'ng_ndpa.individual_notice.notification': { status: 'due', dueAt: null },
    },
  },
  {
    name: 'Nigeria and Thailand: a general risk finding, overridden for Nigeria alone',
    discoveredAt: '2026-11-17T08:00:00Z',
    dataCategories: ['email'],
    people: { NG: 3, TH: 2 },
    judgements: [yes('risk'), no('risk', { regime: 'ng_ndpa' })],
    expect: {
      'th_pdpa.regulator_report.notification': { status: 'overdue', dueAt: '2026-11-20T08:00:00.000Z' },
      'ng_ndpa.regulator_report.notification': { status: 'not_required', dueAt: null },
    },
  },
  {
    name: 'Mexico: significant harm found for Mexico',
    discoveredAt: '2026-08-03T15:00:00Z',
    dataCategories: ['financial'],
    people: { MX: 5 },
    judgements: [yes('significant_harm', { regime: 'mx_lfpdppp' })],
    expect: { 'mx_lfpdppp.individual_notice.notification': { status: 'due', dueAt: null } },
  },
  {
    name: 'Mexico: a general finding leaves its own test open',
    discoveredAt: '2026-08-04T15:00:00Z',
    dataCategories: ['financial'],
    people: { MX: 5 },
    judgements: [yes('significant_harm')],
    expect: {
      'mx_lfpdppp.individual_notice.notification': {
        status: 'needs_judgement',
        dueAt: null,
        needs: ['significant_harm'],
      },
    },
    blocking: [{ kind: 'significant_harm', regimes: ['mx_lfpdppp'], needsOwnFinding: ['mx_lfpdppp'] }],
  },
  {
    name: 'Argentina: a recommended record only',
    discoveredAt: '2026-08-05T15:00:00Z',
    dataCategories: ['email'],
    people: { AR: 5 },
    expect: { 'ar_pdpa.register_entry.record': { status: 'due', dueAt: null } },
  },
  {
    // Friday 5 June 10:00 in Bogotá; 8, 15 and 29 June are holidays, so day 15 is Wednesday 1 July.
    name: 'Colombia: 15 business days across three June holidays',
    discoveredAt: '2026-06-05T15:00:00Z',
    dataCategories: ['email'],
    people: { CO: 5 },
    expect: {
      'co_habeas_data.regulator_report.notification': {
        status: 'overdue',
        dueAt: '2026-07-01T15:00:00.000Z',
      },
    },
  },
  {
    // Monday 30 March 09:00 in Bogotá; Maundy Thursday and Good Friday are holidays: day 15 is 22 April.
    name: 'Colombia: 15 business days across Holy Week',
    discoveredAt: '2026-03-30T14:00:00Z',
    dataCategories: ['email'],
    people: { CO: 5 },
    expect: {
      'co_habeas_data.regulator_report.notification': {
        status: 'overdue',
        dueAt: '2026-04-22T14:00:00.000Z',
      },
    },
  },
  {
    name: 'Chile: health data after Law 21.719 came into force',
    discoveredAt: '2026-12-02T12:00:00Z',
    dataCategories: ['health'],
    people: { CL: 5 },
    judgements: [yes('risk')],
    expect: {
      'cl_law_21719.regulator_report.notification': { status: 'due', dueAt: null },
      'cl_law_21719.individual_notice.notification': { status: 'due', dueAt: null },
    },
  },
  {
    name: 'Chile: discovered before Law 21.719 came into force',
    discoveredAt: '2026-11-25T12:00:00Z',
    dataCategories: ['health'],
    people: { CL: 5 },
    judgements: [yes('risk')],
    expect: {
      'cl_law_21719.regulator_report.notification': { status: 'not_required', dueAt: null },
      'cl_law_21719.individual_notice.notification': { status: 'not_required', dueAt: null },
    },
  },
  {
    name: 'Korea, Thailand and Nigeria together: one risk finding, high risk still open in two regimes',
    discoveredAt: '2026-11-23T00:00:00Z',
    dataCategories: ['email'],
    people: { KR: 3, TH: 3, NG: 3 },
    judgements: [yes('risk')],
    expect: {
      'th_pdpa.regulator_report.notification': { status: 'overdue', dueAt: '2026-11-26T00:00:00.000Z' },
      'ng_ndpa.regulator_report.notification': { status: 'overdue', dueAt: '2026-11-26T00:00:00.000Z' },
      'th_pdpa.individual_notice.notification': { status: 'needs_judgement', needs: ['high_risk'] },
    },
    blocking: [
      { kind: 'high_risk', regimes: ['th_pdpa', 'ng_ndpa'], needsOwnFinding: [] },
      { kind: 'external_access', regimes: ['kr_pipa'], needsOwnFinding: [] },
    ],
  },
];
