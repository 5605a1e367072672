// A page activity waiting for the send rate stops waiting when it is cancelled (the incident was
// cancelled, the worker shuts down), instead of sleeping out the wait before it notices.
import { describe, expect, it } from 'vitest';
import { SendGate } from '../../activities/notices/gate.js';
import { SharedSendQuota } from '../../activities/notices/send-quota.js';

describe('waiting for the send rate', () => {
  it('ends at once when the activity is cancelled, on this worker’s own rate', async () => {
    // One send a minute: the second send would wait a minute.
    const gate = new SendGate({ concurrency: 1, ratePerSecond: 1 / 60 });
    await gate.admit(1);
    const cancel = new AbortController();
    const started = Date.now();
    const waiting = gate.admit(1, cancel.signal);
    cancel.abort();
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('ends at once when the activity is cancelled, on the quota every worker shares', async () => {
    let asked = 0;
    // Every worker together already used each second: the quota never grants.
    const quota = new SharedSendQuota(
      {
        takeSendQuota: async () => {
          asked += 1;
          return false;
        },
      },
      'sms',
      10,
    );
    const cancel = new AbortController();
    const waiting = quota.take(1, cancel.signal);
    await expect.poll(() => asked).toBeGreaterThan(0);
    cancel.abort();
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
    // The next taker in line is not held up by the cancelled one.
    const already = new AbortController();
    already.abort();
    await expect(quota.take(1, already.signal)).rejects.toMatchObject({ name: 'AbortError' });
  });
});
