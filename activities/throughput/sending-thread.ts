// Throughput device: one worker process sends on two cores (the channels' SDKs on a thread of their own).
//
// The channels' SDKs (HTTP, TLS, SMTP and their buffers) take most of a notice's CPU. Node runs a
// worker's activities on one thread, so they run here on a thread of their own instead: the main
// thread keeps the ledger, the notice text and Temporal, and one worker process uses two cores.
// What goes over is the send itself: items in, one `SendResult` per item out, as the channels answer.
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ChannelsConfig } from '../../platform/channel-providers.js';
import type { NoticeChannel } from '../../domain/fallback.js';
import type { SendResult } from '../channels/outcome.js';
import type { SendReply, SendRequest } from './send-messages.js';

interface Waiting {
  resolve: (results: SendResult[]) => void;
  reject: (err: unknown) => void;
}

/** The thread's entry, next to this file: `.ts` when run from source (tsx), `.js` when built. */
const entry = new URL(`./send-thread${extname(fileURLToPath(import.meta.url))}`, import.meta.url);

/**
 * Code that starts the thread. From source, tsx's loader is registered first: Node 20 does not apply
 * an `--import`ed loader to a thread's entry, and a test runner's own loader does not reach threads.
 */
function threadSource(): string {
  const target = JSON.stringify(entry.href);
  if (!entry.pathname.endsWith('.ts')) return `import(${target});`;
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  return `import(${tsx}).then(({ register }) => { register(); return import(${target}); });`;
}

interface Running {
  thread: Worker;
  /** Sends posted to this thread and not answered yet. */
  waiting: Map<number, Waiting>;
}

export class SendingThread {
  private running: Running | undefined;
  private nextId = 1;

  constructor(private readonly config: ChannelsConfig) {}

  send(channel: NoticeChannel, items: SendRequest['items']): Promise<SendResult[]> {
    const { thread, waiting } = this.running ?? this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      thread.postMessage({ id, channel, items } satisfies SendRequest);
    });
  }

  private start(): Running {
    const thread = new Worker(threadSource(), { eval: true, workerData: this.config, execArgv: [] });
    const running: Running = { thread, waiting: new Map() };
    const { waiting } = running;
    thread.on('message', (reply: SendReply) => {
      const w = waiting.get(reply.id);
      if (!w) return;
      waiting.delete(reply.id);
      if ('results' in reply) w.resolve(reply.results);
      else w.reject(new Error(reply.error));
    });
    // A thread that dies takes its sends' answers with it: whether they went out is unknown, so each
    // caller gets an error (its claims are given back), and the next send starts a fresh thread.
    const fail = (err: unknown) => {
      if (this.running === running) this.running = undefined;
      for (const w of waiting.values()) w.reject(err);
      waiting.clear();
    };
    thread.on('error', fail);
    thread.on('exit', (code) => fail(new Error(`sending thread exited with code ${code}`)));
    thread.unref();
    this.running = running;
    return running;
  }

  async close(): Promise<void> {
    const thread = this.running?.thread;
    if (!thread) return;
    this.running = undefined;
    const exited = new Promise<void>((resolve) => thread.once('exit', () => resolve()));
    thread.postMessage('close');
    await exited;
  }
}
