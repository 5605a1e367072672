// The figures of each US state statute, written out a second time as the tests expect them, independently of the
// regime data in domain/obligations/regimes/us-states/: a typo in either shows up as a failing edge test.
//
// res: days to residents and from what (disc = discovery, det = determination; null = no fixed period)
// ag:  regulator threshold [op, n] (null = any notice to residents) and its days [n, from] (null = no fixed
//      period; a notice due with the residents' one has their period as its outer limit)
// cra: credit bureau threshold [op, n] (null = every notice)
// sub: substitute-notice thresholds [cost USD, head count or null] ("exceeds"), null when the statute has none
// harm: the statute has a risk-of-harm exception
// pw/hl/bio: online credentials, medical information, biometrics count as personal information

export type Op = 'gt' | 'gte';
export type From = 'disc' | 'det' | 'notice';

export interface StateFixture {
  id: string;
  region: string;
  res: [number, From] | null;
  ag?: { at: [Op, number] | null; days: [number, From, ('cal' | 'bus' | 'hours')?] | null };
  cra?: { at: [Op, number] | null; days?: [number, From, ('cal' | 'bus' | 'hours')?] };
  sub: [number, number | null] | null;
  harm: boolean;
  pw: boolean;
  hl: boolean;
  bio: boolean;
}

const f = (
  id: string,
  region: string,
  res: StateFixture['res'],
  rest: Omit<StateFixture, 'id' | 'region' | 'res' | 'pw' | 'hl' | 'bio'> & { pi?: string },
): StateFixture => {
  const pi = rest.pi ?? '';
  const { pi: _pi, ...others } = rest;
  return {
    id,
    region,
    res,
    ...others,
    pw: pi.includes('pw'),
    hl: pi.includes('hl'),
    bio: pi.includes('bio'),
  };
};

const K = [1_000, 'gt'] as const;
const cra1000 = { at: [K[1], K[0]] as [Op, number] };
const std: [number, number] = [250_000, 500_000];

