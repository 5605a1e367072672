import type { Zone } from './zones.js';

/**
 * Public holidays as data, per country and year. Only nationwide days are listed: regional holidays (a German
 * Land, a US state, a Brazilian city) are left out, so a business-day deadline is never later than the one the
 * stricter reading gives. `workingDays` lists weekend days that are official working days (China's make-up days).
 *
 * `status: 'provisional'` marks a year built from the statutory rules before the government published its
 * schedule (China's bridging days, Singapore's and Japan's observed dates); check and promote it when published.
 */
export interface HolidayYear {
  readonly status: 'official' | 'provisional';
  readonly source: string;
  readonly holidays: readonly (readonly [date: string, name: string])[];
  readonly workingDays?: readonly (readonly [date: string, name: string])[];
}

export interface CountryCalendar {
  readonly country: string;
  readonly zone: Zone;
  /** Days of the week (0 = Sunday) that are not working days. */
  readonly weekend: readonly number[];
  readonly years: Readonly<Record<number, HolidayYear>>;
  readonly lastChecked: string;
}

const SAT_SUN = [0, 6] as const;

const europeCentral = (name: string): Zone => ({ kind: 'europe', name, standardMinutes: 60 });
const europeWestern = (name: string): Zone => ({ kind: 'europe', name, standardMinutes: 0 });

