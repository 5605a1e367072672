// What the worker's main thread and its sending thread say to each other (sending-thread.ts, send-thread.ts).
import type { EmailItem } from './email.js';
import type { ChannelName, SendResult } from './outcome.js';
import type { PushItem } from './push.js';
import type { SmsItem } from './sms.js';

export interface SendRequest {
  id: number;
  channel: ChannelName;
  items: readonly EmailItem[] | readonly SmsItem[] | readonly PushItem[];
}
export type SendReply = { id: number; results: SendResult[] } | { id: number; error: string };
