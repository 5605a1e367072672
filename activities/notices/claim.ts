// Claim: each send is taken in the ledger under its business key (incident, person, channel, notice
// version) before it goes out, so a retry, a redelivered task or another worker never sends again
// what a provider already took. Only the claims won are sent; the rest say what happened before.
import type { ChannelState, NoticeChannel } from '../../domain/fallback.js';
import type { ClaimResult, Ledger, StoredAffectedUser } from '../../store/ledger.js';
import { PUSH_UNIT } from './send.js';

/**
 * People claimed with one statement at most. A batch is claimed only when about to be sent, and
 * sized to the channel's concurrency, so a killed worker leaves few claims unsent behind it (each
 * one taken over later counts as a possible duplicate).
 */
export const CLAIM_BATCH_MAX = 100;

/** How many people of a channel to claim at once, given how many sends its gate lets out together. */
export function claimBatchSize(channel: NoticeChannel, concurrency: number): number {
  return Math.min(channel === 'push' ? PUSH_UNIT : CLAIM_BATCH_MAX, Math.max(10, concurrency));
}

export interface ClaimedBatch {
  /** People whose claim this attempt won: theirs to send now. */
  toSend: StoredAffectedUser[];
  /** People decided before this attempt, with what the ledger says of them. */
  decided: Array<{ person: StoredAffectedUser; state: ChannelState }>;
  /** Claims taken over from an attempt that died before recording the provider's answer. */
  possibleDuplicates: number;
}

/** What a lost claim says about the person on this channel; undefined for a claim won. */
export function claimedState(channel: NoticeChannel, claim: ClaimResult): ChannelState | undefined {
  switch (claim) {
    case 'claimed':
    case 'reclaimed':
      return undefined;
    case 'already_accepted':
      return { kind: 'sent' };
    case 'already_claimed':
      return { kind: 'pending' };
    case 'already_failed':
      return { kind: 'failed', reason: `${channel} failed permanently` };
    case 'already_unreachable':
      return { kind: 'failed', reason: `${channel} unreachable` };
    case 'already_scheduled':
      return { kind: 'waiting' };
  }
}

export async function claimSends(
  ledger: Pick<Ledger, 'claimDeliveries'>,
  at: { incidentId: string; channel: NoticeChannel; noticeVersion: number },
  batch: readonly StoredAffectedUser[],
  reclaimAfterMs: number,
  now?: string,
): Promise<ClaimedBatch> {
  const claims = await ledger.claimDeliveries(
    at,
    batch.map((p) => p.userId),
    { reclaimAfterMs, ...(now ? { now } : {}) },
  );
  const claimed: ClaimedBatch = { toSend: [], decided: [], possibleDuplicates: 0 };
  batch.forEach((person, i) => {
    const claim = claims[i] as ClaimResult;
    const state = claimedState(at.channel, claim);
    if (state) claimed.decided.push({ person, state });
    else claimed.toSend.push(person);
    if (claim === 'reclaimed') claimed.possibleDuplicates++;
  });
  return claimed;
}
