import type { RegimeInput } from '../rule.js';
import { awarenessClock } from './common.js';

/** New Zealand. Checked 2026-12-08; `source.confirmedBy` says how the figures were checked. */

export const nzPrivacyAct: RegimeInput = {
  id: 'nz_privacy_act',
  name: 'New Zealand Privacy Act 2020 Part 6',
  applies: { people: { countries: ['NZ'] } },
  // s. 112: a notifiable privacy breach has caused, or is likely to cause, serious harm.
  triggers: { judgement: { kind: 'serious_harm_likely', equals: true } },
  obligations: [
    {
      kind: 'regulator_report',
      phase: 'notification',
      recipient: 'Office of the Privacy Commissioner',
      clock: awarenessClock,
      deadline: {
        unit: 'none',
        text: 'as soon as practicable after becoming aware (OPC guidance: within 72 hours)',
      },
      fields: [
        'nature_of_breach',
        'data_categories',
        'people_count',
        'measures_taken',
        'individuals_notified',
        'contact_point',
      ],
      note: 's. 114. The Commissioner expects notice within 72 hours; the Act fixes no period.',
    },
    {
      kind: 'individual_notice',
      phase: 'notification',
      recipient: 'affected individuals',
      clock: awarenessClock,
      deadline: { unit: 'none', text: 'as soon as practicable after becoming aware' },
      fields: [
        'what_happened',
        'what_information',
        'what_we_are_doing',
        'what_you_can_do',
        'contact_point',
        'right_to_complain',
      ],
      delayable: true,
      note: 's. 116: notice may be delayed or withheld where it would prejudice security, the maintenance of the law, or endanger safety.',
    },
    {
      kind: 'public_notice',
      phase: 'notification',
      recipient: 'the public',
      when: { judgement: { kind: 'disproportionate_effort', equals: true, ifMissing: 'false' } },
      clock: awarenessClock,
      deadline: { unit: 'none', text: 'as soon as practicable' },
      fields: ['what_happened', 'what_information', 'what_you_can_do', 'contact_point'],
      note: 's. 115(3): public notice where notifying each person is not reasonably practicable.',
    },
  ],
  source: {
    citation: 'Privacy Act 2020 ss. 112-118',
    url: 'https://www.legislation.govt.nz/act/public/2020/0031/latest/LMS23223.html',
    confirmedBy: 'source',
  },
  lastChecked: '2026-12-08',
};
