// A person's postal address, as a letter is addressed to it.

export interface PostalAddress {
  line1: string;
  line2?: string;
  city: string;
  postalCode?: string;
  /** State, province or prefecture, where the country's addresses name one. */
  region?: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
}

/** The address on one line, for logs-free uses such as the preview's stand-in; never logged. */
export function postalAddressLine(a: PostalAddress): string {
  return [a.line1, a.line2, [a.postalCode, a.city].filter(Boolean).join(' '), a.region, a.country]
    .filter(Boolean)
    .join(', ');
}
