// A person's postal address, as a letter is addressed to it: validated and normalised per country from
// the affected-user files' columns (addressLine1 … addressRegion) or an NDJSON `address` object.
import { postcodeValidator, postcodeValidatorExistsForCountry } from 'postcode-validator';

export interface PostalAddress {
  line1: string;
  line2?: string;
  city: string;
  postalCode?: string;
  /** State, province or prefecture as printed on the envelope (US: the two-letter state). */
  region?: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
}

export const ADDRESS_FIELDS = [
  'addressLine1',
  'addressLine2',
  'city',
  'postalCode',
  'addressRegion',
] as const;
export type AddressField = (typeof ADDRESS_FIELDS)[number];

/** The keys of an NDJSON `address` object, as the columns they stand for. */
const OBJECT_KEYS: Record<string, AddressField> = {
  line1: 'addressLine1',
  addressLine1: 'addressLine1',
  line2: 'addressLine2',
  addressLine2: 'addressLine2',
  city: 'city',
  postalCode: 'postalCode',
  postcode: 'postalCode',
  zip: 'postalCode',
  region: 'addressRegion',
  state: 'addressRegion',
  addressRegion: 'addressRegion',
};

/** Countries whose envelopes need the state or province to be delivered. */
const REGION_REQUIRED = new Set(['US', 'CA', 'AU', 'BR']);

/** Postal codes as each country's post prints them, once they matched its shape. */
const POSTCODE_FORMAT: Record<string, (compact: string) => string> = {
  GB: (c) => `${c.slice(0, -3)} ${c.slice(-3)}`,
  CA: (c) => `${c.slice(0, 3)} ${c.slice(3)}`,
  NL: (c) => `${c.slice(0, 4)} ${c.slice(4)}`,
  JP: (c) => `${c.slice(0, 3)}-${c.slice(3)}`,
  BR: (c) => `${c.slice(0, 5)}-${c.slice(5)}`,
  PL: (c) => `${c.slice(0, 2)}-${c.slice(2)}`,
  US: (c) => (c.length === 9 ? `${c.slice(0, 5)}-${c.slice(5)}` : c),
};

export interface AddressProblem {
  field: AddressField | 'address' | 'country';
  message: string;
}

export type AddressResult = { address?: PostalAddress } | { errors: AddressProblem[] };

const text = (v: unknown): string | undefined => {
  if (v === undefined || v === null) return undefined;
  const s = (typeof v === 'number' ? String(v) : typeof v === 'string' ? v : '').replace(/\s+/g, ' ').trim();
  return s === '' ? undefined : s;
};

/**
 * The address of one row: `columns` holds the address columns, `object` an NDJSON `address` (its keys
 * win over the columns). `country` and `region` (ISO 3166-2) are the row's own, already valid.
 * No address fields at all: no address, not an error.
 */
