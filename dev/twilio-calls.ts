// The Calls resource of the local Twilio server (twilio-server.ts): `POST /2010-04-01/Accounts/
// {AccountSid}/Calls.json`, answered like Twilio (201, a queued call), then the call "happens": its
// status callbacks are posted, signed, to the StatusCallback URL. What each number does is
// configurable, and by default follows its last digits so development data can show every case.
import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import twilio from 'twilio';
import { json, twilioError } from './twilio-wire.js';

export type CallOutcome = 'completed' | 'busy' | 'no-answer' | 'failed' | 'canceled';

/** A call the fake Calls API accepted. */
export interface ReceivedCall {
  sid: string;
  to: string;
  from: string;
  twiml: string;
  statusCallback: string | undefined;
  statusCallbackEvents: string[];
  machineDetection: string | undefined;
  outcome: CallOutcome;
  /** `human` or `machine_end_beep` when the call was answered. */
  answeredBy?: string;
  receivedAt: Date;
}

/**
 * Without a configured outcome: numbers ending in 0000 do not answer, 0001 are busy, 0002 fail,
 * 0003 reach an answering machine; every other number is answered by a person.
 */
export function defaultCallOutcome(to: string): { outcome: CallOutcome; answeredBy?: string } {
  if (to.endsWith('0000')) return { outcome: 'no-answer' };
  if (to.endsWith('0001')) return { outcome: 'busy' };
  if (to.endsWith('0002')) return { outcome: 'failed' };
  if (to.endsWith('0003')) return { outcome: 'completed', answeredBy: 'machine_end_beep' };
  return { outcome: 'completed', answeredBy: 'human' };
}

export interface CallsResource {
  calls: ReceivedCall[];
  /** The outcomes of the next calls to `to`, in order; then the default again. */
  callOutcomes(to: string, outcomes: CallOutcome[]): void;
  create(form: URLSearchParams, res: ServerResponse): void;
  /** Posts a call status callback the way Twilio signs it; returns the receiver's HTTP status. */
  sendCallStatus(sid: string, status: string): Promise<number>;
  reset(): void;
}

export function callsResource(opts: {
  accountSid: string;
  authToken: string;
  /** Runs `fn` after `ms` (the server's timers, cleared on close). */
  later: (ms: number, fn: () => Promise<unknown>) => void;
  /** Between a call's status callbacks. */
  callbackAfterMs: number;
}): CallsResource {
  const { accountSid, authToken } = opts;
  const calls: ReceivedCall[] = [];
  const planned = new Map<string, CallOutcome[]>();

  const outcomeFor = (to: string): { outcome: CallOutcome; answeredBy?: string } => {
    const next = planned.get(to)?.shift();
    if (!next) return defaultCallOutcome(to);
    return next === 'completed' ? { outcome: next, answeredBy: 'human' } : { outcome: next };
  };

  const resource: CallsResource = {
    calls,
    callOutcomes(to, outcomes) {
      planned.set(to, [...outcomes]);
    },
    create(form, res) {
      const to = form.get('To');
      const from = form.get('From');
      const twiml = form.get('Twiml') ?? undefined;
      if (!to) return twilioError(res, 400, 21201, 'No called number is specified');
      if (!from) return twilioError(res, 400, 21213, 'No caller id is specified');
      if (!twiml && !form.get('Url'))
        return twilioError(res, 400, 21205, 'Url or Twiml parameter is required');
      if (!/^\+[1-9]\d{6,14}$/.test(to))
        return twilioError(res, 400, 21217, 'Phone number is not a valid number');
      const sid = `CA${randomBytes(16).toString('hex')}`;
      const call: ReceivedCall = {
        sid,
        to,
        from,
        twiml: twiml ?? '',
        statusCallback: form.get('StatusCallback') ?? undefined,
        statusCallbackEvents: form.getAll('StatusCallbackEvent'),
        machineDetection: form.get('MachineDetection') ?? undefined,
        ...outcomeFor(to),
        receivedAt: new Date(),
      };
      calls.push(call);
      if (call.statusCallback) {
        const steps = call.outcome === 'completed' ? ['initiated', 'ringing', 'in-progress'] : ['initiated'];
        steps.forEach((s, i) =>
          opts.later((i + 1) * opts.callbackAfterMs, () => resource.sendCallStatus(sid, s)),
        );
        opts.later((steps.length + 1) * opts.callbackAfterMs, () =>
          resource.sendCallStatus(sid, call.outcome),
        );
      }
      const now = new Date().toUTCString();
      json(res, 201, {
        sid,
        account_sid: accountSid,
        annotation: null,
        answered_by: null,
        api_version: '2010-04-01',
        caller_name: null,
        date_created: now,
        date_updated: now,
        direction: 'outbound-api',
        duration: null,
        end_time: null,
        forwarded_from: null,
        from,
        from_formatted: from,
        group_sid: null,
        parent_call_sid: null,
        phone_number_sid: null,
        price: null,
        price_unit: 'USD',
        queue_time: '0',
        start_time: null,
        status: 'queued',
        subresource_uris: {},
        to,
        to_formatted: to,
        trunk_sid: null,
        uri: `/2010-04-01/Accounts/${accountSid}/Calls/${sid}.json`,
      });
    },
    async sendCallStatus(sid, status) {
      const call = calls.find((c) => c.sid === sid);
      if (!call?.statusCallback) throw new Error(`twilio server: no status callback for ${sid}`);
      const final = !['initiated', 'ringing', 'in-progress'].includes(status);
      const params: Record<string, string> = {
        AccountSid: accountSid,
        ApiVersion: '2010-04-01',
        CallSid: sid,
        CallStatus: status,
        Direction: 'outbound-api',
        From: call.from,
        To: call.to,
        ...(call.answeredBy && (status === 'in-progress' || status === 'completed')
          ? { AnsweredBy: call.answeredBy }
          : {}),
        ...(final && status === 'completed' ? { CallDuration: '42' } : {}),
      };
      const signature = twilio.getExpectedTwilioSignature(authToken, call.statusCallback, params);
      const res = await fetch(call.statusCallback, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
        body: new URLSearchParams(params).toString(),
      });
      await res.arrayBuffer();
      return res.status;
    },
    reset() {
      calls.length = 0;
      planned.clear();
    },
  };
  return resource;
}
