// The bench's SMS ceiling: the Twilio SDK as it comes (its own axios HTTP client), only pointed at
// the local server. The service sends through the same SDK with a leaner HTTP client of its own
// (activities/channels/twilio-http.ts); the bench measures that loop too and prints both.
import twilio from 'twilio';
import type RequestClientBase from 'twilio/lib/base/RequestClient.js';
import { mapBounded, type SendResult } from '../activities/channels/outcome.js';
import {
  classifyTwilioError,
  statusCallbackFor,
  type SmsConfig,
  type SmsItem,
} from '../activities/channels/sms.js';

/** The SDK's own client; the one change is the origin, which a local server needs. */
class LocalRequestClient extends twilio.RequestClient {
  constructor(private readonly origin: URL) {
    super({ keepAlive: true, autoRetry: false });
  }

  override request<TData>(opts: RequestClientBase.RequestOptions<TData>) {
    const url = new URL(opts.uri);
    return super.request<TData>({ ...opts, uri: new URL(url.pathname + url.search, this.origin).href });
  }
}

/** Sends as `SmsChannel.send` does (same messages, same concurrency), through the SDK as it comes. */
export function stockSmsSender(config: SmsConfig): {
  send(items: readonly SmsItem[]): Promise<SendResult[]>;
} {
  if (!config.apiBaseUrl || !config.from) throw new Error('the stock SMS loop needs apiBaseUrl and from');
  const client = twilio(config.accountSid, config.authToken, {
    httpClient: new LocalRequestClient(new URL(config.apiBaseUrl)),
    autoRetry: false,
  });
  const from = config.from;
  return {
    send: (items) =>
      mapBounded(items, config.concurrency ?? 10, async (item): Promise<SendResult> => {
        try {
          const msg = await client.messages.create({
            to: item.to,
            body: item.body,
            from,
            ...(config.statusCallbackUrl
              ? { statusCallback: statusCallbackFor(config.statusCallbackUrl, item.callbackRef) }
              : {}),
          });
          return { key: item.key, outcome: 'accepted', providerId: msg.sid };
        } catch (err) {
          return classifyTwilioError(item.key, err);
        }
      }),
  };
}
