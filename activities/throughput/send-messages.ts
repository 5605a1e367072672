// Part of the sending thread: what the worker's main thread (sending-thread.ts) and the thread
// itself (send-thread.ts) say to each other.
import type { EmailItem } from '../channels/email.js';
import type { NoticeChannel } from '../../domain/fallback.js';
import type { SendResult } from '../channels/outcome.js';
import type { PushItem } from '../channels/push.js';
import type { SmsItem } from '../channels/sms.js';
import type { LetterItem } from '../channels/letter.js';
import type { VoiceItem } from '../channels/voice.js';

export interface SendRequest {
  id: number;
  channel: NoticeChannel;
  items:
    | readonly EmailItem[]
    | readonly SmsItem[]
    | readonly PushItem[]
    | readonly LetterItem[]
    | readonly VoiceItem[];
}
export type SendReply = { id: number; results: SendResult[] } | { id: number; error: string };
