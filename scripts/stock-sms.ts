// The bench's SMS ceiling: the Twilio SDK as it comes (its own axios HTTP client), only pointed at
// the local server. The service sends the same messages through the same channel with a leaner HTTP
// client of its own (activities/throughput/twilio-http.ts); the bench measures that loop too and
// prints both.
import twilio from 'twilio';
import type RequestClientBase from 'twilio/lib/base/RequestClient.js';
import { SmsChannel } from '../activities/channels/sms.js';
import type { SmsConfig } from '../platform/channel-providers.js';

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

/** The SMS channel as configured, sending through the SDK's own HTTP client. */
export function stockSmsChannel(config: SmsConfig): SmsChannel {
  if (!config.apiBaseUrl) throw new Error('the stock SMS loop needs apiBaseUrl (the local server)');
  return new SmsChannel(config, new LocalRequestClient(new URL(config.apiBaseUrl)));
}
