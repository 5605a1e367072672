import { pi, WITHOUT_DELAY, within, type StateLaw } from './state-law.js';

/** Puerto Rico, Guam and the US Virgin Islands. */
export const TERRITORIES: StateLaw[] = [
  {
    region: 'PR',
    alsoCountry: 'PR',
    id: 'us_puerto_rico',
    name: 'Puerto Rico',
    citation: 'P.R. Laws tit. 10, 4051-4055 (Law 111 of 2005)',
    url: 'https://bvirtualogp.pr.gov/ogp/Bvirtual/leyesreferencia/PDF/2-ingles/111-2005.pdf',
    categories: pi('health', 'password'),
    residents: { from: 'discovery', text: 'as expeditiously as possible (no fixed period)' },
    regulator: {
      recipient: 'Puerto Rico Department of Consumer Affairs (DACO)',
      deadline: within(10, 'discovery', 'within 10 days of detecting the breach'),
      note: 'DACO makes the breach public within 24 hours of receiving the notice.',
    },
    residentFields: ['toll_free_number'],
    residentNote:
      'Describe the breach in general terms and the type of information, with a toll-free number and a website for help.',
    substitute: {
      costUsd: 100_000,
      means: [
        'prominent notice on the website and in mailed fliers',
        'notice to major media with contact details',
      ],
      note: 'DACO Regulation 7207 also allows it when individual notice is too onerous for the number of people; no head count is set.',
    },
    confirmedBy: [
      {
        url: 'https://casetext.com/statute/laws-of-puerto-rico/title-ten-commerce/subtitle-3-business-regulations-generally/chapter-310-citizen-information-on-data-banks-security-act/4052-notification',
        figures: [
          'residents as expeditiously as possible',
          'DACO within 10 days of detection (statute text)',
        ],
      },
      {
        url: 'https://www.gaclaw.com/news-publications/archived-news-letters/fall-2006-04-new-daco-regulation-on-information-security/',
        figures: ['substitute notice when individual notice costs more than $100,000'],
      },
    ],
  },
  {
    region: 'GU',
    alsoCountry: 'GU',
    id: 'us_guam',
    name: 'Guam',
    citation: 'Guam Code tit. 9, 48-10 to 48-30',
    url: 'https://www.guamcourts.org/CompilerofLaws/GCA/09gca/9gc048.pdf',
    categories: pi(),
    harmException:
      'notice is due when the breach causes, or is reasonably believed to cause, identity theft or fraud.',
    residents: WITHOUT_DELAY,
    substitute: { costUsd: 10_000, headCount: 5_000 },
  },
  {
    region: 'VI',
    alsoCountry: 'VI',
    id: 'us_virgin_islands',
    name: 'US Virgin Islands',
    citation: 'V.I. Code tit. 14, 2208-2212',
    url: 'https://law.justia.com/codes/virgin-islands/title-14/chapter-110/',
    categories: pi(),
    residents: WITHOUT_DELAY,
    substitute: { costUsd: 100_000, headCount: 50_000 },
  },
];
