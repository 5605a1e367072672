// The time zone a person's phone is most likely answered in, from their region (ISO 3166-2) or
// country. One representative zone per US state, otherwise the country's business-day zone; a
// person with neither is placed in UTC, which the quiet-hours window still bounds.
import { CALENDARS } from '../calendar/holidays.js';
import type { Zone } from '../calendar/zones.js';

const na = (name: string, standardMinutes: number): Zone => ({
  kind: 'north_america',
  name,
  standardMinutes,
});
const fixed = (name: string, offsetMinutes: number): Zone => ({ kind: 'fixed', name, offsetMinutes });

const EASTERN = na('America/New_York', -300);
const CENTRAL = na('America/Chicago', -360);
const MOUNTAIN = na('America/Denver', -420);
const PACIFIC = na('America/Los_Angeles', -480);

const US_STATE_GROUPS: ReadonlyArray<readonly [Zone, readonly string[]]> = [
  [
    EASTERN,
    ['CT', 'DC', 'DE', 'FL', 'GA', 'IN', 'KY', 'MA', 'MD', 'ME', 'MI', 'NC', 'NH', 'NJ', 'NY', 'OH', 'PA'],
  ],
  [EASTERN, ['RI', 'SC', 'VA', 'VT', 'WV']],
  [CENTRAL, ['AL', 'AR', 'IA', 'IL', 'KS', 'LA', 'MN', 'MO', 'MS', 'ND', 'NE', 'OK', 'SD', 'TN', 'TX', 'WI']],
  [MOUNTAIN, ['CO', 'ID', 'MT', 'NM', 'UT', 'WY']],
  [PACIFIC, ['CA', 'NV', 'OR', 'WA']],
  [na('America/Anchorage', -540), ['AK']],
  // Arizona, Hawaii and the territories keep standard time all year.
  [fixed('America/Phoenix', -420), ['AZ']],
  [fixed('Pacific/Honolulu', -600), ['HI']],
  [fixed('America/Puerto_Rico', -240), ['PR', 'VI']],
  [fixed('Pacific/Guam', 600), ['GU', 'MP']],
  [fixed('Pacific/Pago_Pago', -660), ['AS']],
];

const US_STATES: ReadonlyMap<string, Zone> = new Map(
  US_STATE_GROUPS.flatMap(([zone, states]) => states.map((s) => [`US-${s}`, zone] as const)),
);

/** Countries the business-day calendars do not cover but whose people the service reaches often. */
const COUNTRY_ZONES: Readonly<Record<string, Zone>> = {
  AT: { kind: 'europe', name: 'Europe/Vienna', standardMinutes: 60 },
  BE: { kind: 'europe', name: 'Europe/Brussels', standardMinutes: 60 },
  CH: { kind: 'europe', name: 'Europe/Zurich', standardMinutes: 60 },
  DK: { kind: 'europe', name: 'Europe/Copenhagen', standardMinutes: 60 },
  PL: { kind: 'europe', name: 'Europe/Warsaw', standardMinutes: 60 },
  PT: { kind: 'europe', name: 'Europe/Lisbon', standardMinutes: 0 },
  SE: { kind: 'europe', name: 'Europe/Stockholm', standardMinutes: 60 },
  FI: { kind: 'europe', name: 'Europe/Helsinki', standardMinutes: 120 },
  GR: { kind: 'europe', name: 'Europe/Athens', standardMinutes: 120 },
  HK: fixed('Asia/Hong_Kong', 480),
  KR: fixed('Asia/Seoul', 540),
  MX: fixed('America/Mexico_City', -360),
  NZ: fixed('Pacific/Auckland', 720),
};

export const UTC_ZONE: Zone = fixed('UTC', 0);

export function zoneOfPerson(person: { country?: string; region?: string }): Zone {
  const region = person.region?.toUpperCase();
  const byRegion = region ? US_STATES.get(region) : undefined;
  if (byRegion) return byRegion;
  const country = (person.country ?? region?.slice(0, 2))?.toUpperCase();
  if (!country) return UTC_ZONE;
  return CALENDARS[country]?.zone ?? COUNTRY_ZONES[country] ?? UTC_ZONE;
}
