// Notice calls through Twilio Programmable Voice: one `calls.create` per person with the call's
// TwiML inline. Twilio answers at once with a queued call; whether anyone picked up arrives later
// in the status callback (api/routes/twilio-call-status.ts), which decides on retries and fallback.
import twilio from 'twilio';
import type { VoiceConfig } from '../../platform/channel-providers.js';
import { CALL_STATUS_EVENTS, statusCallbackFor } from '../../platform/twilio-callback.js';
import { mapBounded, type SendResult } from './outcome.js';
import { classifyTwilioError } from './sms.js';
import { TwilioHttpClient } from '../throughput/twilio-http.js';
import type { VoiceScript } from '../../domain/notice/voice-script.js';
import { voiceTwiml } from '../../platform/voice-twiml.js';

export interface VoiceItem {
  key: string;
  /** E.164. */
  to: string;
  /** What the call says (domain/notice/voice-script.ts); the channel turns it into TwiML. */
  script: VoiceScript;
  /** Sealed delivery reference, added to the status callback URL as `d`. */
  callbackRef?: string;
}

/** Sends notices as phone calls. */
export class VoiceChannel {
  readonly name = 'voice' as const;
  private readonly client: twilio.Twilio;
  private readonly concurrency: number;

  constructor(
    private readonly config: VoiceConfig,
    httpClient: twilio.RequestClient = new TwilioHttpClient({
      ...(config.apiBaseUrl ? { baseUrl: new URL(config.apiBaseUrl) } : {}),
      timeoutMs: config.timeoutMs ?? 30_000,
    }),
  ) {
    this.client = twilio(config.accountSid, config.authToken, { httpClient, autoRetry: false });
    this.concurrency = config.concurrency ?? 5;
  }

  /** Whether calls name a status callback URL, which carries each item's `callbackRef`. */
  get reportsStatus(): boolean {
    return this.config.statusCallbackUrl !== undefined;
  }

  /** The number calls ask people to call back, when configured. */
  get callbackNumber(): string | undefined {
    return this.config.callbackNumber;
  }

  async send(items: readonly VoiceItem[]): Promise<SendResult[]> {
    return mapBounded(items, this.concurrency, async (item): Promise<SendResult> => {
      try {
        const call = await this.client.calls.create({
          to: item.to,
          from: this.config.from,
          twiml: voiceTwiml(
            item.script,
            this.config.repeatUrl && statusCallbackFor(this.config.repeatUrl, item.callbackRef),
          ),
          // The call waits for an answering machine's beep, so the whole message is left on it.
          machineDetection: 'DetectMessageEndpoint',
          ...(this.config.statusCallbackUrl
            ? {
                statusCallback: statusCallbackFor(this.config.statusCallbackUrl, item.callbackRef),
                statusCallbackMethod: 'POST',
                statusCallbackEvent: [...CALL_STATUS_EVENTS],
              }
            : {}),
        });
        return { key: item.key, outcome: 'accepted', providerId: call.sid };
      } catch (err) {
        return classifyTwilioError(item.key, err);
      }
    });
  }
}
