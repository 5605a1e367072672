// Letters through a Lob-style print-and-mail API: one `POST /v1/letters` per person, multipart with
// the recipient, the sender and the PDF, under an Idempotency-Key derived from the delivery's claim
// key, so a retried send never prints a second letter.
import { createHash } from 'node:crypto';
import type { PostalAddress } from '../../domain/postal-address.js';
import type { LetterConfig } from '../../platform/channel-providers.js';
import { mapBounded, shortMessage, type SendResult } from './outcome.js';

export interface LetterItem {
  key: string;
  to: { name?: string; address: PostalAddress };
  pdf: Uint8Array;
  /** The delivery's claim key (incident, person, channel, notice version); hashed before it leaves. */
  claimKey: string;
  /** Sealed delivery reference, sent as metadata so the provider's webhooks name the delivery. */
  ref?: string;
}

/** The provider's key for a claim: stable across retries, and without the person's userId in it. */
export function letterIdempotencyKey(claimKey: string): string {
  return createHash('sha256').update(`letter\0${claimKey}`).digest('hex');
}

/** Lob's address fields for one side of the letter. */
function addressFields(
  form: FormData,
  side: 'to' | 'from',
  name: string | undefined,
  a: PostalAddress,
): void {
  if (name) form.append(`${side}[name]`, name.slice(0, 40));
  form.append(`${side}[address_line1]`, a.line1);
  if (a.line2) form.append(`${side}[address_line2]`, a.line2);
  form.append(`${side}[address_city]`, a.city);
  if (a.region) form.append(`${side}[address_state]`, a.region);
  if (a.postalCode) form.append(`${side}[address_zip]`, a.postalCode);
  form.append(`${side}[address_country]`, a.country);
}

export class LetterChannel {
  readonly name = 'letter' as const;

  constructor(private readonly config: LetterConfig) {}

  send(items: readonly LetterItem[]): Promise<SendResult[]> {
    return mapBounded(items, this.config.concurrency ?? 10, (item) => this.sendOne(item));
  }

  private async sendOne(item: LetterItem): Promise<SendResult> {
    const { config } = this;
    const form = new FormData();
    addressFields(form, 'to', item.to.name, item.to.address);
    addressFields(form, 'from', config.returnAddress.name, config.returnAddress);
    form.append('file', new Blob([item.pdf], { type: 'application/pdf' }), 'notice.pdf');
    form.append('color', 'false');
    form.append('double_sided', 'true');
    form.append('use_type', 'operational');
    // The PDF carries the address block in the window position itself.
    form.append('address_placement', 'top_first_page');
    if (item.ref) form.append('metadata[ref]', item.ref);
    let res: Response;
    try {
      res = await fetch(`${config.apiBaseUrl.replace(/\/+$/, '')}/v1/letters`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${config.apiKey}:`).toString('base64')}`,
          'idempotency-key': letterIdempotencyKey(item.claimKey),
        },
        body: form,
        signal: AbortSignal.timeout(config.timeoutMs ?? 30_000),
      });
    } catch (err) {
      return { key: item.key, outcome: 'retryable', code: 'NETWORK', message: shortMessage(err) };
    }
    const body = (await res.json().catch(() => ({}))) as {
      id?: string;
      expected_delivery_date?: string;
      error?: { message?: string; code?: string };
    };
    if (res.ok && typeof body.id === 'string') {
      return {
        key: item.key,
        outcome: 'accepted',
        providerId: body.id,
        ...(body.expected_delivery_date ? { expectedDeliveryDate: body.expected_delivery_date } : {}),
      };
    }
    const code = body.error?.code ?? String(res.status);
    const message = shortMessage(body.error?.message ?? `HTTP ${res.status}`);
    // 429 and 5xx pass; 401/403 are our key, retried so a mistake delays letters instead of dropping
    // them; other 4xx (an address the provider cannot print or deliver to) are permanent.
    const retryable = res.status === 429 || res.status >= 500 || res.status === 401 || res.status === 403;
    return { key: item.key, outcome: retryable ? 'retryable' : 'permanent', code, message };
  }
}
