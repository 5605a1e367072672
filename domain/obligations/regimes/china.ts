import type { RegimeInput } from '../rule.js';

export const cnPipl: RegimeInput = {
  id: 'cn_pipl',
  name: 'China PIPL Art. 57',
  applies: { people: { countries: ['CN'] } },
  obligations: [
    {
      kind: 'regulator_report',
      phase: 'notification',
      recipient: 'Cyberspace Administration of China and the sector regulator',
      clock: { from: 'discovery' },
      deadline: { unit: 'none', text: 'immediately' },
      fields: [
        'reporting_entity',
        'contact_point',
        'nature_of_breach',
        'data_categories',
        'people_count',
        'likely_consequences',
        'measures_taken',
        'what_you_can_do',
      ],
    },
    {
      kind: 'individual_notice',
      phase: 'notification',
      recipient: 'affected people',
      // Art. 57(2): notice may be skipped when measures effectively avoid harm, unless the authority orders it.
      when: { not: { judgement: { kind: 'harm_avoided', equals: true, ifMissing: 'false' } } },
      clock: { from: 'discovery' },
      deadline: { unit: 'none', text: 'immediately' },
      fields: [
        'what_information',
        'what_happened',
        'likely_consequences',
        'what_we_are_doing',
        'what_you_can_do',
        'contact_point',
      ],
    },
    {
      kind: 'public_notice',
      phase: 'notification',
      recipient: 'the public',
      when: {
        all: [
          { not: { judgement: { kind: 'harm_avoided', equals: true, ifMissing: 'false' } } },
          { judgement: { kind: 'disproportionate_effort', equals: true, ifMissing: 'false' } },
        ],
      },
      clock: { from: 'discovery' },
      deadline: { unit: 'none', text: 'immediately' },
      fields: [
        'what_information',
        'what_happened',
        'likely_consequences',
        'what_we_are_doing',
        'what_you_can_do',
        'contact_point',
        'check_if_affected',
      ],
      note: 'Network Data Security Management Regulations (2025) Art. 11 lists public announcement where notifying people one by one is difficult.',
    },
  ],
  substituteNotice: [
    {
      anyOf: [{ judgement: 'disproportionate_effort' }],
      covers: 'everyone',
      means: ['public announcement on the website and other channels'],
    },
  ],
  source: {
    citation:
      'Personal Information Protection Law Art. 57; Network Data Security Management Regulations Art. 11',
    url: 'http://www.npc.gov.cn/',
  },
  lastChecked: '2026-11-29',
};

/**
 * "Relatively major" incidents and above: personal data of 1,000,000 people or more, or ¥5M direct loss. The
 * measures bind network operators in China; affected people in China is the proxy this service can see.
 */
export const cnCacIncident: RegimeInput = {
  id: 'cn_cac_incident',
  name: 'China CAC incident reporting measures',
  applies: { people: { countries: ['CN'] } },
  inForceFrom: '2025-11-01',
  triggers: {
    any: [
      { headcount: { scope: 'territory', op: 'gte', value: 1_000_000 } },
      { attribute: { name: 'estimatedDirectLossCny', op: 'gte', value: 5_000_000 } },
    ],
  },
  obligations: [
    {
      kind: 'regulator_report',
      phase: 'early_report',
      recipient: 'provincial cyberspace administration (CII: sector department and public security)',
      clock: { from: 'discovery' },
      deadline: { unit: 'hours', amount: 4, text: 'within 4 hours of discovery' },
      deadlineOverrides: [
        {
          when: { attribute: { name: 'criticalInfrastructure', equals: true } },
          deadline: { unit: 'hours', amount: 1, text: 'critical information infrastructure: within 1 hour' },
        },
      ],
      fields: [
        'reporting_entity',
        'contact_point',
        'nature_of_breach',
        'occurred_at',
        'discovered_at',
        'severity_and_impact',
        'people_count',
        'measures_taken',
        'suspected_malicious',
        'root_cause',
      ],
      note: 'Items not known within the deadline are supplemented as they become known. Central and state bodies report within 2 hours.',
    },
    {
      kind: 'regulator_report',
      phase: 'final',
      recipient: 'provincial cyberspace administration',
      clock: { from: 'event', event: 'handlingEndedAt' },
      deadline: { unit: 'calendar_days', amount: 30, text: 'within 30 days after handling ends' },
      fields: [
        'nature_of_breach',
        'root_cause',
        'severity_and_impact',
        'mitigation_applied',
        'measures_taken',
        'decision_and_reasons',
      ],
    },
  ],
  source: {
    citation:
      'CAC 国家网络安全事件报告管理办法 (National Cybersecurity Incident Reporting Measures, 11 September 2025, in force 1 November 2025) Art. 4 and the incident grading guide annex',
    url: 'https://www.cac.gov.cn/',
  },
  lastChecked: '2026-11-29',
};
