// The sends a fan-out would make, decided per group of people who share the same reachable channels
// with the fan-out's own per-person decision (nextChannel, addressFor), assuming each send is taken.
import {
  addressFor,
  nextChannel,
  NOTICE_CHANNELS,
  perChannel,
  type ChannelState,
  type NoticeChannel,
  type NoticePolicy,
  type Reachability,
} from '../fallback.js';

/** People who can be reached on the same channels and read the same language. */
export interface PreviewGroup {
  email: boolean;
  sms: boolean;
  push: boolean;
  locale: string | null;
  people: number;
}

export type ChannelCounts = Record<NoticeChannel, number>;

export interface PlannedSends {
  people: number;
  /** Sends per channel. */
  sends: ChannelCounts;
  /** Sends per language and channel (a missing language is the default one). */
  byLocale: Record<string, ChannelCounts>;
  /** People no channel of the policy reaches: no contact data, or only on unconfigured channels. */
  unreachable: number;
}

const zero = (): ChannelCounts => perChannel(() => 0);

/** A stand-in for the person's contact data: only whether each channel has an address matters. */
function standIn(group: PreviewGroup): Reachability {
  return {
    ...(group.email ? { email: 'address' } : {}),
    ...(group.sms ? { phone: 'number' } : {}),
    ...(group.push ? { pushToken: 'token' } : {}),
  };
}

/** The channels one person of the group gets a notice on. */
export function channelsFor(
  policy: NoticePolicy,
  group: PreviewGroup,
  configured: ReadonlySet<NoticeChannel>,
): NoticeChannel[] {
  const person = standIn(group);
  const states: Partial<Record<NoticeChannel, ChannelState>> = {};
  for (let c = nextChannel(policy, states); c !== undefined; c = nextChannel(policy, states)) {
    const address = addressFor(person, c);
    states[c] = !configured.has(c)
      ? { kind: 'failed', reason: 'channel not configured' }
      : 'address' in address
        ? { kind: 'sent' }
        : { kind: 'failed', reason: address.missing };
  }
  return NOTICE_CHANNELS.filter((c) => states[c]?.kind === 'sent');
}

export function planSends(
  policy: NoticePolicy,
  groups: readonly PreviewGroup[],
  configured: ReadonlySet<NoticeChannel>,
  defaultLocale: string,
): PlannedSends {
  const plan: PlannedSends = { people: 0, sends: zero(), byLocale: {}, unreachable: 0 };
  for (const g of groups) {
    plan.people += g.people;
    const channels = channelsFor(policy, g, configured);
    if (channels.length === 0) plan.unreachable += g.people;
    const locale = g.locale ?? defaultLocale;
    const byLocale = (plan.byLocale[locale] ??= zero());
    for (const c of channels) {
      plan.sends[c] += g.people;
      byLocale[c] += g.people;
    }
  }
  return plan;
}

/** How long each channel's sends take at its configured rate; null where no rate limits it. */
export function sendSeconds(
  sends: ChannelCounts,
  ratePerSecond: Partial<Record<NoticeChannel, number | undefined>>,
): Record<NoticeChannel, number | null> & { total: number | null } {
  const each = Object.fromEntries(
    NOTICE_CHANNELS.map((c) => {
      const rate = ratePerSecond[c];
      return [c, sends[c] === 0 ? 0 : rate ? Math.ceil(sends[c] / rate) : null];
    }),
  ) as Record<NoticeChannel, number | null>;
  // The channels' lanes run side by side, so the slowest limited one sets the pace.
  // Channels without a rate are paced by their providers' answers, which no setting tells.
  const busy = NOTICE_CHANNELS.filter((c) => sends[c] > 0);
  const limited = busy.map((c) => each[c]).filter((s): s is number => s !== null);
  return { ...each, total: limited.length ? Math.max(...limited) : busy.length ? null : 0 };
}

/**
 * The price of the planned sends per channel and in total, in US dollars. Not rounded to cents like
 * the statutes' cost test: a preview of a few hundred pushes should not show nothing.
 */
export function sendCostsUsd(
  sends: ChannelCounts,
  priceUsd: ChannelCounts,
): ChannelCounts & { total: number } {
  const exact = (n: number) => Math.round(n * 1e6) / 1e6;
  const each = zero();
  for (const c of NOTICE_CHANNELS) each[c] = exact(sends[c] * priceUsd[c]);
  return { ...each, total: exact(NOTICE_CHANNELS.reduce((sum, c) => sum + sends[c] * priceUsd[c], 0)) };
}
