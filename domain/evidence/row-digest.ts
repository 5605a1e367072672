// A digest over many rows without holding them: SHA-256 over each row's canonical JSON, one per line,
// in the order the ledger pages them (their key order). Anyone holding the same rows gets the same hex.
import { createHash, type Hash } from 'node:crypto';
import { canonicalJson } from './audit-chain.js';

export class RowDigest {
  private readonly hash: Hash = createHash('sha256');
  rows = 0;

  add(row: unknown): void {
    this.hash.update(canonicalJson(row) + '\n', 'utf8');
    this.rows += 1;
  }

  /** Call once. */
  hex(): string {
    return this.hash.digest('hex');
  }
}

/** What a delivery row says in evidence: never an address, a phone or a name. */
export interface DeliveryEvidenceRow {
  userId: string;
  channel: string;
  noticeVersion: number;
  status: string;
  providerId: string | null;
  errorCode: string | null;
  attempts: number;
  possibleDuplicate: boolean;
  claimedAt: string | null;
  acceptedAt: string | null;
  updatedAt: string;
}

export function deliveryEvidenceRow(d: DeliveryEvidenceRow): DeliveryEvidenceRow {
  return {
    userId: d.userId,
    channel: d.channel,
    noticeVersion: d.noticeVersion,
    status: d.status,
    providerId: d.providerId,
    errorCode: d.errorCode,
    attempts: d.attempts,
    possibleDuplicate: d.possibleDuplicate,
    claimedAt: d.claimedAt,
    acceptedAt: d.acceptedAt,
    updatedAt: d.updatedAt,
  };
}
