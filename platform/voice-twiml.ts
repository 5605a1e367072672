// The TwiML a notice call runs, built with the twilio SDK's VoiceResponse (which escapes the text):
// the script read in the person's language inside a <Gather>, so a key press asks for it again,
// then goodbye. Answering machines hear it after the beep (the call waits for it, see voice.ts).
import twilio from 'twilio';
import type { VoiceScript } from '../domain/notice/voice-script.js';

type SayAttributes = Parameters<twilio.twiml.VoiceResponse['say']>[0];

/** Seconds the call waits for a key after the script before it says goodbye. */
const GATHER_TIMEOUT_S = 6;

/**
 * `repeatUrl`: where Twilio posts the key pressed (our API answers with the script again); without
 * it the script is read twice, the second time after the prompt.
 */
export function voiceTwiml(script: VoiceScript, repeatUrl?: string): string {
  const response = new twilio.twiml.VoiceResponse();
  const say = { language: script.language, voice: script.voice } as Exclude<SayAttributes, string>;
  const gather = response.gather({
    input: ['dtmf'],
    numDigits: 1,
    timeout: GATHER_TIMEOUT_S,
    ...(repeatUrl ? { action: repeatUrl, method: 'POST' } : { actionOnEmptyResult: false }),
  });
  for (const sentence of script.sentences) gather.say(say, sentence);
  gather.say(say, script.repeat);
  if (!repeatUrl) {
    // No route to answer a key press: read it once more for whoever is still listening.
    for (const sentence of script.sentences) response.say(say, sentence);
  }
  response.say(say, script.goodbye);
  return response.toString();
}
