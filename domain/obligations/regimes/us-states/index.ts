import type { RegimeInput } from '../../rule.js';
import { MIDWEST } from './midwest.js';
import { NORTHEAST } from './northeast.js';
import { SOUTH } from './south.js';
import { stateRegime } from './state-law.js';
import { TERRITORIES } from './territories.js';
import { WEST } from './west.js';

/** Every state, DC and territory not in ../united-states.ts, in alphabetical order of id. */
export const US_STATE_REGIMES: readonly RegimeInput[] = [
  ...NORTHEAST,
  ...SOUTH,
  ...MIDWEST,
  ...WEST,
  ...TERRITORIES,
]
  .map(stateRegime)
  .sort((a, b) => a.id.localeCompare(b.id));
