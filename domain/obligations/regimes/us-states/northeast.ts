import {
  AG,
  MORE_THAN_1000,
  pi,
  WITH_RESIDENT_NOTICE,
  WITHOUT_DELAY,
  within,
  type StateLaw,
} from './state-law.js';

/** Connecticut to Vermont and the District of Columbia. */
export const NORTHEAST: StateLaw[] = [
  {
    region: 'CT',
    id: 'us_connecticut',
    name: 'Connecticut',
    citation: 'Conn. Gen. Stat. 36a-701b',
    url: 'https://www.cga.ct.gov/current/pub/chap_669.htm#sec_36a-701b',
    categories: pi('passport', 'health', 'biometric', 'password'),
    harmException:
      'no notice if, after investigation and consulting law enforcement, the breach will not likely result in harm.',
    residents: within(60, 'discovery', 'without unreasonable delay, at the latest 60 days after discovery'),
    residentFields: ['offered_services'],
    residentNote:
      'At least 24 months of identity theft prevention services where SSNs or taxpayer ids were exposed.',
    regulator: { recipient: AG('Connecticut'), deadline: WITH_RESIDENT_NOTICE },
  },
  {
    region: 'DE',
    id: 'us_delaware',
    name: 'Delaware',
    citation: 'Del. Code tit. 6, 12B-101 to 12B-104',
    url: 'https://delcode.delaware.gov/title6/c012b/index.html',
    categories: pi('passport', 'health', 'biometric', 'password'),
    harmException:
      'no notice if, after investigation, the breach is unlikely to result in harm to residents.',
    residents: within(60, 'determination', 'at the latest 60 days after determining the breach'),
    residentFields: ['offered_services'],
    residentNote: 'One year of free credit monitoring where SSNs were exposed.',
    regulator: {
      recipient: AG('Delaware'),
      threshold: { op: 'gt', value: 500 },
      deadline: WITH_RESIDENT_NOTICE,
    },
    substitute: { costUsd: 75_000, headCount: 100_000 },
  },
  {
    region: 'ME',
    id: 'us_maine',
    name: 'Maine',
    citation: 'Me. Rev. Stat. tit. 10, 1346-1350-B',
    url: 'https://legislature.maine.gov/statutes/10/title10ch210-Bsec0.html',
    categories: pi('password'),
    harmException:
      'persons other than information brokers need not notify if, after investigation, misuse is not reasonably possible.',
    residents: within(30, 'determination', 'at the latest 30 days after becoming aware of the breach'),
    regulator: {
      recipient:
        'Maine Attorney General (or the Department of Professional and Financial Regulation for its licensees)',
      deadline: WITH_RESIDENT_NOTICE,
    },
    creditBureaus: { threshold: MORE_THAN_1000 },
    substitute: { costUsd: 5_000, headCount: 1_000 },
  },
  {
    region: 'MD',
    id: 'us_maryland',
    name: 'Maryland',
    citation: 'Md. Code Com. Law 14-3501 to 14-3508 (as amended 2022)',
    url: 'https://mgaleg.maryland.gov/mgawebsite/Laws/StatuteText?article=gcl&section=14-3504',
    categories: pi('passport', 'health', 'biometric', 'password'),
    harmException:
      'no notice if the investigation finds misuse not reasonably likely to result (the finding kept in writing 3 years).',
    residents: within(
      45,
      'discovery',
      'as soon as reasonably practicable, at the latest 45 days after discovery',
    ),
    residentFields: ['credit_bureau_contacts', 'regulator_contacts'],
    regulator: {
      recipient: AG('Maryland'),
      deadline: { from: 'discovery', text: 'before notice to residents', withResidents: true },
    },
    creditBureaus: { threshold: { op: 'gte', value: 1_000 } },
    substitute: { costUsd: 100_000, headCount: 175_000 },
    recordKeeping: 'A finding that notice is not required is kept in writing for 3 years.',
    confirmedBy: [
      {
        url: 'https://lexace.ai/us/statute/maryland/CL-14-3504',
        figures: ['residents within 45 days of discovery (statute text)', 'no-harm finding kept 3 years'],
      },
      {
        url: 'https://klinedinstlaw.com/practice/privacy-data-security/maryland',
        figures: ['Attorney General before the notice to residents', 'notice content'],
      },
      {
        url: 'https://www.csrps.com/privacy-regulations/maryland/',
        figures: ['credit bureaus from 1,000 residents'],
      },
    ],
  },
  {
    region: 'MA',
    id: 'us_massachusetts',
    name: 'Massachusetts',
    citation: 'Mass. Gen. Laws ch. 93H, 3',
    url: 'https://malegislature.gov/Laws/GeneralLaws/PartI/TitleXV/Chapter93H/Section3',
    categories: pi(),
    harmException:
      'a "breach of security" is one that creates a substantial risk of identity theft or fraud against a resident.',
    residents: {
      from: 'discovery',
      text: 'as soon as practicable and without unreasonable delay (no fixed period)',
    },
    residentFields: ['offered_services'],
    residentNote:
      'Must state the right to a police report and a security freeze, and must NOT state the nature of the breach or the number affected. 18 months of credit monitoring where SSNs were exposed.',
    regulator: {
      recipient: 'Massachusetts Attorney General and Office of Consumer Affairs and Business Regulation',
      deadline: { from: 'discovery', text: 'as soon as practicable and without unreasonable delay' },
      fields: ['nature_of_breach', 'people_count', 'measures_taken', 'individuals_notified'],
    },
  },
  {
    region: 'NH',
    id: 'us_new_hampshire',
    name: 'New Hampshire',
    citation: 'N.H. Rev. Stat. 359-C:19 to 359-C:21',
    url: 'https://www.gencourt.state.nh.us/rsa/html/XXXI/359-C/359-C-mrg.htm',
    categories: pi(),
    harmException: 'no notice if misuse has not occurred and is not reasonably likely to occur.',
    residents: { from: 'discovery', text: 'as soon as possible (no fixed period)' },
    regulator: {
      recipient: 'New Hampshire Attorney General (or the primary regulator)',
      deadline: { from: 'discovery', text: 'as soon as possible' },
    },
    creditBureaus: { threshold: MORE_THAN_1000 },
    substitute: { costUsd: 5_000, headCount: 1_000 },
  },
  {
    region: 'NJ',
    id: 'us_new_jersey',
    name: 'New Jersey',
    citation: 'N.J. Stat. 56:8-161 to 56:8-166',
    url: 'https://www.njconsumeraffairs.gov/ocp/Pages/identity-theft.aspx',
    categories: pi('password'),
    harmException: 'no notice if misuse is not reasonably possible (the finding kept in writing 5 years).',
    residents: WITHOUT_DELAY,
    regulator: {
      recipient: 'New Jersey Division of State Police',
      deadline: { from: 'discovery', text: 'before notice to residents', withResidents: true },
    },
    creditBureaus: { threshold: MORE_THAN_1000 },
    recordKeeping: 'A finding that misuse is not reasonably possible is kept in writing for 5 years.',
  },
  {
    region: 'NY',
    id: 'us_new_york',
    name: 'New York',
    citation: 'N.Y. Gen. Bus. Law 899-aa (as amended December 2024)',
    url: 'https://www.nysenate.gov/legislation/laws/GBS/899-AA',
    categories: pi('biometric', 'password'),
    harmException:
      'inadvertent disclosure by authorised persons, reasonably determined not likely to result in misuse or harm (kept in writing 5 years).',
    residents: within(
      30,
      'discovery',
      'in the most expedient time possible, at the latest 30 days after discovery',
    ),
    residentFields: ['regulator_contacts'],
    regulator: {
      recipient:
        'New York Attorney General, Department of State, Division of State Police and Department of Financial Services',
      deadline: {
        from: 'discovery',
        text: 'with the notice to residents (timing, content, distribution, count)',
        withResidents: true,
      },
      note: 'The December 2024 amendment added the Department of Financial Services; a chapter amendment may limit that to entities it regulates.',
    },
    creditBureaus: { threshold: { op: 'gt', value: 5_000 } },
    confirmedBy: [
      {
        url: 'https://www.covingtonblogs.com/2025/01/07/new-york-adopts-amendment-to-the-state-data-breach-notification-law/',
        figures: [
          'residents within 30 days of discovery',
          'Department of Financial Services added to the regulators',
        ],
      },
    ],
  },
  {
    region: 'PA',
    id: 'us_pennsylvania',
    name: 'Pennsylvania',
    citation: '73 Pa. Stat. 2301-2330 (as amended by Act 33 of 2024)',
    url: 'https://www.legis.state.pa.us/cfdocs/legis/LI/uconsCheck.cfm?txtType=HTM&yr=2005&sessInd=0&smthLwInd=0&act=94',
    categories: pi('health', 'biometric', 'password'),
    harmException:
      'notice is due when the breach has caused or is reasonably believed to cause loss or injury.',
    residents: WITHOUT_DELAY,
    residentFields: ['offered_services'],
    residentNote:
      'Act 33: 12 months of credit monitoring and a credit report where SSNs, bank accounts or driver licence numbers were exposed.',
    regulator: {
      recipient: AG('Pennsylvania'),
      threshold: { op: 'gt', value: 500 },
      deadline: { from: 'discovery', text: 'concurrently with the notice to residents', withResidents: true },
    },
    creditBureaus: {
      threshold: { op: 'gte', value: 500 },
      note: 'Act 33 lowered the threshold from "more than 1,000"; read as "500 or more" from a secondary source.',
    },
    substitute: { costUsd: 100_000, headCount: 175_000 },
    confirmedBy: [
      {
        url: 'https://databreaches.net/2024/07/07/new-pennsylvania-law-will-offer-added-protections-for-victims-of-data-breaches-and-new-reporting-requirements',
        figures: [
          'Attorney General concurrently when more than 500 residents (statute text quoted)',
          'Attorney General notice content',
        ],
      },
      {
        url: 'https://complyauto.com/pennsylvania-updates-data-breach-law-ag-notice-credit-monitoring-may-be-required',
        figures: ['credit bureaus from 500 residents', '12 months of credit monitoring'],
      },
    ],
  },
  {
    region: 'RI',
    id: 'us_rhode_island',
    name: 'Rhode Island',
    citation: 'R.I. Gen. Laws 11-49.3-1 to 11-49.3-6',
    url: 'https://webserver.rilegislature.gov/Statutes/TITLE11/11-49.3/INDEX.htm',
    categories: pi('passport', 'health', 'password'),
    harmException: 'no notice if the breach poses no significant risk of identity theft.',
    residents: within(45, 'determination', 'at the latest 45 calendar days after confirming the breach'),
    residentFields: ['offered_services'],
    residentNote: 'Must state the right to a police report and a security freeze.',
    regulator: {
      recipient: AG('Rhode Island'),
      threshold: { op: 'gt', value: 500 },
      deadline: within(45, 'determination', 'at the latest 45 calendar days after confirming the breach'),
    },
    creditBureaus: { threshold: { op: 'gt', value: 500 } },
    substitute: { costUsd: 25_000, headCount: 50_000 },
  },
  {
    region: 'VT',
    id: 'us_vermont',
    name: 'Vermont',
    citation: 'Vt. Stat. tit. 9, 2435',
    url: 'https://legislature.vermont.gov/statutes/section/09/062/02435',
    categories: pi('passport', 'health', 'biometric', 'password'),
    harmException:
      'no notice if misuse is not reasonably possible, after notice of that finding to the Attorney General.',
    residents: within(
      45,
      'discovery',
      'in the most expedient time possible, at the latest 45 days after discovery',
    ),
    residentFields: ['toll_free_number'],
    regulator: {
      recipient: 'Vermont Attorney General (preliminary notice)',
      deadline: within(
        14,
        'discovery',
        'within 14 business days of discovery, or with the notice to residents if sooner',
        'business_days',
      ),
      fields: ['occurred_at', 'discovered_at', 'nature_of_breach', 'people_count'],
      note: 'Counted on the US federal calendar; Vermont state holidays are not yet in the calendar data. The full notice follows with the notice to residents.',
    },
    creditBureaus: { threshold: MORE_THAN_1000 },
    substitute: { costUsd: 10_000, headCount: 5_000 },
  },
  {
    region: 'DC',
    id: 'us_district_of_columbia',
    name: 'District of Columbia',
    citation: 'D.C. Code 28-3851 to 28-3853 (as amended 2020)',
    url: 'https://code.dccouncil.gov/us/dc/council/code/sections/28-3852',
    categories: pi('passport', 'health', 'biometric', 'password'),
    harmException:
      'no notice if, after consulting the Attorney General and federal law enforcement, the breach will likely not result in harm.',
    residents: WITHOUT_DELAY,
    residentFields: ['credit_bureau_contacts', 'regulator_contacts', 'offered_services'],
    residentNote:
      '18 months of identity theft protection where SSNs or taxpayer ids were exposed; must state the right to a security freeze.',
    regulator: {
      recipient: 'District of Columbia Attorney General',
      // "50 or more" as known to the author; one secondary page says "more than 50": gte is the safer reading.
      threshold: { op: 'gte', value: 50 },
      deadline: {
        from: 'discovery',
        text: 'at the latest with the notice to residents',
        withResidents: true,
      },
    },
    creditBureaus: { threshold: MORE_THAN_1000 },
    substitute: { costUsd: 50_000, headCount: 100_000 },
    confirmedBy: [
      {
        url: 'https://www.recordinglaw.com/us-laws/data-privacy-laws/district-of-columbia-data-privacy-laws/data-breach-notification',
        figures: ['Attorney General from 50 residents', '18 months of identity theft protection for SSNs'],
      },
      {
        url: 'https://oag.dc.gov/requirements-districts-data-breach-notification',
        figures: ['no-harm finding only after consulting the Attorney General'],
      },
    ],
  },
];