export const CALENDARS: Readonly<Record<string, CountryCalendar>> = {
  US: {
    country: 'US',
    // Federal holidays are what the SEC's business days skip; New York is where EDGAR's day is counted.
    zone: { kind: 'north_america', name: 'America/New_York', standardMinutes: -300 },
    weekend: SAT_SUN,
    lastChecked: '2026-11-29',
    years: {
      2026: {
        status: 'official',
        source: 'https://www.opm.gov/policy-data-oversight/pay-leave/federal-holidays/',
        holidays: [
          ['2026-01-01', "New Year's Day"],
          ['2026-01-19', 'Birthday of Martin Luther King, Jr.'],
          ['2026-02-16', "Washington's Birthday"],
          ['2026-05-25', 'Memorial Day'],
          ['2026-06-19', 'Juneteenth National Independence Day'],
          ['2026-07-03', 'Independence Day (observed)'],
          ['2026-09-07', 'Labor Day'],
          ['2026-10-12', 'Columbus Day'],
          ['2026-11-11', 'Veterans Day'],
          ['2026-11-26', 'Thanksgiving Day'],
          ['2026-12-25', 'Christmas Day'],
        ],
      },
      2027: {
        status: 'official',
        source: 'https://www.opm.gov/policy-data-oversight/pay-leave/federal-holidays/',
        holidays: [
          ['2027-01-01', "New Year's Day"],
          ['2027-01-18', 'Birthday of Martin Luther King, Jr.'],
          ['2027-02-15', "Washington's Birthday"],
          ['2027-05-31', 'Memorial Day'],
          ['2027-06-18', 'Juneteenth National Independence Day (observed)'],
          ['2027-07-05', 'Independence Day (observed)'],
          ['2027-09-06', 'Labor Day'],
          ['2027-10-11', 'Columbus Day'],
          ['2027-11-11', 'Veterans Day'],
          ['2027-11-25', 'Thanksgiving Day'],
          ['2027-12-24', 'Christmas Day (observed)'],
          ['2027-12-31', "New Year's Day 2028 (observed)"],
        ],
      },
    },
  },
  GB: {
    country: 'GB',
    zone: europeWestern('Europe/London'),
    weekend: SAT_SUN,
    lastChecked: '2026-11-29',
    // England and Wales; Scotland and Northern Ireland add days of their own.
    years: {
      2026: {
        status: 'official',
        source: 'https://www.gov.uk/bank-holidays',
        holidays: [
          ['2026-01-01', "New Year's Day"],
          ['2026-04-03', 'Good Friday'],
          ['2026-04-06', 'Easter Monday'],
          ['2026-05-04', 'Early May bank holiday'],
          ['2026-05-25', 'Spring bank holiday'],
          ['2026-08-31', 'Summer bank holiday'],
          ['2026-12-25', 'Christmas Day'],
          ['2026-12-28', 'Boxing Day (substitute day)'],
        ],
      },
      2027: {
        status: 'official',
        source: 'https://www.gov.uk/bank-holidays',
        holidays: [
          ['2027-01-01', "New Year's Day"],
          ['2027-03-26', 'Good Friday'],
          ['2027-03-29', 'Easter Monday'],
          ['2027-05-03', 'Early May bank holiday'],
          ['2027-05-31', 'Spring bank holiday'],
          ['2027-08-30', 'Summer bank holiday'],
          ['2027-12-27', 'Christmas Day (substitute day)'],
          ['2027-12-28', 'Boxing Day (substitute day)'],
        ],
      },
    },
  },
  DE: {
    country: 'DE',
    zone: europeCentral('Europe/Berlin'),
    weekend: SAT_SUN,
    lastChecked: '2026-11-29',
    years: {
      2026: {
        status: 'official',
        source: 'https://www.bmi.bund.de/ (bundeseinheitliche Feiertage)',
        holidays: [
          ['2026-01-01', 'Neujahr'],
          ['2026-04-03', 'Karfreitag'],
          ['2026-04-06', 'Ostermontag'],
          ['2026-05-01', 'Tag der Arbeit'],
          ['2026-05-14', 'Christi Himmelfahrt'],
          ['2026-05-25', 'Pfingstmontag'],
          ['2026-10-03', 'Tag der Deutschen Einheit'],
          ['2026-12-25', '1. Weihnachtstag'],
          ['2026-12-26', '2. Weihnachtstag'],
        ],
      },
      2027: {
        status: 'official',
        source: 'https://www.bmi.bund.de/ (bundeseinheitliche Feiertage)',
        holidays: [
          ['2027-01-01', 'Neujahr'],
          ['2027-03-26', 'Karfreitag'],
          ['2027-03-29', 'Ostermontag'],
          ['2027-05-01', 'Tag der Arbeit'],
          ['2027-05-06', 'Christi Himmelfahrt'],
          ['2027-05-17', 'Pfingstmontag'],
          ['2027-10-03', 'Tag der Deutschen Einheit'],
          ['2027-12-25', '1. Weihnachtstag'],
          ['2027-12-26', '2. Weihnachtstag'],
        ],
      },
    },
  },
  FR: {
    country: 'FR',
    zone: europeCentral('Europe/Paris'),
    weekend: SAT_SUN,
    lastChecked: '2026-11-29',
    years: {
      2026: {
        status: 'official',
        source: 'https://www.service-public.fr/particuliers/vosdroits/F2405',
        holidays: [
          ['2026-01-01', "Jour de l'an"],
          ['2026-04-06', 'Lundi de Pâques'],
          ['2026-05-01', 'Fête du Travail'],
          ['2026-05-08', 'Victoire 1945'],
          ['2026-05-14', 'Ascension'],
          ['2026-05-25', 'Lundi de Pentecôte'],
          ['2026-07-14', 'Fête nationale'],
          ['2026-08-15', 'Assomption'],
          ['2026-11-01', 'Toussaint'],
          ['2026-11-11', 'Armistice 1918'],
          ['2026-12-25', 'Noël'],
        ],
      },
      2027: {
        status: 'official',
        source: 'https://www.service-public.fr/particuliers/vosdroits/F2405',
        holidays: [
          ['2027-01-01', "Jour de l'an"],
          ['2027-03-29', 'Lundi de Pâques'],
          ['2027-05-01', 'Fête du Travail'],
          ['2027-05-06', 'Ascension'],
          ['2027-05-08', 'Victoire 1945'],
          ['2027-05-17', 'Lundi de Pentecôte'],
          ['2027-07-14', 'Fête nationale'],
          ['2027-08-15', 'Assomption'],
          ['2027-11-01', 'Toussaint'],
          ['2027-11-11', 'Armistice 1918'],
          ['2027-12-25', 'Noël'],
        ],
      },
    },
  },
  IE: {
    country: 'IE',
    zone: europeWestern('Europe/Dublin'),
    weekend: SAT_SUN,
    lastChecked: '2026-11-29',
    // A public holiday falling on a weekend gives employees a day off in lieu but no substitute public holiday.
    years: {
      2026: {
        status: 'official',
        source:
          'https://www.citizensinformation.ie/en/employment/employment-rights-and-conditions/leave-and-holidays/public-holidays/',
        holidays: [
          ['2026-01-01', "New Year's Day"],
          ['2026-02-02', "St Brigid's Day"],
          ['2026-03-17', "St Patrick's Day"],
          ['2026-04-06', 'Easter Monday'],
          ['2026-05-04', 'May bank holiday'],
          ['2026-06-01', 'June bank holiday'],
          ['2026-08-03', 'August bank holiday'],
          ['2026-10-26', 'October bank holiday'],
          ['2026-12-25', 'Christmas Day'],
          ['2026-12-26', "St Stephen's Day"],
        ],
      },
      2027: {
        status: 'official',
        source:
          'https://www.citizensinformation.ie/en/employment/employment-rights-and-conditions/leave-and-holidays/public-holidays/',
        holidays: [
          ['2027-01-01', "New Year's Day"],
          ['2027-02-01', "St Brigid's Day"],
          ['2027-03-17', "St Patrick's Day"],
          ['2027-03-29', 'Easter Monday'],
          ['2027-05-03', 'May bank holiday'],
          ['2027-06-07', 'June bank holiday'],
          ['2027-08-02', 'August bank holiday'],
          ['2027-10-25', 'October bank holiday'],
          ['2027-12-25', 'Christmas Day'],
          ['2027-12-26', "St Stephen's Day"],
        ],
      },
    },
  },
  NL: {
    country: 'NL',
    zone: europeCentral('Europe/Amsterdam'),
    weekend: SAT_SUN,
    lastChecked: '2026-11-29',
    // Good Friday and Liberation Day are not general days off outside lustrum years, so they are not listed.
    years: {
      2026: {
        status: 'official',
        source: 'https://www.rijksoverheid.nl/onderwerpen/feestdagen',
        holidays: [
          ['2026-01-01', 'Nieuwjaarsdag'],
          ['2026-04-06', 'Tweede Paasdag'],
          ['2026-04-27', 'Koningsdag'],
          ['2026-05-14', 'Hemelvaartsdag'],
          ['2026-05-25', 'Tweede Pinksterdag'],
          ['2026-12-25', 'Eerste Kerstdag'],
          ['2026-12-26', 'Tweede Kerstdag'],
        ],
      },
      2027: {
        status: 'official',
        source: 'https://www.rijksoverheid.nl/onderwerpen/feestdagen',
        holidays: [
          ['2027-01-01', 'Nieuwjaarsdag'],
          ['2027-03-29', 'Tweede Paasdag'],
          ['2027-04-27', 'Koningsdag'],
          ['2027-05-06', 'Hemelvaartsdag'],
          ['2027-05-17', 'Tweede Pinksterdag'],
          ['2027-12-25', 'Eerste Kerstdag'],
          ['2027-12-26', 'Tweede Kerstdag'],
        ],
      },
    },
  },
  ES: {
    country: 'ES',
    zone: europeCentral('Europe/Madrid'),
    weekend: SAT_SUN,
    lastChecked: '2026-11-29',
    years: {
      2026: {
        status: 'official',
        source: 'https://www.boe.es/ (Resolución de fiestas laborales 2026, fiestas nacionales)',
        holidays: [
          ['2026-01-01', 'Año Nuevo'],
          ['2026-01-06', 'Epifanía del Señor'],
          ['2026-04-03', 'Viernes Santo'],
          ['2026-05-01', 'Fiesta del Trabajo'],
          ['2026-08-15', 'Asunción de la Virgen'],
          ['2026-10-12', 'Fiesta Nacional de España'],
          ['2026-11-01', 'Todos los Santos'],
          ['2026-12-06', 'Día de la Constitución'],
          ['2026-12-08', 'Inmaculada Concepción'],
          ['2026-12-25', 'Natividad del Señor'],
        ],
      },
      2027: {
        status: 'provisional',
        source:
          'Estatuto de los Trabajadores art. 37.2 (fiestas nacionales); BOE resolution for 2027 pending',
        holidays: [
          ['2027-01-01', 'Año Nuevo'],
          ['2027-01-06', 'Epifanía del Señor'],
          ['2027-03-26', 'Viernes Santo'],
          ['2027-05-01', 'Fiesta del Trabajo'],
          ['2027-08-15', 'Asunción de la Virgen'],
          ['2027-10-12', 'Fiesta Nacional de España'],
          ['2027-11-01', 'Todos los Santos'],
          ['2027-12-06', 'Día de la Constitución'],
          ['2027-12-08', 'Inmaculada Concepción'],
          ['2027-12-25', 'Natividad del Señor'],
        ],
      },
    },
  },
  IT: {
    country: 'IT',
    zone: europeCentral('Europe/Rome'),
    weekend: SAT_SUN,
    lastChecked: '2026-11-29',
    years: {
      2026: {
        status: 'official',
        source: 'Legge 260/1949 as amended; San Francesco (4 ottobre) restored by Legge 151/2025',
        holidays: [
          ['2026-01-01', 'Capodanno'],
          ['2026-01-06', 'Epifania'],
          ['2026-04-06', "Lunedì dell'Angelo"],
          ['2026-04-25', 'Festa della Liberazione'],
          ['2026-05-01', 'Festa del Lavoro'],
          ['2026-06-02', 'Festa della Repubblica'],
          ['2026-08-15', 'Ferragosto'],
          ['2026-10-04', "San Francesco d'Assisi"],
          ['2026-11-01', 'Ognissanti'],
          ['2026-12-08', 'Immacolata Concezione'],
          ['2026-12-25', 'Natale'],
          ['2026-12-26', 'Santo Stefano'],
        ],
      },
      2027: {
        status: 'official',
        source: 'Legge 260/1949 as amended; San Francesco (4 ottobre) restored by Legge 151/2025',
        holidays: [
          ['2027-01-01', 'Capodanno'],
          ['2027-01-06', 'Epifania'],
          ['2027-03-29', "Lunedì dell'Angelo"],
          ['2027-04-25', 'Festa della Liberazione'],
          ['2027-05-01', 'Festa del Lavoro'],
          ['2027-06-02', 'Festa della Repubblica'],
          ['2027-08-15', 'Ferragosto'],
          ['2027-10-04', "San Francesco d'Assisi"],
          ['2027-11-01', 'Ognissanti'],
          ['2027-12-08', 'Immacolata Concezione'],
          ['2027-12-25', 'Natale'],
          ['2027-12-26', 'Santo Stefano'],
        ],
      },
    },
  },
  CN: {
    country: 'CN',
    zone: { kind: 'fixed', name: 'Asia/Shanghai', offsetMinutes: 480 },
    weekend: SAT_SUN,
    lastChecked: '2026-11-29',
    years: {
      2026: {
        status: 'official',
        source:
          '国务院办公厅关于2026年部分节假日安排的通知 (4 November 2025), https://politics.gmw.cn/2025-11/04/content_38391083.htm',
        holidays: [
          ['2026-01-01', '元旦'],
          ['2026-01-02', '元旦'],
          ['2026-01-03', '元旦'],
          ['2026-02-15', '春节'],
          ['2026-02-16', '春节'],
          ['2026-02-17', '春节'],
          ['2026-02-18', '春节'],
          ['2026-02-19', '春节'],
          ['2026-02-20', '春节'],
          ['2026-02-21', '春节'],
          ['2026-02-22', '春节'],
          ['2026-02-23', '春节'],
          ['2026-04-04', '清明节'],
          ['2026-04-05', '清明节'],
          ['2026-04-06', '清明节'],
          ['2026-05-01', '劳动节'],
          ['2026-05-02', '劳动节'],
          ['2026-05-03', '劳动节'],
          ['2026-05-04', '劳动节'],
          ['2026-05-05', '劳动节'],
          ['2026-06-19', '端午节'],
          ['2026-06-20', '端午节'],
          ['2026-06-21', '端午节'],
          ['2026-09-25', '中秋节'],
          ['2026-09-26', '中秋节'],
          ['2026-09-27', '中秋节'],
          ['2026-10-01', '国庆节'],
          ['2026-10-02', '国庆节'],
          ['2026-10-03', '国庆节'],
          ['2026-10-04', '国庆节'],
          ['2026-10-05', '国庆节'],
          ['2026-10-06', '国庆节'],
          ['2026-10-07', '国庆节'],
        ],
        workingDays: [
          ['2026-01-04', '元旦调休上班'],
          ['2026-02-14', '春节调休上班'],
          ['2026-02-28', '春节调休上班'],
          ['2026-05-09', '劳动节调休上班'],
          ['2026-09-20', '国庆节调休上班'],
          ['2026-10-10', '国庆节调休上班'],
        ],
      },
      2027: {
        // Statutory days only (全国年节及纪念日放假办法, 2025 revision); bridging days follow each November.
        status: 'provisional',
        source: '全国年节及纪念日放假办法 (2025 revision); State Council schedule for 2027 not yet recorded',
        holidays: [
          ['2027-01-01', '元旦'],
          ['2027-02-05', '春节 (除夕)'],
          ['2027-02-06', '春节'],
          ['2027-02-07', '春节'],
          ['2027-02-08', '春节'],
          ['2027-04-05', '清明节'],
          ['2027-05-01', '劳动节'],
          ['2027-05-02', '劳动节'],
          ['2027-06-09', '端午节'],
          ['2027-09-15', '中秋节'],
          ['2027-10-01', '国庆节'],
          ['2027-10-02', '国庆节'],
          ['2027-10-03', '国庆节'],
        ],
      },
    },
  },
  AU: {
    country: 'AU',
    zone: { kind: 'australia_southeast', name: 'Australia/Sydney', standardMinutes: 600 },
    weekend: SAT_SUN,
    lastChecked: '2026-11-29',
    // National days plus the New South Wales dates for the ones each state sets (King's Birthday, substitutes).
    years: {
      2026: {
        status: 'official',
        source: 'https://www.industrialrelations.nsw.gov.au/public-holidays/public-holidays-in-nsw/',
        holidays: [
          ['2026-01-01', "New Year's Day"],
          ['2026-01-26', 'Australia Day'],
          ['2026-04-03', 'Good Friday'],
          ['2026-04-04', 'Easter Saturday'],
          ['2026-04-06', 'Easter Monday'],
          ['2026-04-25', 'Anzac Day'],
          ['2026-06-08', "King's Birthday"],
          ['2026-10-05', 'Labour Day'],
          ['2026-12-25', 'Christmas Day'],
          ['2026-12-28', 'Boxing Day (additional day)'],
        ],
      },
      2027: {
        status: 'official',
        source: 'https://www.industrialrelations.nsw.gov.au/public-holidays/public-holidays-in-nsw/',
        holidays: [
          ['2027-01-01', "New Year's Day"],
          ['2027-01-26', 'Australia Day'],
          ['2027-03-26', 'Good Friday'],
          ['2027-03-27', 'Easter Saturday'],
          ['2027-03-29', 'Easter Monday'],
          ['2027-04-25', 'Anzac Day'],
          ['2027-06-14', "King's Birthday"],
          ['2027-10-04', 'Labour Day'],
          ['2027-12-27', 'Christmas Day (additional day)'],
          ['2027-12-28', 'Boxing Day (additional day)'],
        ],
      },
    },
  },
  CA: {
    country: 'CA',
    // Federal statutory holidays (Canada Labour Code s. 166); Ottawa/Toronto time.
    zone: { kind: 'north_america', name: 'America/Toronto', standardMinutes: -300 },
    weekend: SAT_SUN,
    lastChecked: '2026-11-29',
    years: {
      2026: {
        status: 'official',
        source:
          'https://www.canada.ca/en/revenue-agency/services/tax/public-holidays.html; Canada Labour Code s. 166',
        holidays: [
          ['2026-01-01', "New Year's Day"],
          ['2026-04-03', 'Good Friday'],
          ['2026-05-18', 'Victoria Day'],
          ['2026-07-01', 'Canada Day'],
          ['2026-09-07', 'Labour Day'],
          ['2026-09-30', 'National Day for Truth and Reconciliation'],
          ['2026-10-12', 'Thanksgiving Day'],
          ['2026-11-11', 'Remembrance Day'],
          ['2026-12-25', 'Christmas Day'],
          ['2026-12-28', 'Boxing Day (observed)'],
        ],
      },
      2027: {
        status: 'official',
        source:
          'https://www.canada.ca/en/revenue-agency/services/tax/public-holidays.html; Canada Labour Code s. 166',
        holidays: [
          ['2027-01-01', "New Year's Day"],
          ['2027-03-26', 'Good Friday'],
          ['2027-05-24', 'Victoria Day'],
          ['2027-07-01', 'Canada Day'],
          ['2027-09-06', 'Labour Day'],
          ['2027-09-30', 'National Day for Truth and Reconciliation'],
          ['2027-10-11', 'Thanksgiving Day'],
          ['2027-11-11', 'Remembrance Day'],
          ['2027-12-27', 'Christmas Day (observed)'],
          ['2027-12-28', 'Boxing Day (observed)'],
        ],
      },
    },
  },
  SG: {
    country: 'SG',
    zone: { kind: 'fixed', name: 'Asia/Singapore', offsetMinutes: 480 },
    weekend: SAT_SUN,
    lastChecked: '2026-11-29',
    years: {
      2026: {
        status: 'official',
        source: 'https://www.mom.gov.sg/employment-practices/public-holidays',
        holidays: [
          ['2026-01-01', "New Year's Day"],
          ['2026-02-17', 'Chinese New Year'],
          ['2026-02-18', 'Chinese New Year'],
          ['2026-03-21', 'Hari Raya Puasa'],
          ['2026-04-03', 'Good Friday'],
          ['2026-05-01', 'Labour Day'],
          ['2026-05-27', 'Hari Raya Haji'],
          ['2026-05-31', 'Vesak Day'],
          ['2026-06-01', 'Vesak Day (observed)'],
          ['2026-08-09', 'National Day'],
          ['2026-08-10', 'National Day (observed)'],
          ['2026-11-08', 'Deepavali'],
          ['2026-11-09', 'Deepavali (observed)'],
          ['2026-12-25', 'Christmas Day'],
        ],
      },
      2027: {
        // Lunar and Islamic dates are estimates until MOM gazettes the year.
        status: 'provisional',
        source: 'Holidays Act 1998 (Singapore) with estimated lunar and Islamic dates',
        holidays: [
          ['2027-01-01', "New Year's Day"],
          ['2027-02-06', 'Chinese New Year'],
          ['2027-02-07', 'Chinese New Year'],
          ['2027-02-08', 'Chinese New Year (observed)'],
          ['2027-03-10', 'Hari Raya Puasa'],
          ['2027-03-26', 'Good Friday'],
          ['2027-05-01', 'Labour Day'],
          ['2027-05-17', 'Hari Raya Haji'],
          ['2027-05-20', 'Vesak Day'],
          ['2027-08-09', 'National Day'],
          ['2027-10-28', 'Deepavali'],
          ['2027-12-25', 'Christmas Day'],
        ],
      },
    },
  },
  BR: {
    country: 'BR',
    // Brasília time has had no daylight saving since 2019 (Decreto 9.772/2019).
    zone: { kind: 'fixed', name: 'America/Sao_Paulo', offsetMinutes: -180 },
    weekend: SAT_SUN,
    lastChecked: '2026-11-29',
    // National holidays (Lei 662/1949, 6.802/1980, 10.607/2002, 14.759/2023); Carnival and Corpus Christi are
    // optional federal days off (ponto facultativo), so they count as business days here.
    years: {
      2026: {
        status: 'official',
        source: 'https://www.gov.br/ (Portaria MGI com feriados nacionais e pontos facultativos de 2026)',
        holidays: [
          ['2026-01-01', 'Confraternização Universal'],
          ['2026-04-03', 'Paixão de Cristo'],
          ['2026-04-21', 'Tiradentes'],
          ['2026-05-01', 'Dia Mundial do Trabalho'],
          ['2026-09-07', 'Independência do Brasil'],
          ['2026-10-12', 'Nossa Senhora Aparecida'],
          ['2026-11-02', 'Finados'],
          ['2026-11-15', 'Proclamação da República'],
          ['2026-11-20', 'Dia Nacional de Zumbi e da Consciência Negra'],
          ['2026-12-25', 'Natal'],
        ],
      },
      2027: {
        status: 'official',
        source: 'Lei 662/1949 and later laws (fixed national holidays); Good Friday from the Easter date',
        holidays: [
          ['2027-01-01', 'Confraternização Universal'],
          ['2027-03-26', 'Paixão de Cristo'],
          ['2027-04-21', 'Tiradentes'],
          ['2027-05-01', 'Dia Mundial do Trabalho'],
          ['2027-09-07', 'Independência do Brasil'],
          ['2027-10-12', 'Nossa Senhora Aparecida'],
          ['2027-11-02', 'Finados'],
          ['2027-11-15', 'Proclamação da República'],
          ['2027-11-20', 'Dia Nacional de Zumbi e da Consciência Negra'],
          ['2027-12-25', 'Natal'],
        ],
      },
    },
  },
  JP: {
    country: 'JP',
    zone: { kind: 'fixed', name: 'Asia/Tokyo', offsetMinutes: 540 },
    weekend: SAT_SUN,
    lastChecked: '2026-11-29',
    years: {
      2026: {
        status: 'official',
        source: 'https://www8.cao.go.jp/chosei/shukujitsu/gaiyou.html',
        holidays: [
          ['2026-01-01', '元日'],
          ['2026-01-12', '成人の日'],
          ['2026-02-11', '建国記念の日'],
          ['2026-02-23', '天皇誕生日'],
          ['2026-03-20', '春分の日'],
          ['2026-04-29', '昭和の日'],
          ['2026-05-03', '憲法記念日'],
          ['2026-05-04', 'みどりの日'],
          ['2026-05-05', 'こどもの日'],
          ['2026-05-06', '休日 (振替休日)'],
          ['2026-07-20', '海の日'],
          ['2026-08-11', '山の日'],
          ['2026-09-21', '敬老の日'],
          ['2026-09-22', '休日 (国民の休日)'],
          ['2026-09-23', '秋分の日'],
          ['2026-10-12', 'スポーツの日'],
          ['2026-11-03', '文化の日'],
          ['2026-11-23', '勤労感謝の日'],
        ],
      },
      2027: {
        status: 'official',
        source: 'https://www8.cao.go.jp/chosei/shukujitsu/gaiyou.html (equinox days per the NAOJ almanac)',
        holidays: [
          ['2027-01-01', '元日'],
          ['2027-01-11', '成人の日'],
          ['2027-02-11', '建国記念の日'],
          ['2027-02-23', '天皇誕生日'],
          ['2027-03-21', '春分の日'],
          ['2027-03-22', '休日 (振替休日)'],
          ['2027-04-29', '昭和の日'],
          ['2027-05-03', '憲法記念日'],
          ['2027-05-04', 'みどりの日'],
          ['2027-05-05', 'こどもの日'],
          ['2027-07-19', '海の日'],
          ['2027-08-11', '山の日'],
          ['2027-09-20', '敬老の日'],
          ['2027-09-23', '秋分の日'],
          ['2027-10-11', 'スポーツの日'],
          ['2027-11-03', '文化の日'],
          ['2027-11-23', '勤労感謝の日'],
        ],
      },
    },
  },
  IN: {
    country: 'IN',
    zone: { kind: 'fixed', name: 'Asia/Kolkata', offsetMinutes: 330 },
    weekend: SAT_SUN,
    lastChecked: '2026-11-29',
    // The three national holidays only; the gazetted festival days differ by state and office.
    years: {
      2026: {
        status: 'official',
        source:
          'Ministry of Personnel, Public Grievances and Pensions, holidays for 2026 (national holidays)',
        holidays: [
          ['2026-01-26', 'Republic Day'],
          ['2026-08-15', 'Independence Day'],
          ['2026-10-02', "Mahatma Gandhi's Birthday"],
        ],
      },
      2027: {
        status: 'official',
        source: 'Ministry of Personnel, Public Grievances and Pensions (national holidays)',
        holidays: [
          ['2027-01-26', 'Republic Day'],
          ['2027-08-15', 'Independence Day'],
          ['2027-10-02', "Mahatma Gandhi's Birthday"],
        ],
      },
    },
  },
  CO: {
    country: 'CO',
    zone: { kind: 'fixed', name: 'America/Bogota', offsetMinutes: -300 },
    weekend: SAT_SUN,
    lastChecked: '2026-12-08',
    // Ley 51 de 1983 (Ley Emiliani) moves most holidays to the following Monday; Easter-based days follow Easter.
    years: {
      2026: {
        status: 'official',
        source: 'Ley 51 de 1983 and Decreto 2663 de 1950 art. 177, dates for 2026 (Easter 5 April)',
        holidays: [
          ['2026-01-01', 'Año Nuevo'],
          ['2026-01-12', 'Día de los Reyes Magos'],
          ['2026-03-23', 'Día de San José'],
          ['2026-04-02', 'Jueves Santo'],
          ['2026-04-03', 'Viernes Santo'],
          ['2026-05-01', 'Día del Trabajo'],
          ['2026-05-18', 'Día de la Ascensión'],
          ['2026-06-08', 'Corpus Christi'],
          ['2026-06-15', 'Sagrado Corazón'],
          ['2026-06-29', 'San Pedro y San Pablo'],
          ['2026-07-20', 'Día de la Independencia'],
          ['2026-08-07', 'Batalla de Boyacá'],
          ['2026-08-17', 'La Asunción de la Virgen'],
          ['2026-10-12', 'Día de la Raza'],
          ['2026-11-02', 'Todos los Santos'],
          ['2026-11-16', 'Independencia de Cartagena'],
          ['2026-12-08', 'Inmaculada Concepción'],
          ['2026-12-25', 'Navidad'],
        ],
      },
      2027: {
        // Computed from the statutory rules (Easter 28 March); no published calendar checked yet.
        status: 'provisional',
        source: 'Computed from Ley 51 de 1983 (Easter 28 March 2027); check against the published calendar',
        holidays: [
          ['2027-01-01', 'Año Nuevo'],
          ['2027-01-11', 'Día de los Reyes Magos'],
          ['2027-03-22', 'Día de San José'],
          ['2027-03-25', 'Jueves Santo'],
          ['2027-03-26', 'Viernes Santo'],
          ['2027-05-01', 'Día del Trabajo'],
          ['2027-05-10', 'Día de la Ascensión'],
          ['2027-05-31', 'Corpus Christi'],
          ['2027-06-07', 'Sagrado Corazón'],
          ['2027-07-05', 'San Pedro y San Pablo'],
          ['2027-07-20', 'Día de la Independencia'],
          ['2027-08-07', 'Batalla de Boyacá'],
          ['2027-08-16', 'La Asunción de la Virgen'],
          ['2027-10-18', 'Día de la Raza'],
          ['2027-11-01', 'Todos los Santos'],
          ['2027-11-15', 'Independencia de Cartagena'],
          ['2027-12-08', 'Inmaculada Concepción'],
          ['2027-12-25', 'Navidad'],
        ],
      },
    },
  },
};
