import { z } from 'zod';
import { IncidentTranslationsInput, LocaleTag } from './incident-translations.js';

/** Categories of personal data an incident can expose. Codes are stable: rules and templates key on them. */
export const DATA_CATEGORIES = [
  'email',
  'phone',
  'name',
  'address',
  'date_of_birth',
  'password',
  'payment_card',
  'bank_account',
  'national_id',
  'passport',
  'health',
  'biometric',
  'location',
  'device_id',
  'ip_address',
  'financial',
  'children',
  'other',
] as const;
export const DataCategory = z.enum(DATA_CATEGORIES);
export type DataCategory = z.infer<typeof DataCategory>;

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export const Severity = z.enum(SEVERITIES);
export type Severity = z.infer<typeof Severity>;

/** Facts about the company and incident that decide which regimes apply beyond where people live. */
export const IncidentAttributes = z
  .object({
    sector: z
      .enum([
        'general',
        'health',
        'finance',
        'telecom',
        'energy',
        'transport',
        'digital_infrastructure',
        'public',
      ])
      .default('general'),
    listedCompany: z.boolean().default(false),
    nis2Entity: z.enum(['none', 'essential', 'important']).default('none'),
    trustServiceProvider: z.boolean().default(false),
    criticalInfrastructure: z.boolean().default(false),
    dataEncrypted: z.boolean().default(false),
    estimatedDirectLossCny: z.number().nonnegative().optional(),
  })
  .strict();
export type IncidentAttributes = z.infer<typeof IncidentAttributes>;

const isoDateTime = z.iso.datetime({
  offset: true,
  message: 'must be an ISO 8601 date-time, e.g. 2026-11-20T08:30:00Z',
});

export const Contact = z
  .object({
    name: z.string().trim().min(1).max(200),
    email: z
      .email({ message: 'must be an email address' })
      .max(320)
      .refine((e) => e.indexOf('@') <= 64, 'the part before @ must be at most 64 characters (RFC 5321)'),
    phone: z.string().trim().max(40).optional(),
    url: z.url({ message: 'must be a URL' }).max(2000).optional(),
  })
  .strict();
export type Contact = z.infer<typeof Contact>;

/** How far ahead of this server's clock a discovery time may be: the responder's clock may run a little fast. */
export const CLOCK_SKEW_MS = 5 * 60_000;

/** What a responder sends to open an incident. */
export const OpenIncidentRequest = z
  .object({
    title: z.string().trim().min(3).max(200),
    description: z.string().trim().min(10).max(20_000),
    discoveredAt: isoDateTime,
    occurredFrom: isoDateTime.optional(),
    occurredTo: isoDateTime.optional(),
    dataCategories: z.array(DataCategory).min(1).max(DATA_CATEGORIES.length),
    severity: Severity,
    measuresTaken: z.string().trim().min(1).max(10_000),
    userActions: z.array(z.string().trim().min(1).max(1_000)).max(30).default([]),
    contact: Contact,
    attributes: IncidentAttributes.default(IncidentAttributes.parse({})),
    externalId: z.string().trim().min(1).max(200).optional(),
    /** The language the responder wrote the text in; people of that language need no translation. */
    originalLocale: LocaleTag.optional(),
    /** The incident's own words in other languages, keyed by locale (`fr`, `zh-CN`). */
    translations: IncidentTranslationsInput.optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    // Time only moves on, so facts accepted once still pass when parsed again later.
    if (Date.parse(v.discoveredAt) > Date.now() + CLOCK_SKEW_MS) {
      ctx.addIssue({ code: 'custom', path: ['discoveredAt'], message: 'must not be in the future' });
    }
    if (v.occurredFrom && v.occurredTo && v.occurredFrom > v.occurredTo) {
      ctx.addIssue({ code: 'custom', path: ['occurredTo'], message: 'must not be before occurredFrom' });
    }
    if (v.occurredFrom && Date.parse(v.occurredFrom) > Date.parse(v.discoveredAt)) {
      ctx.addIssue({ code: 'custom', path: ['occurredFrom'], message: 'must not be after discoveredAt' });
    }
  });
export type OpenIncidentRequest = z.input<typeof OpenIncidentRequest>;
export type IncidentFacts = z.output<typeof OpenIncidentRequest>;
