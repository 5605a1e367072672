// Who receives each regime's filings: the recipients file (FILING_RECIPIENTS_FILE) in production, a
// development stand-in per regime otherwise. Read once at start-up; a bad file stops the worker with the
// entry and field named, rather than failing the first filing at 3 a.m.
import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import {
  developmentRecipient,
  recipientFor,
  RecipientsFile,
  type Recipient,
} from '../domain/filing/recipient.js';
import { RULES_PACK } from '../domain/obligations/rules-pack.js';

export interface RecipientDirectory {
  recipientFor(regime: string, region?: string): Recipient | undefined;
  byId(id: string): Recipient | undefined;
}

export class RecipientsFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: ${problems.join('; ')}`);
    this.name = 'RecipientsFileError';
  }
}

/** "recipients[2] (id cnil): endpoint: the https adapter needs endpoint" */
function describe(issue: z.core.$ZodIssue, raw: unknown): string {
  const [top, index, ...rest] = issue.path;
  if (top !== 'recipients' || typeof index !== 'number') {
    return `${issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''}${issue.message}`;
  }
  const entry = (raw as { recipients?: Array<{ id?: unknown }> }).recipients?.[index];
  const id = typeof entry?.id === 'string' ? ` (id ${entry.id})` : '';
  const field = rest.length > 0 ? `${rest.join('.')}: ` : '';
  return `recipients[${index}]${id}: ${field}${issue.message}`;
}

export function parseRecipientsFile(text: string, file: string): Recipient[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new RecipientsFileError(file, [`not JSON: ${(err as Error).message}`]);
  }
  const parsed = RecipientsFile.safeParse(raw);
  if (!parsed.success)
    throw new RecipientsFileError(
      file,
      parsed.error.issues.map((i) => describe(i, raw)),
    );
  return parsed.data.recipients;
}

function directoryOf(recipients: readonly Recipient[]): RecipientDirectory {
  return {
    recipientFor: (regime, region) => recipientFor(recipients, regime, region),
    byId: (id) => recipients.find((r) => r.id === id),
  };
}

/**
 * Development: every regime (and region) files to its stand-in, which the local SMTP server receives. Ids
 * are read back from the rules pack, so a restarted worker or the API finds a stand-in by id too.
 */
function developmentDirectory(): RecipientDirectory {
  return {
    recipientFor: (regime, region) => developmentRecipient(regime, region),
    byId(id) {
      for (const regime of RULES_PACK) {
        const base = developmentRecipient(regime.id);
        if (base.id === id) return base;
        if (!id.startsWith(`${base.id}-`)) continue;
        const region = id.slice(base.id.length + 1).toUpperCase();
        if (!/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/.test(region)) continue;
        const regional = developmentRecipient(regime.id, region);
        if (regional.id === id) return regional;
      }
      return undefined;
    },
  };
}

export function loadRecipientDirectory(opts: { file?: string; development: boolean }): RecipientDirectory {
  if (opts.file) {
    let text: string;
    try {
      text = readFileSync(opts.file, 'utf8');
    } catch (err) {
      throw new RecipientsFileError(opts.file, [`cannot be read: ${(err as Error).message}`]);
    }
    return directoryOf(parseRecipientsFile(text, opts.file));
  }
  if (opts.development) return developmentDirectory();
  return { recipientFor: () => undefined, byId: () => undefined };
}
