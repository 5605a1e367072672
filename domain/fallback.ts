// Which channels carry a person's notice, and what happens when one of them cannot.
// Pure decisions shared by the workflow (the policy) and the fan-out activities (per person).
import { z } from 'zod';
import type { Severity } from './incident.js';
import { postalAddressLine, type PostalAddress } from './postal-address.js';

export const NOTICE_CHANNELS = ['email', 'sms', 'push', 'letter', 'voice'] as const;
export const NoticeChannel = z.enum(NOTICE_CHANNELS);
export type NoticeChannel = z.infer<typeof NoticeChannel>;

/**
 * - `all`: every channel in `order` the person can be reached on (the notice must not be missed);
 * - `first`: the first channel in `order` that takes the notice; the next one only when a channel
 *   has no contact data for the person or fails permanently.
 */
export const NoticePolicy = z
  .object({
    mode: z.enum(['all', 'first']),
    order: z
      .array(NoticeChannel)
      .min(1)
      .refine((o) => new Set(o).size === o.length, 'must not repeat a channel'),
  })
  .strict();
export type NoticePolicy = z.infer<typeof NoticePolicy>;

/** A value for every channel, each made fresh. */
export function perChannel<T>(make: (channel: NoticeChannel) => T): Record<NoticeChannel, T> {
  return Object.fromEntries(NOTICE_CHANNELS.map((c) => [c, make(c)])) as Record<NoticeChannel, T>;
}

/**
 * The configured order for the severity (NOTICE_ORDER_HIGH / NOTICE_ORDER_DEFAULT, read by the
 * settings); without one, high and critical incidents go out on every channel, others email first,
 * then SMS, then push, then a letter, so a person reachable only by post still hears
 * of it. A fan-out's policy is in its input, so a change here reaches only fan-outs started after it.
 */
export function defaultNoticePolicy(
  severity: Severity,
  orders?: { high: NoticePolicy; default: NoticePolicy },
): NoticePolicy {
  const high = severity === 'high' || severity === 'critical';
  if (orders) return high ? orders.high : orders.default;
  return high
    ? { mode: 'all', order: ['email', 'sms', 'push', 'letter'] }
    : { mode: 'first', order: ['email', 'sms', 'push', 'letter'] };
}

/** The contact data of one person as the fan-out sees it. */
export interface Reachability {
  email?: string;
  phone?: string;
  pushToken?: string;
  /** A token FCM reported dead is never used again. */
  pushTokenDead?: boolean;
  /** A postal address a letter can go to. */
  postalAddress?: PostalAddress;
}

/** The address for a channel, or why there is none. */
export function addressFor(
  person: Reachability,
  channel: NoticeChannel,
): { address: string } | { missing: string } {
  switch (channel) {
    case 'email':
      return person.email ? { address: person.email } : { missing: 'no email address' };
    case 'sms':
      return person.phone ? { address: person.phone } : { missing: 'no phone number' };
    case 'push':
      if (!person.pushToken) return { missing: 'no push token' };
      return person.pushTokenDead
        ? { missing: 'push token no longer registered' }
        : { address: person.pushToken };
    case 'letter':
      return person.postalAddress
        ? { address: postalAddressLine(person.postalAddress) }
        : { missing: 'no postal address' };
    case 'voice':
      return person.phone ? { address: person.phone } : { missing: 'no phone number' };
  }
}

/** Where one channel stands for one person after an attempt. */
export type ChannelState =
  /** The provider took the notice (now or in an earlier attempt). */
  | { kind: 'sent' }
  /** Still to come: a retryable failure, or a claim held by another attempt. */
  | { kind: 'pending' }
  /** This channel will not carry the notice: no contact data, permanent failure, not configured. */
  | { kind: 'failed'; reason: string }
  /**
   * Held for a later pass of the fan-out (the person's quiet hours, a call nobody answered yet):
   * neither a retry of this page nor a reason to try the next channel.
   */
  | { kind: 'waiting' };

