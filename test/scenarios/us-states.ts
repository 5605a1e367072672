// Dated scenarios for the US state regimes, checked through the API by test/rules-us-api.test.ts. Each is one
// incident: what was exposed, where the people live, what was judged, and what the obligations must say.
// Due dates are worked out by hand from the statute (calendar days add 24 h periods from the clock start).
import type { DataCategory } from '../../domain/incident.js';

/** `open` is due, overdue or needs_judgement: the duty stands, whatever today's date makes of it. */
export type ExpectedStatus = 'open' | 'not_required' | 'waiting_for_event' | 'absent';

export interface UsScenario {
  name: string;
  discoveredAt: string;
  categories: DataCategory[];
  encrypted?: boolean;
  /** People per US subdivision (`CO`), or per country for a territory uploaded under its own code (`PR:country`). */
  people: Record<string, number>;
  judgements?: { kind: string; value: boolean; regime?: string; effectiveAt?: string }[];
  /** Obligation ids (`us_colorado.regulator_report.notification`) and what they must show. */
  expect: Record<string, { status: ExpectedStatus; dueAt?: string | null }>;
}

const SSN: DataCategory[] = ['name', 'national_id'];
const N = 'individual_notice.notification';
const AG = 'regulator_report.notification';
const CRA = 'credit_bureau_notice.notification';

