import { AG, MORE_THAN_1000, pi, WITHOUT_DELAY, within, type StateLaw } from './state-law.js';

/** Alaska to Wyoming (California is in ../united-states.ts). */
export const WEST: StateLaw[] = [
  {
    region: 'AK',
    id: 'us_alaska',
    name: 'Alaska',
    citation: 'Alaska Stat. 45.48.010-45.48.090',
    url: 'https://www.akleg.gov/basis/statutes.asp#45.48.010',
    categories: pi('password'),
    harmException:
      'no notice if, after investigation and written notice to the Attorney General, there is no reasonable likelihood of harm.',
    residents: WITHOUT_DELAY,
    residentNote: 'The Attorney General is told in writing only when the company decides not to notify.',
    creditBureaus: { threshold: MORE_THAN_1000 },
    substitute: { costUsd: 150_000, headCount: 300_000 },
  },
  {
    region: 'AZ',
    id: 'us_arizona',
    name: 'Arizona',
    citation: 'Ariz. Rev. Stat. 18-551, 18-552 (as amended 2018)',
    url: 'https://www.azleg.gov/ars/18/00552.htm',
    categories: pi('passport', 'health', 'biometric', 'password'),
    harmException:
      'no notice if an independent investigation or law enforcement finds the breach has not resulted and is not reasonably likely to result in substantial economic loss.',
    residents: within(45, 'determination', 'at the latest 45 days after determining the breach'),
    residentFields: ['credit_bureau_contacts', 'regulator_contacts'],
    regulator: {
      recipient: AG('Arizona'),
      threshold: MORE_THAN_1000,
      deadline: within(45, 'determination', 'at the latest 45 days after determining the breach'),
    },
    creditBureaus: {
      threshold: MORE_THAN_1000,
      deadline: within(45, 'determination', 'at the latest 45 days after determining the breach'),
    },
    substitute: { costUsd: 50_000, headCount: 100_000 },
  },
  {
    region: 'CO',
    id: 'us_colorado',
    name: 'Colorado',
    citation: 'Colo. Rev. Stat. 6-1-716 (as amended 2018)',
    url: 'https://coag.gov/resources/data-protection-laws/',
    categories: pi('passport', 'health', 'biometric', 'password'),
    harmException:
      'no notice if, after investigation, misuse has not occurred and is not reasonably likely to occur.',
    residents: within(30, 'determination', 'at the latest 30 days after determining a breach occurred'),
    residentFields: ['credit_bureau_contacts', 'regulator_contacts'],
    residentNote:
      'Must state how to get a police report and a security freeze, and give FTC and credit bureau contacts.',
    regulator: {
      recipient: AG('Colorado'),
      threshold: { op: 'gte', value: 500 },
      deadline: within(30, 'determination', 'at the latest 30 days after determining a breach occurred'),
    },
    creditBureaus: { threshold: MORE_THAN_1000 },
    substitute: { costUsd: 250_000, headCount: 250_000 },
    confirmedBy: [
      {
        url: 'https://www.dwt.com/gcp/states/colorado',
        figures: [
          'residents within 30 days of determination',
          'Attorney General from 500 residents',
          'personal information categories',
        ],
      },
    ],
  },
  {
    region: 'HI',
    id: 'us_hawaii',
    name: 'Hawaii',
    citation: 'Haw. Rev. Stat. 487N-1 to 487N-4',
    url: 'https://www.capitol.hawaii.gov/hrscurrent/Vol11_Ch0476-0490/HRS0487N/',
    categories: pi(),
    harmException:
      'a breach is one where illegal use has occurred or is reasonably likely and creates a risk of harm.',
    residents: WITHOUT_DELAY,
    residentFields: ['toll_free_number'],
    regulator: {
      recipient: 'Hawaii Office of Consumer Protection',
      threshold: MORE_THAN_1000,
      deadline: { from: 'discovery', text: 'without unreasonable delay' },
    },
    creditBureaus: { threshold: MORE_THAN_1000 },
    substitute: { costUsd: 100_000, headCount: 200_000 },
  },
  {
    region: 'ID',
    id: 'us_idaho',
    name: 'Idaho',
    citation: 'Idaho Code 28-51-104 to 28-51-107',
    url: 'https://legislature.idaho.gov/statutesrules/idstat/title28/t28ch51/',
    categories: pi(),
    harmException:
      'no notice if, after investigation, misuse has not occurred and is not reasonably likely to occur.',
    residents: WITHOUT_DELAY,
    substitute: { costUsd: 25_000, headCount: 50_000 },
  },
  {
    region: 'MT',
    id: 'us_montana',
    name: 'Montana',
    citation: 'Mont. Code 30-14-1704',
    url: 'https://leg.mt.gov/bills/mca/title_0300/chapter_0140/part_0170/section_0040/0300-0140-0170-0040.html',
    categories: pi('health'),
    harmException: 'a breach is one that causes, or is reasonably believed to cause, loss or injury.',
    residents: WITHOUT_DELAY,
    regulator: {
      recipient: 'Montana Attorney General, Office of Consumer Protection',
      deadline: { from: 'discovery', text: 'electronically, simultaneously with the notice to residents' },
    },
    creditBureaus: { note: 'Coordinate with the credit bureaus where the notice suggests contacting them.' },
  },
  {
    region: 'NV',
    id: 'us_nevada',
    name: 'Nevada',
    citation: 'Nev. Rev. Stat. 603A.010-603A.290',
    url: 'https://www.leg.state.nv.us/NRS/NRS-603A.html',
    categories: pi('password'),
    residents: WITHOUT_DELAY,
    creditBureaus: { threshold: MORE_THAN_1000 },
  },
  {
    region: 'NM',
    id: 'us_new_mexico',
    name: 'New Mexico',
    citation: 'N.M. Stat. 57-12C-1 to 57-12C-12',
    url: 'https://www.nmag.gov/consumer-protection/',
    categories: pi('biometric'),
    harmException:
      'no notice if, after investigation, there is no significant risk of identity theft or fraud.',
    residents: within(
      45,
      'discovery',
      'in the most expedient time possible, at the latest 45 calendar days after discovery',
    ),
    residentFields: ['credit_bureau_contacts', 'contact_point'],
    residentNote:
      'Must advise reviewing account statements and credit reports and state the rights under the FCRA.',
    regulator: {
      recipient: AG('New Mexico'),
      threshold: MORE_THAN_1000,
      deadline: within(45, 'discovery', 'at the latest 45 calendar days after discovery'),
    },
    creditBureaus: {
      threshold: MORE_THAN_1000,
      deadline: within(45, 'discovery', 'at the latest 45 calendar days after discovery'),
    },
    substitute: { costUsd: 100_000, headCount: 50_000 },
  },
  {
    region: 'OR',
    id: 'us_oregon',
    name: 'Oregon',
    citation: 'Or. Rev. Stat. 646A.600-646A.628',
    url: 'https://oregon.public.law/statutes/ors_646A.604',
    categories: pi('passport', 'health', 'biometric', 'password'),
    harmException:
      'no notice if, after investigation or consulting law enforcement, there is no reasonable likelihood of harm (kept in writing 5 years).',
    residents: within(
      45,
      'discovery',
      'in the most expeditious manner possible, at the latest 45 days after discovery',
    ),
    regulator: {
      recipient: AG('Oregon'),
      threshold: { op: 'gt', value: 250 },
      deadline: within(45, 'discovery', 'at the latest 45 days after discovery'),
    },
    creditBureaus: { threshold: MORE_THAN_1000 },
    substitute: { costUsd: 250_000, headCount: 350_000 },
    confirmedBy: [
      {
        url: 'http://www.oregonlaws.org/ors/646A.604',
        figures: ['residents within 45 days of discovery', 'Attorney General when more than 250 consumers'],
      },
    ],
  },
  {
    region: 'UT',
    id: 'us_utah',
    name: 'Utah',
    citation: 'Utah Code 13-44-101 to 13-44-301 (as amended 2024)',
    url: 'https://le.utah.gov/xcode/Title13/Chapter44/13-44-S202.html',
    categories: pi(),
    harmException:
      'no notice if, after investigation, misuse has not occurred and is not reasonably likely to occur.',
    residents: WITHOUT_DELAY,
    regulator: {
      recipient: 'Utah Attorney General and Utah Cyber Center',
      threshold: { op: 'gte', value: 500 },
      deadline: { from: 'discovery', text: 'without unreasonable delay' },
    },
    creditBureaus: { threshold: { op: 'gte', value: 1_000 } },
    substitute: {
      means: ['publication in a newspaper of general circulation in Utah'],
      note: 'The statute names publication as an alternative means, with no cost or head-count threshold.',
    },
  },
  {
    region: 'WA',
    id: 'us_washington',
    name: 'Washington',
    citation: 'Rev. Code Wash. 19.255.010 (as amended 2019)',
    url: 'https://app.leg.wa.gov/RCW/default.aspx?cite=19.255.010',
    categories: pi('passport', 'date_of_birth', 'health', 'biometric', 'password'),
    harmException: 'no notice if the breach is not reasonably likely to subject consumers to a risk of harm.',
    residents: within(
      30,
      'discovery',
      'in the most expedient time possible, at the latest 30 calendar days after discovery',
    ),
    residentFields: ['credit_bureau_contacts', 'contact_point', 'discovered_at'],
    regulator: {
      recipient: AG('Washington'),
      threshold: { op: 'gt', value: 500 },
      deadline: within(30, 'discovery', 'at the latest 30 days after discovery'),
      fields: [
        'nature_of_breach',
        'data_categories',
        'people_count',
        'occurred_at',
        'discovered_at',
        'measures_taken',
        'sample_notice',
      ],
    },
    confirmedBy: [
      {
        url: 'https://terms.law/washington-data-breach-notification-guide/',
        figures: ['residents within 30 days of discovery', 'Attorney General when more than 500 residents'],
      },
    ],
  },
  {
    region: 'WY',
    id: 'us_wyoming',
    name: 'Wyoming',
    citation: 'Wyo. Stat. 40-12-501 to 40-12-509',
    url: 'https://wyoleg.gov/statutes/compress/title40.pdf',
    categories: pi('passport', 'health', 'biometric', 'password'),
    harmException:
      'no notice unless, after investigation, misuse has occurred or is reasonably likely to occur.',
    residents: WITHOUT_DELAY,
    residentFields: ['toll_free_number'],
    substitute: { costUsd: 10_000, headCount: 10_000 },
  },
];
