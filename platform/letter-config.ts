// The letter channel's settings: the print-and-mail provider, the sender's return address (a postal
// address validated like a person's) and the font the letters are set in.
import { parsePostalAddress } from '../domain/postal-address.js';
import type { LetterConfig } from './channel-providers.js';

/** The letter channel's settings, or undefined with the problems named. */
export function letterConfig(
  e: {
    [
      K in
        | 'LETTER_ADAPTER'
        | 'PRINT_MAIL_API_URL'
        | 'PRINT_MAIL_API_KEY'
        | 'PRINT_MAIL_WEBHOOK_SECRET'
        | 'LETTER_RETURN_ADDRESS'
        | 'LETTER_FONT'
    ]?: string;
  } & {
    LETTER_CONCURRENCY: number;
  },
  problems: string[],
): LetterConfig | undefined {
  const before = problems.length;
  if (!e.LETTER_ADAPTER)
    problems.push('LETTER_ADAPTER: required with PRINT_MAIL_API_URL or _KEY (print-mail-api)');
  if (!e.PRINT_MAIL_API_URL) problems.push('PRINT_MAIL_API_URL: required for LETTER_ADAPTER=print-mail-api');
  if (!e.PRINT_MAIL_API_KEY) problems.push('PRINT_MAIL_API_KEY: required for LETTER_ADAPTER=print-mail-api');
  let returnAddress: LetterConfig['returnAddress'] | undefined;
  try {
    const raw = JSON.parse(e.LETTER_RETURN_ADDRESS ?? 'null') as Record<string, unknown> | null;
    const name = typeof raw?.name === 'string' ? raw.name.trim() : '';
    const { name: _name, ...address } = raw ?? {};
    const country = typeof address.country === 'string' ? address.country.toUpperCase() : undefined;
    const parsed = raw ? parsePostalAddress({}, address, country, undefined) : undefined;
    if (!parsed || !name)
      problems.push('LETTER_RETURN_ADDRESS: required, JSON with name, line1, city, postalCode, country');
    else if ('errors' in parsed)
      problems.push(
        `LETTER_RETURN_ADDRESS: ${parsed.errors.map((p) => `${p.field} ${p.message}`).join('; ')}`,
      );
    else if (parsed.address) returnAddress = { name, ...parsed.address };
  } catch {
    problems.push('LETTER_RETURN_ADDRESS: must be JSON');
  }
  if (problems.length > before || !returnAddress) return undefined;
  return {
    adapter: 'print-mail-api',
    apiBaseUrl: e.PRINT_MAIL_API_URL!,
    apiKey: e.PRINT_MAIL_API_KEY!,
    returnAddress,
    concurrency: e.LETTER_CONCURRENCY,
    ...(e.LETTER_FONT ? { font: e.LETTER_FONT } : {}),
    ...(e.PRINT_MAIL_WEBHOOK_SECRET ? { webhookSecret: e.PRINT_MAIL_WEBHOOK_SECRET } : {}),
  };
}
