import { describe, expect, it } from 'vitest';
import {
  eventLoopBusy,
  LanePriority,
  machineBusy,
  workerBusy,
  type CpuTimes,
} from '../activities/throughput/lane-priority.js';

/** Whether `p` settles within `ms`. */
async function settlesWithin(p: Promise<unknown>, ms: number): Promise<boolean> {
  let settled = false;
  void p.then(() => (settled = true));
  await new Promise((r) => setTimeout(r, ms));
  return settled;
}

describe('cheaper channels first while the worker is busy', () => {
  it('holds email while push has sends to make and the worker is busy, and lets it go when push is done', async () => {
    const priority = new LanePriority(undefined, () => true, 5);
    const leavePush = priority.enter('push');
    const emailTurn = priority.turn('email');
    expect(await settlesWithin(emailTurn, 60)).toBe(false);
    leavePush();
    expect(await settlesWithin(emailTurn, 60)).toBe(true);
  });

  it('holds email behind SMS and SMS behind push, never the other way round', async () => {
    const priority = new LanePriority(undefined, () => true, 5);
    const leaveEmail = priority.enter('email');
    const leaveSms = priority.enter('sms');
    expect(await settlesWithin(priority.turn('push'), 30)).toBe(true);
    expect(await settlesWithin(priority.turn('sms'), 30)).toBe(true);
    expect(await settlesWithin(priority.turn('email'), 30)).toBe(false);
    leaveSms();
    leaveEmail();
  });

  it('holds nobody while the worker has CPU to spare', async () => {
    let busy = true;
    const priority = new LanePriority(undefined, () => busy, 5);
    priority.enter('push');
    const emailTurn = priority.turn('email');
    expect(await settlesWithin(emailTurn, 40)).toBe(false);
    busy = false;
    expect(await settlesWithin(emailTurn, 40)).toBe(true);
  });

  it('counts each batch: a channel stays ahead until its last batch leaves, and leaving twice counts once', async () => {
    const priority = new LanePriority(undefined, () => true, 5);
    const first = priority.enter('push');
    const second = priority.enter('push');
    first();
    first();
    const emailTurn = priority.turn('email');
    expect(await settlesWithin(emailTurn, 40)).toBe(false);
    second();
    expect(await settlesWithin(emailTurn, 40)).toBe(true);
  });

  it('stops waiting when the page is cancelled', async () => {
    const priority = new LanePriority(undefined, () => true, 1000);
    priority.enter('push');
    const cancel = new AbortController();
    const emailTurn = priority.turn('email', cancel.signal);
    expect(await settlesWithin(emailTurn, 30)).toBe(false);
    cancel.abort();
    expect(await settlesWithin(emailTurn, 30)).toBe(true);
  });
});

describe('eventLoopBusy', () => {
  it('is true after the loop was kept busy, false after it was left idle', async () => {
    const busy = eventLoopBusy({ windowMs: 50 });
    // Nothing measured yet: costlier channels wait for the first window.
    expect(busy()).toBe(true);
    const until = performance.now() + 120;
    while (performance.now() < until) {
      // Keep the event loop busy, as a worker sending flat out does.
    }
    expect(busy()).toBe(true);
    await new Promise((r) => setTimeout(r, 120));
    expect(busy()).toBe(false);
  });
});

describe('machineBusy', () => {
  it("follows the machine's idle share over each window, and keeps its answer while no tick was counted", async () => {
    let times: CpuTimes = { total: 0, idle: 0 };
    const busy = machineBusy(() => times, { windowMs: 20 });
    const wait = () => new Promise((r) => setTimeout(r, 30));
    expect(busy()).toBe(true);

    // 1,000 ms of CPU time, 50 of them idle: 95 % busy.
    times = { total: 1000, idle: 50 };
    await wait();
    expect(busy()).toBe(true);

    // No CPU time counted since (a tick not yet due): still busy, not a division by nothing.
    await wait();
    expect(busy()).toBe(true);

    // The next 1,000 ms: 300 idle, 70 % busy.
    times = { total: 2000, idle: 350 };
    await wait();
    expect(busy()).toBe(false);

    // Within the window the last answer stands, whatever the counters say.
    times = { total: 3000, idle: 350 };
    expect(busy()).toBe(false);
    await wait();
    expect(busy()).toBe(true);
  });
});

describe('a busy signal around its threshold', () => {
  it('stays busy until the share falls below the release level, and turns busy again only at the threshold', async () => {
    let times: CpuTimes = { total: 0, idle: 0 };
    const busy = machineBusy(() => times, { windowMs: 20, threshold: 0.9, release: 0.75 });
    const wait = () => new Promise((r) => setTimeout(r, 30));
    const window = async (busyShare: number) => {
      times = { total: times.total + 1000, idle: times.idle + Math.round(1000 * (1 - busyShare)) };
      await wait();
      return busy();
    };
    expect(await window(0.95)).toBe(true);
    // Dips under the threshold but not the release level: still busy, no batch slips through.
    expect(await window(0.85)).toBe(true);
    expect(await window(0.8)).toBe(true);
    expect(await window(0.7)).toBe(false);
    // Not busy again until the threshold itself is reached.
    expect(await window(0.85)).toBe(false);
    expect(await window(0.92)).toBe(true);
  });
});

describe('a busy signal nobody asked for a while', () => {
  it('answers busy until a fresh window was measured, whatever the idle spell before it said', async () => {
    let times: CpuTimes = { total: 0, idle: 0 };
    const busy = machineBusy(() => times, { windowMs: 20, staleMs: 200 });
    const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
    times = { total: 1000, idle: 900 };
    await wait(30);
    expect(busy()).toBe(false);

    // A quiet spell: the machine idled throughout, but that says nothing about the moment now.
    times = { total: 5000, idle: 4900 };
    await wait(250);
    expect(busy()).toBe(true);

    // The first fresh window decides.
    times = { total: 6000, idle: 5800 };
    await wait(30);
    expect(busy()).toBe(false);
  });
});

describe('workerBusy', () => {
  it('goes by the event loop alone where the platform lists no CPUs', async () => {
    const busy = workerBusy(() => []);
    expect(busy()).toBe(true);
    await new Promise((r) => setTimeout(r, 150));
    // The loop idled: not busy. A machine signal with nothing to read would still say busy.
    expect(busy()).toBe(false);
  });
});
