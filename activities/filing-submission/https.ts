// The HTTPS adapter: one POST per filing to the regulator's endpoint, in the shape regulators' filing APIs
// take (JSON with the report, its hash and the PDF inline as base64), with `Idempotency-Key` so a retry after
// a lost answer is recognised as the same filing, and `Authorization: Bearer` from the credentials reference.
//
//   POST <endpoint>
//   Authorization: Bearer <credential>      Idempotency-Key: <key>      Content-Type: application/json
//   { "filingId", "schema", "reportSha256", "report": { ... },
//     "documents": [{ "filename", "contentType": "application/pdf", "sha256", "contentBase64" }] }
//
//   201/200/202 { "reference": "...", ... }   (or the reference in `Location` / `X-Reference`)
//   429, 5xx: try again (honouring Retry-After through the retry policy); other 4xx: rejected for good.
import { createHash } from 'node:crypto';
import { rejected } from './failures.js';
import type { FilingSubmission, FilingSubmissionSettings, SubmissionOutcome } from './submission.js';

export interface HttpsFilingBody {
  filingId: string;
  schema: string;
  reportSha256: string;
  report: FilingSubmission['report'];
  documents: Array<{ filename: string; contentType: string; sha256: string; contentBase64: string }>;
}

export function httpsFilingBody(s: FilingSubmission): HttpsFilingBody {
  return {
    filingId: s.filingId,
    schema: s.report.schema,
    reportSha256: s.reportHash,
    report: s.report,
    documents: [
      {
        filename: `${s.filingId.replace(/[^A-Za-z0-9._-]/g, '-')}.pdf`,
        contentType: 'application/pdf',
        sha256: createHash('sha256').update(s.pdf).digest('hex'),
        contentBase64: s.pdf.toString('base64'),
      },
    ],
  };
}

/** Response headers worth keeping in the receipt: the ones that name what the endpoint recorded. */
const RECEIPT_HEADERS = ['location', 'x-reference', 'x-request-id', 'idempotent-replayed', 'date'];
const MAX_BODY_CHARS = 4_000;

async function readBody(res: Response): Promise<{ json: Record<string, unknown> | null; text: string }> {
  const text = await res.text().catch(() => '');
  try {
    const parsed: unknown = JSON.parse(text);
    return {
      json: parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : null,
      text,
    };
  } catch {
    return { json: null, text };
  }
}

function referenceOf(json: Record<string, unknown> | null, headers: Headers): string | undefined {
  for (const key of ['reference', 'id', 'caseNumber']) {
    const v = json?.[key];
    if (typeof v === 'string' || typeof v === 'number') return String(v);
  }
  return headers.get('x-reference') ?? headers.get('location') ?? undefined;
}

/** A report and a bearer credential never cross a network in the clear; loopback is for local stand-ins. */
function safeEndpoint(endpoint: string): boolean {
  const url = new URL(endpoint);
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

export function httpsSubmitter(settings: FilingSubmissionSettings) {
  const fetchImpl = settings.fetch ?? fetch;
  const timeoutMs = settings.httpsTimeoutMs ?? 60_000;
  return {
    async submit(s: FilingSubmission): Promise<SubmissionOutcome> {
      const endpoint = s.recipient.endpoint;
      if (!endpoint) throw rejected(`recipient ${s.recipient.id} has no endpoint`);
      if (!safeEndpoint(endpoint)) {
        throw rejected(
          `recipient ${s.recipient.id}: the endpoint must use https (plain http only to this machine)`,
        );
      }
      const headers: Record<string, string> = {
        'Content-Type': 'application/json',
        Accept: 'application/json',
        'Idempotency-Key': s.idempotencyKey,
      };
      if (s.recipient.credentialsRef) {
        const credential = settings.credentials(s.recipient.credentialsRef);
        // Nothing was sent: a retry after the setting is fixed (and the worker restarted) files normally.
        if (!credential) {
          throw new Error(
            `recipient ${s.recipient.id}: the credential ${s.recipient.credentialsRef} is not set`,
          );
        }
        headers.Authorization = `Bearer ${credential}`;
      }
      let res: Response;
      try {
        res = await fetchImpl(endpoint, {
          method: 'POST',
          headers,
          body: JSON.stringify(httpsFilingBody(s)),
          // A redirect would carry the credential to another place: treated as an answer, not followed.
          redirect: 'manual',
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (err) {
        throw new Error(`filing to ${endpoint} did not get through: ${(err as Error).message}`);
      }
      const { json, text } = await readBody(res);
      const said = text.slice(0, 500);
      if (res.status === 429 || res.status >= 500) {
        const after = res.headers.get('retry-after');
        throw new Error(
          `filing to ${endpoint} answered ${res.status}${after ? ` (retry after ${after})` : ''}: ${said}`,
        );
      }
      if (res.status < 200 || res.status >= 300) {
        throw rejected(`filing to ${endpoint} was refused with ${res.status}: ${said}`, {
          status: res.status,
          body: said,
        });
      }
      const kept = Object.fromEntries(
        RECEIPT_HEADERS.flatMap((h) => (res.headers.get(h) ? [[h, res.headers.get(h)!]] : [])),
      );
      return {
        kind: 'submitted',
        receipt: {
          adapter: 'https',
          at: new Date().toISOString(),
          reference: referenceOf(json, res.headers) ?? `http-${res.status}-${s.idempotencyKey}`,
          detail: {
            status: res.status,
            body: json ?? text.slice(0, MAX_BODY_CHARS),
            headers: kept,
          },
        },
      };
    },
  };
}