export interface PersonOutcome {
  reached: boolean;
  /** Something is still in flight or waiting to be retried: decide nothing final yet. */
  pending: boolean;
  /** Nobody could reach the person on any channel of the policy; the reasons per channel. */
  unreachable?: Partial<Record<NoticeChannel, string>>;
  /** Held for a later pass of the fan-out: decide nothing final yet. */
  waiting?: boolean;
}

/**
 * The next channel to try for a person, given what happened so far on the channels already tried
 * (in policy order), or undefined when the person is settled for now.
 * - `all`: every channel is tried, whatever happened on the others;
 * - `first`: the next channel only while every earlier one failed.
 */
export function nextChannel(
  policy: NoticePolicy,
  states: Partial<Record<NoticeChannel, ChannelState>>,
): NoticeChannel | undefined {
  for (const channel of policy.order) {
    const state = states[channel];
    if (!state) return channel;
    if (policy.mode === 'first' && state.kind !== 'failed') return undefined;
  }
  return undefined;
}

/** What the states of all channels tried mean for the person. */
export function personOutcome(
  policy: NoticePolicy,
  states: Partial<Record<NoticeChannel, ChannelState>>,
): PersonOutcome {
  const tried = policy.order.filter((c) => states[c] !== undefined);
  const reached = tried.some((c) => states[c]?.kind === 'sent');
  const pending = tried.some((c) => states[c]?.kind === 'pending');
  const waiting = tried.some((c) => states[c]?.kind === 'waiting');
  if (waiting && !reached && !pending) return { reached, pending, waiting };
  if (reached || pending || nextChannel(policy, states) !== undefined) return { reached, pending };
  const unreachable: Partial<Record<NoticeChannel, string>> = {};
  for (const c of tried) {
    const s = states[c];
    if (s?.kind === 'failed') unreachable[c] = s.reason;
  }
  return { reached: false, pending: false, unreachable };
}

// ---- what a fan-out did ----------------------------------------------------------------------

export interface ChannelTotals {
  /** Taken by the provider: in this fan-out or an earlier attempt. */
  sent: number;
  /** Failed permanently on this channel (the person may have been reached on another). */
  failed: number;
}

/** What one page (and, summed, the whole fan-out) did. */
export interface FanoutTotals {
  pages: number;
  people: number;
  /** People the provider took a notice for on at least one channel. */
  reached: number;
  /** People no channel of the policy could reach; recorded `unreachable` with the reason. */
  unreachable: number;
  /** Sends taken over from an attempt that died before recording the provider's answer. */
  possibleDuplicates: number;
  channels: Record<NoticeChannel, ChannelTotals>;
  /**
   * People held for a later pass (quiet hours, a call to try again), and the earliest instant (ms)
   * one of them may go; absent in fan-outs from before quiet hours.
   */
  scheduled?: number;
  resumeAt?: number;
}

export interface FanoutProgress extends FanoutTotals {
  incidentId: string;
  noticeVersion: number;
  /** Workflow runs so far (continue-as-new starts a new one). */
  run: number;
  pagesInFlight: number;
  done: boolean;
  /** The channels' lane workflows, which answer for their own sends while they run. */
  laneWorkflows?: string[];
}

export function emptyFanoutTotals(): FanoutTotals {
  return {
    pages: 0,
    people: 0,
    reached: 0,
    unreachable: 0,
    possibleDuplicates: 0,
    channels: perChannel(() => ({ sent: 0, failed: 0 })),
  };
}

export function addFanoutTotals(into: FanoutTotals, add: FanoutTotals): void {
  into.pages += add.pages;
  into.people += add.people;
  into.reached += add.reached;
  into.unreachable += add.unreachable;
  into.possibleDuplicates += add.possibleDuplicates;
  if (add.scheduled) into.scheduled = (into.scheduled ?? 0) + add.scheduled;
  if (add.resumeAt !== undefined) into.resumeAt = Math.min(into.resumeAt ?? Infinity, add.resumeAt);
  // Totals recorded in histories before letters and calls have no entry for them.
  for (const c of NOTICE_CHANNELS) {
    const into1 = (into.channels[c] ??= { sent: 0, failed: 0 });
    into1.sent += add.channels[c]?.sent ?? 0;
    into1.failed += add.channels[c]?.failed ?? 0;
  }
}
