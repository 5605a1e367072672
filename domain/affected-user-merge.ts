// How two records of the same person become one: an upload may list someone twice, or add to what
// an earlier upload said about them.
import type { AffectedUser } from './affected-user.js';
import { samePostalAddress } from './postal-address.js';
import { DATA_CATEGORIES, type DataCategory } from './incident.js';

const canonicalCategories = (cats: Iterable<DataCategory>): DataCategory[] => {
  const set = new Set(cats);
  return DATA_CATEGORIES.filter((c) => set.has(c));
};

/** Later non-empty fields win; data categories are united (both rows say what leaked). */
export function mergeAffectedUser(a: AffectedUser, b: AffectedUser): AffectedUser {
  const out: AffectedUser = { ...a };
  for (const [k, v] of Object.entries(b) as [keyof AffectedUser, unknown][]) {
    if (v === undefined) continue;
    if (k === 'dataCategories') {
      out.dataCategories = canonicalCategories([...(a.dataCategories ?? []), ...(b.dataCategories ?? [])]);
    } else {
      (out as unknown as Record<string, unknown>)[k] = v;
    }
  }
  return out;
}

/** Whether merging changed anything worth writing (data categories compared in their canonical order). */
export function sameAffectedUser(a: AffectedUser, b: AffectedUser): boolean {
  return (
    a.name === b.name &&
    a.email === b.email &&
    a.phone === b.phone &&
    a.pushToken === b.pushToken &&
    a.locale === b.locale &&
    a.country === b.country &&
    a.region === b.region &&
    samePostalAddress(a.postalAddress, b.postalAddress) &&
    (a.dataCategories ?? []).join('|') === (b.dataCategories ?? []).join('|')
  );
}