export function parsePostalAddress(
  columns: Readonly<Record<string, unknown>>,
  object: unknown,
  country: string | undefined,
  region: string | undefined,
): AddressResult {
  const errors: AddressProblem[] = [];
  const raw: Partial<Record<AddressField, unknown>> = {};
  for (const f of ADDRESS_FIELDS) raw[f] = columns[f];
  // A CSV column called `address` is the street line.
  if (typeof object === 'string') raw.addressLine1 ??= object;
  else if (object !== undefined && object !== null) {
    if (typeof object !== 'object' || Array.isArray(object)) {
      return {
        errors: [{ field: 'address', message: 'must be an object such as {"line1", "city", "postalCode"}' }],
      };
    }
    for (const [k, v] of Object.entries(object)) {
      const f = OBJECT_KEYS[k];
      if (f) raw[f] = v;
      else if (k !== 'country') errors.push({ field: 'address', message: `unknown key "${k}"` });
    }
    const own = text((object as { country?: unknown }).country)?.toUpperCase();
    if (own && country && own !== country) {
      errors.push({ field: 'address', message: `country ${own} differs from the row's country ${country}` });
    }
    country ??= own;
  }
  const v: Partial<Record<AddressField, string>> = {};
  for (const f of ADDRESS_FIELDS) {
    const s = text(raw[f]);
    if (s === undefined) continue;
    if (s.length > 200) errors.push({ field: f, message: 'must be at most 200 characters' });
    else v[f] = s;
  }
  if (Object.keys(v).length === 0 && errors.length === 0) return {};
  if (!v.addressLine1) errors.push({ field: 'addressLine1', message: 'is required with an address' });
  if (!v.city) errors.push({ field: 'city', message: 'is required with an address' });
  if (!country) {
    errors.push({ field: 'country', message: 'is required with an address' });
    return { errors };
  }
  const postalCode = normalisePostalCode(v.postalCode, country, errors);
  const addressRegion = v.addressRegion?.toUpperCase() ?? (region ? region.slice(3) : undefined);
  if (!addressRegion && REGION_REQUIRED.has(country)) {
    errors.push({ field: 'addressRegion', message: `is required for ${country} (or a region column)` });
  }
  if (errors.length) return { errors };
  return {
    address: {
      line1: v.addressLine1!,
      ...(v.addressLine2 ? { line2: v.addressLine2 } : {}),
      city: v.city!,
      ...(postalCode ? { postalCode } : {}),
      ...(addressRegion ? { region: addressRegion } : {}),
      country,
    },
  };
}

function normalisePostalCode(
  raw: string | undefined,
  country: string,
  errors: AddressProblem[],
): string | undefined {
  const known = postcodeValidatorExistsForCountry(country);
  if (raw === undefined) {
    if (known) errors.push({ field: 'postalCode', message: `is required for ${country}` });
    return undefined;
  }
  const upper = raw.toUpperCase();
  if (!known) return upper;
  const compact = upper.replace(/[\s-]/g, '');
  const format = POSTCODE_FORMAT[country];
  const printed = format ? format(compact) : upper;
  // Written with or without the country's space or hyphen.
  if (![upper, compact, printed].some((c) => postcodeValidator(c, country))) {
    errors.push({ field: 'postalCode', message: `"${raw}" is not a postal code of ${country}` });
    return undefined;
  }
  return printed;
}

/** The address on one line, where a single string stands for it; never logged. */
export function postalAddressLine(a: PostalAddress): string {
  return postalAddressLines(a).join(', ');
}

/** The lines of the address block, in the order the country's post reads them. */
export function postalAddressLines(a: PostalAddress, name?: string): string[] {
  const lines = [name, a.line1, a.line2].filter((l): l is string => !!l);
  if (a.country === 'US' || a.country === 'CA' || a.country === 'AU') {
    lines.push([a.city, [a.region, a.postalCode].filter(Boolean).join(' ')].filter(Boolean).join(', '));
  } else if (a.country === 'GB') {
    lines.push(a.city.toUpperCase());
    if (a.postalCode) lines.push(a.postalCode);
  } else {
    lines.push([a.postalCode, a.city].filter(Boolean).join(' '));
    if (a.region) lines.push(a.region);
  }
  lines.push(countryName(a.country));
  return lines;
}

const countryNames = new Intl.DisplayNames(['en'], { type: 'region' });

/** The destination country as the last line of an international address: its English name, upper case. */
function countryName(code: string): string {
  try {
    return countryNames.of(code)?.toUpperCase() ?? code;
  } catch {
    return code;
  }
}

/** Field by field: PostgreSQL's jsonb gives the keys back in an order of its own. */
export function samePostalAddress(a: PostalAddress | undefined, b: PostalAddress | undefined): boolean {
  if (!a || !b) return a === b;
  return (['line1', 'line2', 'city', 'postalCode', 'region', 'country'] as const).every((k) => a[k] === b[k]);
}
