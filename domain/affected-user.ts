import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { z } from 'zod';
import { DATA_CATEGORIES, type DataCategory } from './incident.js';
import { ADDRESS_FIELDS, parsePostalAddress, type PostalAddress } from './postal-address.js';

/** ISO 3166-1 alpha-2: the 249 officially assigned codes. */
export const COUNTRY_CODES: ReadonlySet<string> = new Set(
  (
    'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
    'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR ' +
    'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP ' +
    'KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS ' +
    'MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS ' +
    'RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW ' +
    'TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'
  ).split(' '),
);

/** The columns of an affected-user list (CSV header, NDJSON keys, directory query columns). */
export const AFFECTED_USER_FIELDS = [
  'userId',
  'name',
  'email',
  'phone',
  'pushToken',
  'locale',
  'country',
  'region',
  'dataCategories',
  ...ADDRESS_FIELDS,
  /** NDJSON only: the address as one object. */
  'address',
] as const;
export type AffectedUserField = (typeof AFFECTED_USER_FIELDS)[number];

/** One affected person after validation and normalisation; absent fields are unknown, not empty. */
export interface AffectedUser {
  userId: string;
  name?: string;
  /** Lower-cased. */
  email?: string;
  /** E.164, e.g. +14155550123. */
  phone?: string;
  pushToken?: string;
  /** Canonical BCP 47, e.g. en, zh-CN. */
  locale?: string;
  /** ISO 3166-1 alpha-2, upper case. */
  country?: string;
  /** ISO 3166-2, e.g. US-CA. */
  region?: string;
  /** Narrows the incident's categories for this person; sorted in DATA_CATEGORIES order. */
  dataCategories?: DataCategory[];
  /** Where a letter reaches the person; normalised for their country. */
  postalAddress?: PostalAddress;
}

export interface FieldError {
  field: string;
  message: string;
}

export type AffectedUserResult = { ok: true; user: AffectedUser } | { ok: false; errors: FieldError[] };

const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** Numbers are accepted for identifiers and phone numbers because spreadsheets and JSON exports produce them. */
const scalar = z
  .union([z.string(), z.number().finite()], { error: 'must be text' })
  .transform((v) => String(v).trim());

const UserId = scalar.pipe(z.string().min(1, 'is required').max(200, 'must be at most 200 characters'));
const Name = scalar.pipe(z.string().max(200, 'must be at most 200 characters'));
const Email = scalar
  .transform((v) => v.toLowerCase())
  .pipe(z.email({ error: 'is not a valid email address' }).max(320, 'must be at most 320 characters'));
const PushToken = scalar.pipe(
  z.string().max(4096, 'must be at most 4096 characters').regex(/^\S+$/, 'must not contain spaces'),
);
const Country = scalar
  .transform((v) => v.toUpperCase())
  .pipe(
    z.string().refine((v) => COUNTRY_CODES.has(v), {
      error: (iss) => `unknown country code "${String(iss.input)}" (ISO 3166-1 alpha-2, e.g. DE, US, CN)`,
    }),
  );
const Region = scalar
  .transform((v) => v.toUpperCase())
  .pipe(
    z
      .string()
      .regex(/^[A-Z]{2}-[A-Z0-9]{1,3}$/, 'must be an ISO 3166-2 subdivision code such as US-CA')
      .refine((v) => COUNTRY_CODES.has(v.slice(0, 2)), {
        error: (iss) => `unknown country in subdivision "${String(iss.input)}"`,
      }),
  );
// A list of a million people has a few dozen distinct locales; canonicalising each row again is waste.
const canonicalLocales = new Map<string, string | null>();
function canonicalLocale(tag: string): string | null {
  let canonical = canonicalLocales.get(tag);
  if (canonical === undefined) {
    try {
      canonical = Intl.getCanonicalLocales(tag.replace(/_/g, '-'))[0] ?? null;
    } catch {
      canonical = null;
    }
    if (canonicalLocales.size > 10_000) canonicalLocales.clear();
    canonicalLocales.set(tag, canonical);
  }
  return canonical;
}

const Locale = scalar.transform((v, ctx) => {
  const canonical = canonicalLocale(v);
  if (canonical) return canonical;
  ctx.issues.push({
    code: 'custom',
    input: v,
    message: `"${v}" is not a BCP 47 language tag such as en or zh-CN`,
  });
  return z.NEVER;
});
const DataCategories = z
  .union([z.string(), z.array(z.string())], { error: 'must be a list of data categories' })
  .transform((v, ctx) => {
    const items = (Array.isArray(v) ? v : v.split(/[;|]/)).map((s) => s.trim().toLowerCase()).filter(Boolean);
    const unknown = items.filter((c) => !(DATA_CATEGORIES as readonly string[]).includes(c));
    if (unknown.length) {
      ctx.issues.push({
        code: 'custom',
        input: v,
        message: `unknown data categor${unknown.length > 1 ? 'ies' : 'y'} ${unknown.map((c) => `"${c}"`).join(', ')}`,
      });
      return z.NEVER;
    }
    return DATA_CATEGORIES.filter((c) => items.includes(c));
  });

