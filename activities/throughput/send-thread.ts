// Part of the sending thread (sending-thread.ts), its body: it builds the channels from the
// configuration it was started with and sends what the worker's main thread posts to it, one reply
// per request.
import { parentPort, workerData } from 'node:worker_threads';
import type { ChannelsConfig } from '../../platform/channel-providers.js';
import { createChannels } from '../channels/index.js';
import type { SendResult } from '../channels/outcome.js';
import type { SendReply, SendRequest } from './send-messages.js';

const port = parentPort;
if (!port) throw new Error('send-thread.ts runs as a worker thread');
const channels = createChannels(workerData as ChannelsConfig);

port.on('message', (req: SendRequest | 'close') => {
  if (req === 'close') {
    void channels.close().finally(() => port.close());
    return;
  }
  const channel = channels[req.channel];
  const sent = channel
    ? (channel.send as (items: readonly unknown[]) => Promise<SendResult[]>)(req.items)
    : Promise.reject(new Error(`${req.channel} is not configured`));
  sent.then(
    (results) => port.postMessage({ id: req.id, results } satisfies SendReply),
    (err: unknown) => port.postMessage({ id: req.id, error: String(err) } satisfies SendReply),
  );
});
