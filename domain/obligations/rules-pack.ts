import { z } from 'zod';
import { Regime, type RegimeInput } from './rule.js';
import { cnCacIncident, cnPipl } from './regimes/china.js';
import { euGdpr, euNis2, ukGdpr } from './regimes/europe.js';
import { usCalifornia, usFlorida, usHipaa, usSec, usTexas } from './regimes/united-states.js';
import { auNdb, inDpdp, jpAppi, sgPdpa } from './regimes/asia-pacific.js';
import { brLgpd, caPipeda } from './regimes/americas.js';
import { hkPdpo, krPipa, twPdpa } from './regimes/east-asia.js';
import { idPdp, myPdpa, phDpa, thPdpa, vnPdp } from './regimes/southeast-asia.js';
import { nzPrivacyAct } from './regimes/oceania.js';
import { aePdpl, chFadp, ilPrivacy, saPdpl, trKvkk } from './regimes/middle-east.js';
import { keDpa, ngNdpa, zaPopia } from './regimes/africa.js';
import { arPdpa, clLaw21719, coHabeasData, mxLfpdppp } from './regimes/latin-america.js';
import { US_STATE_REGIMES } from './regimes/us-states/index.js';

/**
 * The rules pack: every regime the engine knows, validated when this module loads so a malformed rule stops the
 * worker at start-up rather than miscounting a deadline mid-incident. Data lives in `regimes/*.ts` as typed
 * modules (not JSON read from disk) so it bundles into Temporal workflow code.
 */
export const RAW_REGIMES: readonly RegimeInput[] = [
  euGdpr,
  ukGdpr,
  euNis2,
  cnPipl,
  cnCacIncident,
  usCalifornia,
  usFlorida,
  usTexas,
  usHipaa,
  usSec,
  auNdb,
  caPipeda,
  sgPdpa,
  brLgpd,
  jpAppi,
  inDpdp,
  // International regimes (issue 24).
  krPipa,
  phDpa,
  thPdpa,
  idPdp,
  vnPdp,
  myPdpa,
  hkPdpo,
  twPdpa,
  nzPrivacyAct,
  chFadp,
  trKvkk,
  saPdpl,
  aePdpl,
  ilPrivacy,
  zaPopia,
  keDpa,
  ngNdpa,
  mxLfpdppp,
  arPdpa,
  coHabeasData,
  clLaw21719,
  // US states, DC and territories (issue 24): one block, data in regimes/us-states/.
  ...US_STATE_REGIMES,
];

export const RulesPack = z.array(Regime).superRefine((regimes, ctx) => {
  const seen = new Set<string>();
  regimes.forEach((r, i) => {
    if (seen.has(r.id))
      ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `duplicate regime ${r.id}` });
    seen.add(r.id);
  });
});
export type RulesPack = z.output<typeof RulesPack>;

/** Validates a pack; throws a ZodError naming the regime and path of the first bad rule. */
export function loadRulesPack(raw: readonly unknown[]): RulesPack {
  return RulesPack.parse(raw);
}

export const RULES_PACK: RulesPack = loadRulesPack(RAW_REGIMES);

export function regimeById(id: string, pack: RulesPack = RULES_PACK): Regime | undefined {
  return pack.find((r) => r.id === id);
}
