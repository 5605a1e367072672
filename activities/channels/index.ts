/**
 * The three channels a notice goes out through. Each is built from explicit configuration (the
 * worker reads the environment, not these modules), sends a batch per call with bounded
 * concurrency, and answers one `SendResult` per item, in order.
 */
import type { ChannelsConfig, LetterConfig } from '../../platform/channel-providers.js';
import { LetterChannel, type LetterItem } from './letter.js';
import { EmailChannel, type EmailItem } from './email.js';
import { PushChannel, type PushItem } from './push.js';
import type { NoticeChannel } from '../../domain/fallback.js';
import type { SendRequest } from '../throughput/send-messages.js';
import { SendingThread } from '../throughput/sending-thread.js';
import { SmsChannel, smsReportsStatus, type SmsItem } from './sms.js';
import { VoiceChannel, type VoiceItem } from './voice.js';

export type { SendOutcome, SendResult } from './outcome.js';
export { EmailChannel, noticeMessageId, type EmailItem } from './email.js';
export { SmsChannel, type SmsItem } from './sms.js';
export { PushChannel, PUSH_BATCH_MAX, type PushItem } from './push.js';
export { LetterChannel, letterIdempotencyKey, type LetterItem } from './letter.js';
export { VoiceChannel, type VoiceItem } from './voice.js';

/** What sending a notice needs of each channel, wherever the channel runs. */
export interface Channels {
  email?: Pick<EmailChannel, 'name' | 'send'>;
  sms?: Pick<SmsChannel, 'name' | 'send' | 'reportsStatus'>;
  push?: Pick<PushChannel, 'name' | 'send'>;
  letter?: Pick<LetterChannel, 'name' | 'send'> & { config: Pick<LetterConfig, 'returnAddress' | 'font'> };
  voice?: Pick<VoiceChannel, 'name' | 'send' | 'reportsStatus' | 'callbackNumber'>;
  /** Closes pooled connections; call on worker shutdown. */
  close(): Promise<void>;
}

/**
 * Builds the configured channels; a channel without configuration is absent. With `sendingThread`
 * they run on a thread of their own (sending-thread.ts) and these are their stand-ins.
 */
export function createChannels(config: ChannelsConfig, opts: { sendingThread?: boolean } = {}): Channels {
  if (opts.sendingThread) return threadChannels(config);
  const email = config.email ? new EmailChannel(config.email) : undefined;
  const sms = config.sms ? new SmsChannel(config.sms) : undefined;
  const push = config.push ? new PushChannel(config.push) : undefined;
  const letter = config.letter ? letterChannel(new LetterChannel(config.letter), config.letter) : undefined;
  const voice = config.voice ? new VoiceChannel(config.voice) : undefined;
  return {
    ...(letter ? { letter } : {}),
    ...(voice ? { voice } : {}),
    ...(email ? { email } : {}),
    ...(sms ? { sms } : {}),
    ...(push ? { push } : {}),
    async close() {
      email?.close();
      await push?.close();
    },
  };
}

function threadChannels(config: ChannelsConfig): Channels {
  const thread = new SendingThread(config);
  const standIn = <N extends NoticeChannel, I extends SendRequest['items'][number]>(name: N) => ({
    name,
    send: (items: readonly I[]) => thread.send(name, items as SendRequest['items']),
  });
  return {
    ...(config.email ? { email: standIn<'email', EmailItem>('email') } : {}),
    ...(config.sms
      ? { sms: { ...standIn<'sms', SmsItem>('sms'), reportsStatus: smsReportsStatus(config.sms) } }
      : {}),
    ...(config.push ? { push: standIn<'push', PushItem>('push') } : {}),
    ...(config.letter
      ? { letter: letterChannel(standIn<'letter', LetterItem>('letter'), config.letter) }
      : {}),
    ...(config.voice
      ? {
          voice: {
            ...standIn<'voice', VoiceItem>('voice'),
            reportsStatus: config.voice.statusCallbackUrl !== undefined,
            callbackNumber: config.voice.callbackNumber,
          },
        }
      : {}),
    close: () => thread.close(),
  };
}

/** The letter channel with what rendering its letters needs: the sender's address and the font. */
function letterChannel(
  channel: Pick<LetterChannel, 'name' | 'send'>,
  config: LetterConfig,
): NonNullable<Channels['letter']> {
  return {
    name: channel.name,
    send: (items) => channel.send(items),
    config: { returnAddress: config.returnAddress, ...(config.font ? { font: config.font } : {}) },
  };
}