function firstMessage(error: z.ZodError): string {
  return error.issues[0]?.message ?? 'is invalid';
}

function normalisePhone(raw: string, country: string | undefined): string | FieldError {
  const text = raw.startsWith('00') ? `+${raw.slice(2)}` : raw;
  if (!text.startsWith('+') && !country) {
    return { field: 'phone', message: 'needs an international prefix (+…) or a country column' };
  }
  const parsed = parsePhoneNumberFromString(text, country as CountryCode | undefined);
  if (!parsed) return { field: 'phone', message: `"${raw}" is not a phone number` };
  if (!parsed.isValid()) {
    const where = parsed.country ?? country;
    return { field: 'phone', message: `"${raw}" is not a valid phone number${where ? ` for ${where}` : ''}` };
  }
  return parsed.number;
}

/**
 * Validates and normalises one input row (a CSV record, an NDJSON object or a directory row) whose
 * keys are already the canonical field names. Every problem of the row is reported, not only the first.
 */
export function parseAffectedUser(input: Readonly<Record<string, unknown>>): AffectedUserResult {
  const errors: FieldError[] = [];
  const field = <T>(name: AffectedUserField, schema: z.ZodType<T>): T | undefined => {
    const value = input[name];
    if (blank(value) || (Array.isArray(value) && value.length === 0)) return undefined;
    const r = schema.safeParse(value);
    if (r.success) return r.data;
    errors.push({ field: name, message: firstMessage(r.error) });
    return undefined;
  };

  const userId = field('userId', UserId);
  if (blank(input.userId)) errors.push({ field: 'userId', message: 'is required' });
  const name = field('name', Name);
  const email = field('email', Email);
  const pushToken = field('pushToken', PushToken);
  const locale = field('locale', Locale);
  let country = field('country', Country);
  const region = field('region', Region);
  const dataCategories = field('dataCategories', DataCategories);

  const countryValid = !errors.some((e) => e.field === 'country');
  if (region && countryValid) {
    const prefix = region.slice(0, 2);
    if (country && country !== prefix) {
      errors.push({ field: 'region', message: `region ${region} is not in country ${country}` });
    } else {
      country ??= prefix;
    }
  }

  let postalAddress: PostalAddress | undefined;
  let phone: string | undefined;
  const rawPhone = field('phone', scalar);
  if (rawPhone !== undefined && countryValid) {
    const p = normalisePhone(rawPhone, country);
    if (typeof p === 'string') phone = p;
    else errors.push(p);
  }

  if (countryValid && !errors.some((e) => e.field === 'region')) {
    const a = parsePostalAddress(input, input.address, country, region);
    if ('errors' in a) errors.push(...a.errors);
    else if (a.address) {
      postalAddress = a.address;
      country ??= a.address.country;
    }
  }

  if (errors.length || userId === undefined) return { ok: false, errors };
  const user: AffectedUser = { userId };
  if (name) user.name = name;
  if (email) user.email = email;
  if (phone) user.phone = phone;
  if (pushToken) user.pushToken = pushToken;
  if (locale) user.locale = locale;
  if (country) user.country = country;
  if (region) user.region = region;
  if (dataCategories?.length) user.dataCategories = dataCategories;
  if (postalAddress) user.postalAddress = postalAddress;
  return { ok: true, user };
}

/**
 * Maps a column name as people write it (`user_id`, `User ID`, `E-mail`, `data categories`) to the
 * canonical field, or undefined for columns the service does not use.
 */
export function canonicalField(column: string): AffectedUserField | undefined {
  const key = column
    .replace(/^\uFEFF/, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
  return FIELD_ALIASES[key];
}

const FIELD_ALIASES: Record<string, AffectedUserField> = {
  userid: 'userId',
  name: 'name',
  fullname: 'name',
  email: 'email',
  emailaddress: 'email',
  phone: 'phone',
  phonenumber: 'phone',
  mobile: 'phone',
  pushtoken: 'pushToken',
  devicetoken: 'pushToken',
  locale: 'locale',
  language: 'locale',
  country: 'country',
  countrycode: 'country',
  region: 'region',
  subdivision: 'region',
  datacategories: 'dataCategories',
  addressline1: 'addressLine1',
  address1: 'addressLine1',
  street: 'addressLine1',
  addressline2: 'addressLine2',
  address2: 'addressLine2',
  city: 'city',
  town: 'city',
  postalcode: 'postalCode',
  postcode: 'postalCode',
  zip: 'postalCode',
  zipcode: 'postalCode',
  addressregion: 'addressRegion',
  state: 'addressRegion',
  province: 'addressRegion',
  address: 'address',
};
