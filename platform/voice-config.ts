// The voice channel's settings from the environment: the same Twilio account as SMS, a number that
// can call (TWILIO_VOICE_FROM), our call status webhook and the number a call tells people to call
// back. Read by channel-config.ts beside the other channels.
import { z } from 'zod';
import type { VoiceConfig } from './channel-providers.js';
import { optionalString, readEnv } from './env.js';

const e164 = z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 number such as +15005550006');

const VoiceEnv = {
  TWILIO_ACCOUNT_SID: optionalString,
  TWILIO_AUTH_TOKEN: optionalString,
  TWILIO_API_BASE_URL: optionalString.pipe(z.url().optional()),
  /** Setting it turns the voice channel on. */
  TWILIO_VOICE_FROM: optionalString.pipe(e164.optional()),
  /** Our webhook for call status callbacks: `<PUBLIC_BASE_URL>/webhooks/twilio/call-status`. */
  TWILIO_VOICE_STATUS_CALLBACK_URL: optionalString.pipe(z.url().optional()),
  /** The number a call asks people to call back; the incident contact's phone when unset. */
  VOICE_CALLBACK_NUMBER: optionalString.pipe(e164.optional()),
  VOICE_CONCURRENCY: z.coerce.number().int().positive().default(10),
};

/** The path the <Gather> posts a key press to, beside the status callback path. */
export const CALL_REPEAT_PATH = '/webhooks/twilio/call-repeat';

export function loadVoiceConfig(env: NodeJS.ProcessEnv): { voice?: VoiceConfig; problems: string[] } {
  const e = readEnv(VoiceEnv, env);
  if (!e.TWILIO_VOICE_FROM) return { problems: [] };
  const problems: string[] = [];
  if (!e.TWILIO_ACCOUNT_SID)
    problems.push('TWILIO_ACCOUNT_SID: required for calls (TWILIO_VOICE_FROM is set)');
  if (!e.TWILIO_AUTH_TOKEN) problems.push('TWILIO_AUTH_TOKEN: required for calls (TWILIO_VOICE_FROM is set)');
  if (problems.length) return { problems };
  const callback = e.TWILIO_VOICE_STATUS_CALLBACK_URL;
  return {
    voice: {
      accountSid: e.TWILIO_ACCOUNT_SID!,
      authToken: e.TWILIO_AUTH_TOKEN!,
      from: e.TWILIO_VOICE_FROM,
      ...(e.TWILIO_API_BASE_URL ? { apiBaseUrl: e.TWILIO_API_BASE_URL } : {}),
      ...(callback
        ? { statusCallbackUrl: callback, repeatUrl: new URL(CALL_REPEAT_PATH, callback).toString() }
        : {}),
      ...(e.VOICE_CALLBACK_NUMBER ? { callbackNumber: e.VOICE_CALLBACK_NUMBER } : {}),
      concurrency: e.VOICE_CONCURRENCY,
    },
    problems,
  };
}
