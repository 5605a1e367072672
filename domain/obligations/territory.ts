import type { Regime } from './rule.js';

/** Head counts from the affected-people assessment, keyed by ISO 3166-1 country and ISO 3166-2 region. */
export interface Counts {
  affected: number;
  byCountry: Readonly<Record<string, number>>;
  byRegion: Readonly<Record<string, number>>;
}

function countryOf(region: string): string {
  return region.slice(0, 2);
}

/**
 * People living in a country: the country total, or the sum of its regions when that is larger (an assessment
 * that only counted US states still counts for a US-wide regime).
 */
function countryCount(counts: Counts, country: string): number {
  const regional = Object.entries(counts.byRegion)
    .filter(([r]) => countryOf(r) === country)
    .reduce((sum, [, n]) => sum + n, 0);
  return Math.max(counts.byCountry[country] ?? 0, regional);
}

/** People in the regime's territory, never counting a region twice when its country is listed too. */
export function territoryCount(regime: Regime, counts: Counts): number {
  const people = regime.applies.people;
  if (!people) return counts.affected;
  let total = 0;
  for (const country of people.countries) total += countryCount(counts, country);
  for (const region of people.regions) {
    if (!people.countries.includes(countryOf(region))) total += counts.byRegion[region] ?? 0;
  }
  return total;
}

/** Regions of the territory with at least one affected person, sorted for stable output. */
export function territoryRegions(regime: Regime, counts: Counts): string[] {
  const people = regime.applies.people;
  if (!people) return [];
  return Object.keys(counts.byRegion)
    .filter((r) => (counts.byRegion[r] ?? 0) > 0)
    .filter((r) => people.regions.includes(r) || people.countries.includes(countryOf(r)))
    .sort();
}

export function territoryLabel(regime: Regime): string {
  const people = regime.applies.people;
  if (!people) return 'all places';
  if (people.label) return people.label;
  return [...people.countries, ...people.regions].join(', ');
}

/** Upper-cases keys so `us-ca` and `US-CA` count together. */
export function normaliseCounts(counts: Counts): Counts {
  const upper = (r: Readonly<Record<string, number>>): Record<string, number> => {
    const out: Record<string, number> = {};
    for (const [k, v] of Object.entries(r)) out[k.toUpperCase()] = (out[k.toUpperCase()] ?? 0) + v;
    return out;
  };
  return { affected: counts.affected, byCountry: upper(counts.byCountry), byRegion: upper(counts.byRegion) };
}