export const US_SCENARIOS: UsScenario[] = [
  {
    name: 'Colorado, 500 residents on 2026-06-01: "500 or more" reaches the Attorney General, 30 days',
    discoveredAt: '2026-06-01T10:00:00Z',
    categories: SSN,
    people: { CO: 500 },
    expect: {
      [`us_colorado.${N}`]: { status: 'open', dueAt: '2026-07-01T10:00:00.000Z' },
      [`us_colorado.${AG}`]: { status: 'open', dueAt: '2026-07-01T10:00:00.000Z' },
      [`us_colorado.${CRA}`]: { status: 'not_required' },
    },
  },
  {
    name: 'Washington, 500 residents on 2026-09-15: "more than 500" does not reach the Attorney General',
    discoveredAt: '2026-09-15T10:00:00Z',
    categories: SSN,
    people: { WA: 500 },
    expect: {
      [`us_washington.${N}`]: { status: 'open', dueAt: '2026-10-15T10:00:00.000Z' },
      [`us_washington.${AG}`]: { status: 'not_required' },
    },
  },
  {
    name: 'Washington, 501 residents on 2026-09-15: the Attorney General within 30 days of discovery',
    discoveredAt: '2026-09-15T10:00:00Z',
    categories: SSN,
    people: { WA: 501 },
    expect: { [`us_washington.${AG}`]: { status: 'open', dueAt: '2026-10-15T10:00:00.000Z' } },
  },
  {
    name: 'District of Columbia, 50 residents on 2026-10-01: the Attorney General from 50, no fixed period',
    discoveredAt: '2026-10-01T10:00:00Z',
    categories: SSN,
    people: { DC: 50 },
    expect: {
      [`us_district_of_columbia.${N}`]: { status: 'open', dueAt: null },
      [`us_district_of_columbia.${AG}`]: { status: 'open', dueAt: null },
    },
  },
  {
    name: 'District of Columbia, 49 residents on 2026-10-01: below the Attorney General threshold',
    discoveredAt: '2026-10-01T10:00:00Z',
    categories: SSN,
    people: { DC: 49 },
    expect: { [`us_district_of_columbia.${AG}`]: { status: 'not_required' } },
  },
  {
    name: 'North Dakota, 251 residents on 2026-08-03: the Attorney General over 250',
    discoveredAt: '2026-08-03T10:00:00Z',
    categories: SSN,
    people: { ND: 251 },
    expect: { [`us_north_dakota.${AG}`]: { status: 'open', dueAt: null } },
  },
  {
    name: 'North Dakota, 250 residents on 2026-08-03: not over 250',
    discoveredAt: '2026-08-03T10:00:00Z',
    categories: SSN,
    people: { ND: 250 },
    expect: { [`us_north_dakota.${AG}`]: { status: 'not_required' } },
  },
  {
    name: 'Oregon, 251 residents on 2026-11-20: residents and the Attorney General within 45 days',
    discoveredAt: '2026-11-20T10:00:00Z',
    categories: SSN,
    people: { OR: 251 },
    expect: {
      [`us_oregon.${N}`]: { status: 'open', dueAt: '2027-01-04T10:00:00.000Z' },
      [`us_oregon.${AG}`]: { status: 'open', dueAt: '2027-01-04T10:00:00.000Z' },
      [`us_oregon.${CRA}`]: { status: 'not_required' },
    },
  },
  {
    name: 'South Dakota, 20 residents on 2026-05-10: 60 days, credit bureaus always, no Attorney General',
    discoveredAt: '2026-05-10T10:00:00Z',
    categories: SSN,
    people: { SD: 20 },
    expect: {
      [`us_south_dakota.${N}`]: { status: 'open', dueAt: '2026-07-09T10:00:00.000Z' },
      [`us_south_dakota.${AG}`]: { status: 'not_required' },
      [`us_south_dakota.${CRA}`]: { status: 'open', dueAt: null },
    },
  },
  {
    name: 'New York, encrypted data on 2026-04-01: the safe harbour',
    discoveredAt: '2026-04-01T10:00:00Z',
    categories: SSN,
    encrypted: true,
    people: { NY: 10 },
    expect: {
      [`us_new_york.${N}`]: { status: 'not_required' },
      [`us_new_york.${AG}`]: { status: 'not_required' },
    },
  },
  {
    name: 'New York, 10 residents on 2026-04-01: 30 days, the three agencies by the same date',
    discoveredAt: '2026-04-01T10:00:00Z',
    categories: SSN,
    people: { NY: 10 },
    expect: {
      [`us_new_york.${N}`]: { status: 'open', dueAt: '2026-05-01T10:00:00.000Z' },
      [`us_new_york.${AG}`]: { status: 'open', dueAt: '2026-05-01T10:00:00.000Z' },
      [`us_new_york.${CRA}`]: { status: 'not_required' },
    },
  },
  {
    name: 'Illinois, names and emails only on 2026-03-09: not personal information',
    discoveredAt: '2026-03-09T10:00:00Z',
    categories: ['name', 'email'],
    people: { IL: 10 },
    expect: { [`us_illinois.${N}`]: { status: 'not_required' } },
  },
  {
    name: 'Nevada, passwords on 2026-05-05: online credentials are personal information',
    discoveredAt: '2026-05-05T10:00:00Z',
    categories: ['email', 'password'],
    people: { NV: 10 },
    expect: { [`us_nevada.${N}`]: { status: 'open', dueAt: null } },
  },
  {
    name: 'Kentucky, passwords on 2026-05-05: not personal information there',
    discoveredAt: '2026-05-05T10:00:00Z',
    categories: ['email', 'password'],
    people: { KY: 10 },
    expect: { [`us_kentucky.${N}`]: { status: 'not_required' } },
  },
  {
    name: 'Wisconsin, biometrics on 2026-07-01: 45 days from learning of the breach',
    discoveredAt: '2026-07-01T10:00:00Z',
    categories: ['name', 'biometric'],
    people: { WI: 10 },
    expect: { [`us_wisconsin.${N}`]: { status: 'open', dueAt: '2026-08-15T10:00:00.000Z' } },
  },
  {
    name: 'Missouri, medical information on 2026-02-10: personal information, no fixed period',
    discoveredAt: '2026-02-10T10:00:00Z',
    categories: ['name', 'health'],
    people: { MO: 10 },
    expect: {
      [`us_missouri.${N}`]: { status: 'open', dueAt: null },
      [`us_missouri.${AG}`]: { status: 'not_required' },
    },
  },
  {
    name: 'Colorado, harm judged not likely on 2026-06-15: no notice',
    discoveredAt: '2026-06-15T10:00:00Z',
    categories: SSN,
    people: { CO: 10 },
    judgements: [{ kind: 'harm_not_likely', value: true, regime: 'us_colorado' }],
    expect: { [`us_colorado.${N}`]: { status: 'not_required' } },
  },
  {
    name: 'Illinois, harm judged not likely on 2026-06-15: Illinois has no such exception',
    discoveredAt: '2026-06-15T10:00:00Z',
    categories: SSN,
    people: { IL: 10 },
    judgements: [{ kind: 'harm_not_likely', value: true }],
    expect: { [`us_illinois.${N}`]: { status: 'open', dueAt: null } },
  },
  {
    name: 'Colorado, discovered 2026-02-02, breach determined 2026-02-05 09:00: 30 days from determination',
    discoveredAt: '2026-02-02T10:00:00Z',
    categories: SSN,
    people: { CO: 10 },
    judgements: [{ kind: 'awareness', value: true, effectiveAt: '2026-02-05T09:00:00Z' }],
    expect: { [`us_colorado.${N}`]: { status: 'open', dueAt: '2026-03-07T09:00:00.000Z' } },
  },
  {
    name: 'Massachusetts, law enforcement asks for a delay on 2026-10-05: notice on hold',
    discoveredAt: '2026-10-05T10:00:00Z',
    categories: SSN,
    people: { MA: 10 },
    judgements: [{ kind: 'law_enforcement_delay', value: true }],
    expect: { [`us_massachusetts.${N}`]: { status: 'waiting_for_event' } },
  },
  {
    name: 'Vermont, discovered Monday 2026-11-02: preliminary notice on the 14th business day, past Veterans Day',
    discoveredAt: '2026-11-02T15:00:00Z',
    categories: SSN,
    people: { VT: 10 },
    expect: {
      [`us_vermont.${N}`]: { status: 'open', dueAt: '2026-12-17T15:00:00.000Z' },
      [`us_vermont.${AG}`]: { status: 'open', dueAt: '2026-11-23T15:00:00.000Z' },
    },
  },
  {
    name: 'Louisiana, 5 residents on 2026-03-16: 60 days; the Attorney General 10 days after the notices',
    discoveredAt: '2026-03-16T10:00:00Z',
    categories: SSN,
    people: { LA: 5 },
    expect: {
      [`us_louisiana.${N}`]: { status: 'open', dueAt: '2026-05-15T10:00:00.000Z' },
      [`us_louisiana.${AG}`]: { status: 'waiting_for_event' },
    },
  },
  {
    name: 'Puerto Rico, people uploaded under country PR on 2026-10-20: DACO within 10 days',
    discoveredAt: '2026-10-20T10:00:00Z',
    categories: SSN,
    people: { 'PR:country': 3 },
    expect: {
      [`us_puerto_rico.${N}`]: { status: 'open', dueAt: null },
      [`us_puerto_rico.${AG}`]: { status: 'open', dueAt: '2026-10-30T10:00:00.000Z' },
    },
  },
  {
    name: 'Guam, people uploaded under US-GU on 2026-07-07: no fixed period, no regulator',
    discoveredAt: '2026-07-07T10:00:00Z',
    categories: SSN,
    people: { GU: 4 },
    expect: { [`us_guam.${N}`]: { status: 'open', dueAt: null }, [`us_guam.${AG}`]: { status: 'absent' } },
  },
  {
    name: 'US Virgin Islands on 2026-07-07: without unreasonable delay',
    discoveredAt: '2026-07-07T10:00:00Z',
    categories: SSN,
    people: { VI: 4 },
    expect: { [`us_virgin_islands.${N}`]: { status: 'open', dueAt: null } },
  },
  {
    name: 'Tennessee, Ohio and Indiana on 2026-09-01: 45 days each; Indiana tells its Attorney General',
    discoveredAt: '2026-09-01T10:00:00Z',
    categories: SSN,
    people: { TN: 5, OH: 5, IN: 5 },
    expect: {
      [`us_tennessee.${N}`]: { status: 'open', dueAt: '2026-10-16T10:00:00.000Z' },
      [`us_ohio.${N}`]: { status: 'open', dueAt: '2026-10-16T10:00:00.000Z' },
      [`us_indiana.${N}`]: { status: 'open', dueAt: '2026-10-16T10:00:00.000Z' },
      [`us_indiana.${AG}`]: { status: 'open', dueAt: '2026-10-16T10:00:00.000Z' },
      [`us_tennessee.${CRA}`]: { status: 'not_required' },
      [`us_ohio.${AG}`]: { status: 'absent' },
    },
  },
  {
    name: 'Arizona, 10 residents on 2026-06-10: 45 days; the Attorney General only over 1,000',
    discoveredAt: '2026-06-10T10:00:00Z',
    categories: SSN,
    people: { AZ: 10 },
    expect: {
      [`us_arizona.${N}`]: { status: 'open', dueAt: '2026-07-25T10:00:00.000Z' },
      [`us_arizona.${AG}`]: { status: 'not_required' },
    },
  },
  {
    name: 'Maine, 3 residents on 2026-10-10: 30 days, the regulator by the same date',
    discoveredAt: '2026-10-10T10:00:00Z',
    categories: SSN,
    people: { ME: 3 },
    expect: {
      [`us_maine.${N}`]: { status: 'open', dueAt: '2026-11-09T10:00:00.000Z' },
      [`us_maine.${AG}`]: { status: 'open', dueAt: '2026-11-09T10:00:00.000Z' },
    },
  },
  {
    name: 'Connecticut, 2 residents on 2026-10-15: 60 days, the Attorney General by the same date',
    discoveredAt: '2026-10-15T10:00:00Z',
    categories: SSN,
    people: { CT: 2 },
    expect: {
      [`us_connecticut.${N}`]: { status: 'open', dueAt: '2026-12-14T10:00:00.000Z' },
      [`us_connecticut.${AG}`]: { status: 'open', dueAt: '2026-12-14T10:00:00.000Z' },
    },
  },
  {
    name: 'Maryland, 8 residents on 2026-04-20: 45 days, the Attorney General before the residents',
    discoveredAt: '2026-04-20T10:00:00Z',
    categories: SSN,
    people: { MD: 8 },
    expect: {
      [`us_maryland.${N}`]: { status: 'open', dueAt: '2026-06-04T10:00:00.000Z' },
      [`us_maryland.${AG}`]: { status: 'open', dueAt: '2026-06-04T10:00:00.000Z' },
    },
  },
  {
    name: 'New Mexico, 6 residents on 2026-02-01: 45 calendar days',
    discoveredAt: '2026-02-01T10:00:00Z',
    categories: SSN,
    people: { NM: 6 },
    expect: {
      [`us_new_mexico.${N}`]: { status: 'open', dueAt: '2026-03-18T10:00:00.000Z' },
      [`us_new_mexico.${AG}`]: { status: 'not_required' },
    },
  },
  {
    name: 'Rhode Island, 7 residents on 2026-08-20: 45 days from confirmation; no Attorney General under 501',
    discoveredAt: '2026-08-20T10:00:00Z',
    categories: SSN,
    people: { RI: 7 },
    expect: {
      [`us_rhode_island.${N}`]: { status: 'open', dueAt: '2026-10-04T10:00:00.000Z' },
      [`us_rhode_island.${AG}`]: { status: 'not_required' },
    },
  },
  {
    name: 'Delaware, 9 residents on 2026-01-05: 60 days from determination',
    discoveredAt: '2026-01-05T10:00:00Z',
    categories: SSN,
    people: { DE: 9 },
    expect: {
      [`us_delaware.${N}`]: { status: 'open', dueAt: '2026-03-06T10:00:00.000Z' },
      [`us_delaware.${AG}`]: { status: 'not_required' },
    },
  },
  {
    name: 'Georgia and California on 2026-09-20: Georgia without a fixed period, California its own 30 days',
    discoveredAt: '2026-09-20T10:00:00Z',
    categories: SSN,
    people: { GA: 5, CA: 5 },
    expect: {
      [`us_georgia.${N}`]: { status: 'open', dueAt: null },
      [`us_georgia.${CRA}`]: { status: 'not_required' },
      [`us_california.${N}`]: { status: 'open', dueAt: '2026-10-20T10:00:00.000Z' },
    },
  },
  {
    name: 'Alabama, 12 residents on 2026-04-04: 45 days; no Attorney General under 1,001',
    discoveredAt: '2026-04-04T10:00:00Z',
    categories: SSN,
    people: { AL: 12 },
    expect: {
      [`us_alabama.${N}`]: { status: 'open', dueAt: '2026-05-19T10:00:00.000Z' },
      [`us_alabama.${AG}`]: { status: 'not_required' },
    },
  },
];
