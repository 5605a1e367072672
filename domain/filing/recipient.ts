// Who receives a regime's filings and how: from the recipients file in production, a stand-in per
// regime in development. Credentials are named by reference (an environment variable), never inline.
import { z } from 'zod';
import { FILING_ADAPTERS } from './filing.js';

export const Recipient = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9_-]{1,63}$/, 'must be lower-case letters, digits, - or _'),
    name: z.string().min(2).max(200),
    regime: z.string().regex(/^[a-z][a-z0-9_]*$/),
    /** ISO 3166-1 country or 3166-2 region (a US State's Attorney General); absent: the whole regime. */
    territory: z
      .string()
      .regex(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/)
      .optional(),
    adapter: z.enum(FILING_ADAPTERS),
    /** email: the regulator's address. */
    address: z.email().optional(),
    /** https: the endpoint the report is POSTed to. */
    endpoint: z.url().optional(),
    /** portal: the web form a responder fills in. */
    portalUrl: z.url().optional(),
    /** Name of the environment variable holding the endpoint's credential. */
    credentialsRef: z
      .string()
      .regex(/^[A-Z][A-Z0-9_]*$/)
      .optional(),
    /** BCP 47 language the regulator reads; the PDF is rendered in it and in English. */
    language: z.string().min(2).max(35).default('en'),
    /** Filings to this recipient wait for an approver (the clock keeps running). */
    requiresApproval: z.boolean().default(false),
  })
  .superRefine((r, ctx) => {
    const needed = { email: 'address', https: 'endpoint', portal: 'portalUrl' } as const;
    const field = needed[r.adapter];
    if (r[field] === undefined) {
      ctx.addIssue({ code: 'custom', path: [field], message: `the ${r.adapter} adapter needs ${field}` });
    }
  });
export type Recipient = z.output<typeof Recipient>;
export type RecipientInput = z.input<typeof Recipient>;

export const RecipientsFile = z
  .strictObject({ recipients: z.array(Recipient).min(1) })
  .superRefine((f, ctx) => {
    const seen = new Set<string>();
    f.recipients.forEach((r, i) => {
      if (seen.has(r.id))
        ctx.addIssue({ code: 'custom', path: ['recipients', i, 'id'], message: 'duplicate id' });
      seen.add(r.id);
    });
  });
export type RecipientsFile = z.output<typeof RecipientsFile>;

/** The recipient of an obligation: the most specific territory match of its regime. */
export function recipientFor(
  recipients: readonly Recipient[],
  regime: string,
  region?: string,
): Recipient | undefined {
  const ofRegime = recipients.filter((r) => r.regime === regime);
  return (
    (region && ofRegime.find((r) => r.territory === region)) ||
    ofRegime.find((r) => r.territory === undefined || (region && region.startsWith(`${r.territory}-`)))
  );
}

/** Development mode: every regime files by email to the local SMTP server, so the flow runs out of the box. */
export function developmentRecipient(regime: string, region?: string): Recipient {
  const suffix = region ? `-${region.toLowerCase()}` : '';
  return Recipient.parse({
    id: `dev-${regime.replace(/_/g, '-')}${suffix}`,
    name: `Development stand-in for ${regime}${region ? ` (${region})` : ''}`,
    regime,
    ...(region ? { territory: region } : {}),
    adapter: 'email',
    address: `${regime.replace(/_/g, '-')}${suffix}@regulators.localhost`,
  });
}
