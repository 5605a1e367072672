// MINIMAL stand-in for engineer filing-docs' recipient directory (iface-filing.md): the recipients
// file when given, the development stand-in otherwise. Replaced at the merge.
import { readFileSync } from 'node:fs';
import {
  developmentRecipient,
  recipientFor,
  RecipientsFile,
  type Recipient,
} from '../domain/filing/recipient.js';

export interface RecipientDirectory {
  recipientFor(regime: string, region?: string): Recipient | undefined;
  byId(id: string): Recipient | undefined;
}

export function loadRecipientDirectory(opts: { file?: string; development: boolean }): RecipientDirectory {
  if (opts.file) {
    const file = RecipientsFile.parse(JSON.parse(readFileSync(opts.file, 'utf8')));
    return {
      recipientFor: (regime, region) => recipientFor(file.recipients, regime, region),
      byId: (id) => file.recipients.find((r) => r.id === id),
    };
  }
  const issued = new Map<string, Recipient>();
  return {
    recipientFor(regime, region) {
      if (!opts.development) return undefined;
      const r = developmentRecipient(regime, region);
      issued.set(r.id, r);
      return r;
    },
    byId(id) {
      return issued.get(id);
    },
  };
}