export const STATE_FIXTURES: StateFixture[] = [
  // Northeast and DC
  f('us_connecticut', 'CT', [60, 'disc'], {
    ag: { at: null, days: [60, 'disc'] },
    sub: std,
    harm: true,
    pi: 'pw hl bio',
  }),
  f('us_delaware', 'DE', [60, 'det'], {
    ag: { at: ['gt', 500], days: [60, 'det'] },
    sub: [75_000, 100_000],
    harm: true,
    pi: 'pw hl bio',
  }),
  f('us_maine', 'ME', [30, 'det'], {
    ag: { at: null, days: [30, 'det'] },
    cra: cra1000,
    sub: [5_000, 1_000],
    harm: true,
    pi: 'pw',
  }),
  f('us_maryland', 'MD', [45, 'disc'], {
    ag: { at: null, days: [45, 'disc'] },
    cra: { at: ['gte', 1_000] },
    sub: [100_000, 175_000],
    harm: true,
    pi: 'pw hl bio',
  }),
  f('us_massachusetts', 'MA', null, { ag: { at: null, days: null }, sub: std, harm: true }),
  f('us_new_hampshire', 'NH', null, {
    ag: { at: null, days: null },
    cra: cra1000,
    sub: [5_000, 1_000],
    harm: true,
  }),
  f('us_new_jersey', 'NJ', null, {
    ag: { at: null, days: null },
    cra: cra1000,
    sub: std,
    harm: true,
    pi: 'pw',
  }),
  f('us_new_york', 'NY', [30, 'disc'], {
    ag: { at: null, days: [30, 'disc'] },
    cra: { at: ['gt', 5_000] },
    sub: std,
    harm: true,
    pi: 'pw bio',
  }),
  f('us_pennsylvania', 'PA', null, {
    ag: { at: ['gt', 500], days: null },
    cra: { at: ['gte', 500] },
    sub: [100_000, 175_000],
    harm: true,
    pi: 'pw hl bio',
  }),
  f('us_rhode_island', 'RI', [45, 'det'], {
    ag: { at: ['gt', 500], days: [45, 'det'] },
    cra: { at: ['gt', 500] },
    sub: [25_000, 50_000],
    harm: true,
    pi: 'pw hl',
  }),
  f('us_vermont', 'VT', [45, 'disc'], {
    ag: { at: null, days: [14, 'disc', 'bus'] },
    cra: cra1000,
    sub: [10_000, 5_000],
    harm: true,
    pi: 'pw hl bio',
  }),
  f('us_district_of_columbia', 'DC', null, {
    ag: { at: ['gte', 50], days: null },
    cra: cra1000,
    sub: [50_000, 100_000],
    harm: true,
    pi: 'pw hl bio',
  }),
  // South
  f('us_alabama', 'AL', [45, 'det'], {
    ag: { at: ['gt', 1_000], days: [45, 'det'] },
    cra: cra1000,
    sub: [500_000, 100_000],
    harm: true,
    pi: 'pw hl',
  }),
  f('us_arkansas', 'AR', null, {
    ag: { at: ['gt', 1_000], days: [45, 'det'] },
    sub: std,
    harm: true,
    pi: 'hl bio',
  }),
  f('us_georgia', 'GA', null, { cra: { at: ['gt', 10_000] }, sub: [50_000, 100_000], harm: false, pi: 'pw' }),
  f('us_kentucky', 'KY', null, { cra: cra1000, sub: std, harm: true }),
  f('us_louisiana', 'LA', [60, 'disc'], {
    ag: { at: null, days: [10, 'notice'] },
    sub: [100_000, 100_000],
    harm: true,
    pi: 'bio',
  }),
  f('us_mississippi', 'MS', null, { sub: [5_000, 5_000], harm: true }),
  f('us_north_carolina', 'NC', null, {
    ag: { at: null, days: null },
    cra: cra1000,
    sub: std,
    harm: true,
    pi: 'pw bio',
  }),
  f('us_oklahoma', 'OK', null, {
    ag: { at: ['gte', 500], days: [60, 'notice'] },
    sub: [50_000, 100_000],
    harm: true,
    pi: 'bio',
  }),
  f('us_south_carolina', 'SC', null, {
    ag: { at: ['gt', 1_000], days: null },
    cra: cra1000,
    sub: std,
    harm: true,
  }),
  f('us_tennessee', 'TN', [45, 'disc'], { cra: cra1000, sub: std, harm: false }),
  f('us_virginia', 'VA', null, {
    ag: { at: null, days: null },
    cra: cra1000,
    sub: [50_000, 100_000],
    harm: true,
    pi: 'bio',
  }),
  f('us_west_virginia', 'WV', null, { cra: cra1000, sub: [50_000, 100_000], harm: true }),
  // Midwest
  f('us_illinois', 'IL', null, {
    ag: { at: ['gt', 500], days: null },
    sub: std,
    harm: false,
    pi: 'pw hl bio',
  }),
  f('us_indiana', 'IN', [45, 'disc'], {
    ag: { at: null, days: [45, 'disc'] },
    cra: cra1000,
    sub: std,
    harm: true,
  }),
  f('us_iowa', 'IA', null, {
    ag: { at: ['gt', 500], days: [5, 'notice', 'bus'] },
    sub: [250_000, 350_000],
    harm: true,
    pi: 'bio',
  }),
  f('us_kansas', 'KS', null, { cra: cra1000, sub: [100_000, 5_000], harm: true }),
  f('us_michigan', 'MI', null, { cra: cra1000, sub: std, harm: true }),
  f('us_minnesota', 'MN', null, {
    cra: { at: ['gt', 500], days: [48, 'notice', 'hours'] },
    sub: std,
    harm: false,
  }),
  f('us_missouri', 'MO', null, {
    ag: { at: ['gt', 1_000], days: null },
    cra: cra1000,
    sub: [100_000, 150_000],
    harm: true,
    pi: 'hl',
  }),
  f('us_nebraska', 'NE', null, {
    ag: { at: null, days: null },
    sub: [75_000, 100_000],
    harm: true,
    pi: 'pw bio',
  }),
  f('us_north_dakota', 'ND', null, {
    ag: { at: ['gt', 250], days: null },
    sub: std,
    harm: false,
    pi: 'pw hl',
  }),
  f('us_ohio', 'OH', [45, 'disc'], { cra: cra1000, sub: std, harm: true }),
  f('us_south_dakota', 'SD', [60, 'disc'], {
    ag: { at: ['gt', 250], days: [60, 'disc'] },
    cra: { at: null },
    sub: std,
    harm: true,
    pi: 'pw hl bio',
  }),
  f('us_wisconsin', 'WI', [45, 'det'], { cra: cra1000, sub: null, harm: true, pi: 'bio' }),
  // West
  f('us_alaska', 'AK', null, { cra: cra1000, sub: [150_000, 300_000], harm: true, pi: 'pw' }),
  f('us_arizona', 'AZ', [45, 'det'], {
    ag: { at: ['gt', 1_000], days: [45, 'det'] },
    cra: { at: ['gt', 1_000], days: [45, 'det'] },
    sub: [50_000, 100_000],
    harm: true,
    pi: 'pw hl bio',
  }),
  f('us_colorado', 'CO', [30, 'det'], {
    ag: { at: ['gte', 500], days: [30, 'det'] },
    cra: cra1000,
    sub: [250_000, 250_000],
    harm: true,
    pi: 'pw hl bio',
  }),
  f('us_hawaii', 'HI', null, {
    ag: { at: ['gt', 1_000], days: null },
    cra: cra1000,
    sub: [100_000, 200_000],
    harm: true,
  }),
  f('us_idaho', 'ID', null, { sub: [25_000, 50_000], harm: true }),
  f('us_montana', 'MT', null, {
    ag: { at: null, days: null },
    cra: { at: null },
    sub: std,
    harm: true,
    pi: 'hl',
  }),
  f('us_nevada', 'NV', null, { cra: cra1000, sub: std, harm: false, pi: 'pw' }),
  f('us_new_mexico', 'NM', [45, 'disc'], {
    ag: { at: ['gt', 1_000], days: [45, 'disc'] },
    cra: { at: ['gt', 1_000], days: [45, 'disc'] },
    sub: [100_000, 50_000],
    harm: true,
    pi: 'bio',
  }),
  f('us_oregon', 'OR', [45, 'disc'], {
    ag: { at: ['gt', 250], days: [45, 'disc'] },
    cra: cra1000,
    sub: [250_000, 350_000],
    harm: true,
    pi: 'pw hl bio',
  }),
  f('us_utah', 'UT', null, {
    ag: { at: ['gte', 500], days: null },
    cra: { at: ['gte', 1_000] },
    sub: null,
    harm: true,
  }),
  f('us_washington', 'WA', [30, 'disc'], {
    ag: { at: ['gt', 500], days: [30, 'disc'] },
    sub: std,
    harm: true,
    pi: 'pw hl bio',
  }),
  f('us_wyoming', 'WY', null, { sub: [10_000, 10_000], harm: true, pi: 'pw hl bio' }),
  // Territories
  f('us_puerto_rico', 'PR', null, {
    ag: { at: null, days: [10, 'disc'] },
    sub: [100_000, null],
    harm: false,
    pi: 'pw hl',
  }),
  f('us_guam', 'GU', null, { sub: [10_000, 5_000], harm: true }),
  f('us_virgin_islands', 'VI', null, { sub: [100_000, 50_000], harm: false }),
];
