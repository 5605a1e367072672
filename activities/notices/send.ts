// Send: hand claimed, rendered notices to their channel through the channel's gate. Email and SMS go
// one request per person, each holding one slot of the gate, so the provider sees a steady
// `concurrency` in flight across every page this worker runs; push goes in `sendEach` batches of
// PUSH_UNIT holding as many slots. Each unit's answers are recorded as soon as they are known: that
// gap is the only window for a duplicate.
import { sealDeliveryRef } from '../../domain/delivery-ref.js';
import type { NoticeChannel } from '../../domain/fallback.js';
import { postalAddressLines } from '../../domain/postal-address.js';
import type { ChannelSettings } from '../../platform/channel-config.js';
import type { StoredAffectedUser } from '../../store/ledger.js';
import { noticeMessageId, type Channels, type SendResult } from '../channels/index.js';
import type { SendGate } from './gate.js';
import type { PageNotices } from './render.js';
import { renderLetterPdf } from '../channels/letter-pdf.js';

/**
 * Push notices per `sendEach` call. Outcomes are known only when the whole call returns, so a
 * smaller batch narrows what a killed worker may send twice.
 */
export const PUSH_UNIT = 100;

export interface NoticeSend {
  channels: Omit<Channels, 'close'>;
  settings: Pick<ChannelSettings, 'emailDomain' | 'linkSecret'>;
  incidentId: string;
  noticeVersion: number;
  notices: Pick<PageNotices, 'notice' | 'link' | 'letter' | 'voiceScript'>;
}

/** One call of a channel for `people`, each item keyed by the person's userId. */
export function sendThrough(
  s: NoticeSend,
  channel: NoticeChannel,
  people: readonly StoredAffectedUser[],
): Promise<SendResult[]> {
  const { channels, settings, incidentId, noticeVersion, notices } = s;
  switch (channel) {
    case 'email':
      return channels.email!.send(
        people.map((p) => ({
          key: p.userId,
          to: p.email!,
          ...notices.notice(p).email,
          messageId: noticeMessageId({
            incidentId,
            recipientRef: p.userId,
            noticeVersion,
            domain: settings.emailDomain,
          }),
        })),
      );
    case 'sms': {
      const sms = channels.sms!;
      return sms.send(
        people.map((p) => ({
          key: p.userId,
          to: p.phone!,
          body: notices.notice(p).sms,
          ...(sms.reportsStatus
            ? {
                callbackRef: sealDeliveryRef(
                  { incidentId, userId: p.userId, channel: 'sms', noticeVersion },
                  settings.linkSecret,
                ),
              }
            : {}),
        })),
      );
    }
    case 'push':
      return channels.push!.send(
        people.map((p) => ({
          key: p.userId,
          token: p.pushToken!,
          ...notices.notice(p).push,
          link: notices.link(p),
          data: { incidentId, noticeVersion: String(noticeVersion) },
        })),
      );
    case 'voice': {
      const voice = channels.voice!;
      return voice.send(
        people.map((p) => ({
          key: p.userId,
          to: p.phone!,
          script: notices.voiceScript(p, voice.callbackNumber),
          ...(voice.reportsStatus
            ? {
                callbackRef: sealDeliveryRef(
                  { incidentId, userId: p.userId, channel: 'voice', noticeVersion },
                  settings.linkSecret,
                ),
              }
            : {}),
        })),
      );
    }
    case 'letter':
      return sendLetters(s, people);
  }
}

/**
 * Letters: each person's PDF rendered here (it needs their notice's sections and link), then handed
 * to the provider; its content hash comes back with the result, to be kept with the delivery.
 */
async function sendLetters(s: NoticeSend, people: readonly StoredAffectedUser[]): Promise<SendResult[]> {
  const { channels, settings, incidentId, noticeVersion, notices } = s;
  const letter = channels.letter!;
  const { returnAddress, font } = letter.config;
  const rendered = await Promise.all(
    people.map((p) =>
      renderLetterPdf({
        document: notices.letter(p),
        recipient: { ...(p.name ? { name: p.name } : {}), address: p.postalAddress! },
        returnAddress: postalAddressLines(returnAddress, returnAddress.name),
        noticeUrl: notices.link(p),
        ...(font ? { font } : {}),
      }),
    ),
  );
  const results = await letter.send(
    people.map((p, i) => ({
      key: p.userId,
      to: { ...(p.name ? { name: p.name } : {}), address: p.postalAddress! },
      pdf: rendered[i]!.pdf,
      claimKey: `${incidentId}\0${p.userId}\0letter\0${noticeVersion}`,
      ref: sealDeliveryRef(
        { incidentId, userId: p.userId, channel: 'letter', noticeVersion },
        settings.linkSecret,
      ),
    })),
  );
  const hashes = new Map(people.map((p, i) => [p.userId, rendered[i]!.contentHash]));
  return results.map((r) => ({ ...r, contentHash: hashes.get(r.key) }));
}

/** Where each unit's answer goes: the record step. */
export interface UnitOutcomes {
  /** The provider answered, one result per person of the unit. */
  answered(unit: readonly StoredAffectedUser[], results: readonly SendResult[]): Promise<void>;
  /** Nothing is known to have gone out: the unit's claims go back for the next attempt. */
  givenBack(unit: readonly StoredAffectedUser[], errorCode: string, err: unknown): Promise<void>;
}

/**
 * Sends claimed people in units through the gate and reports each unit's outcome. Throws the first
 * unexpected error once every unit is reported (the channels classify providers' answers themselves,
 * so an exception means whether anything went out is unknown).
 */
export async function sendUnits(
  channel: NoticeChannel,
  people: readonly StoredAffectedUser[],
  gate: Pick<SendGate, 'run'>,
  signal: AbortSignal,
  send: (unit: readonly StoredAffectedUser[]) => Promise<SendResult[]>,
  outcomes: UnitOutcomes,
): Promise<void> {
  const units: StoredAffectedUser[][] = [];
  const unitSize = channel === 'push' ? PUSH_UNIT : 1;
  for (let k = 0; k < people.length; k += unitSize) units.push(people.slice(k, k + unitSize));
  let sendError: unknown;
  await Promise.all(
    units.map(async (unit) => {
      let results: SendResult[];
      let cancelled = false;
      try {
        results = await gate.run(unit.length, async () => {
          // Cancelled while waiting for a slot: do not start sends nobody wants any more.
          if (signal.aborted) {
            cancelled = true;
            return [];
          }
          return send(unit);
        });
      } catch (err) {
        sendError ??= err;
        await outcomes.givenBack(unit, 'SEND_ERROR', err);
        return;
      }
      if (cancelled) await outcomes.givenBack(unit, 'CANCELLED', 'cancelled before sending');
      else await outcomes.answered(unit, results);
    }),
  );
  if (sendError !== undefined) throw sendError;
}
