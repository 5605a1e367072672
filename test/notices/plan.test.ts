// Plan: pages are boundaries in the affected set; a page read back holds the same people.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planNoticePages, readNoticePage } from '../../activities/notices/plan.js';
import { person, stepRig, type StepRig } from '../support/notice-steps.js';

let rig: StepRig;
beforeAll(async () => {
  // u000001..u000007; the even ones have a push token as well as an email address.
  rig = await stepRig(
    Array.from({ length: 7 }, (_, i) => person(i + 1, { email: true, push: (i + 1) % 2 === 0 })),
  );
});
afterAll(() => rig?.store.cleanup());

describe('planning notice pages', () => {
  it('cuts the affected set into pages by userId and says where the next ones start', async () => {
    const first = await planNoticePages(rig.store.ledger, {
      incidentId: rig.incidentId,
      pageSize: 3,
      pages: 2,
    });
    expect(first).toEqual({
      pages: [
        { size: 3, last: 'u000003' },
        { after: 'u000003', size: 3, last: 'u000006' },
      ],
      cursor: 'u000006',
      done: false,
    });
    const rest = await planNoticePages(rig.store.ledger, {
      incidentId: rig.incidentId,
      after: first.cursor!,
      pageSize: 3,
      pages: 2,
    });
    expect(rest).toEqual({
      pages: [{ after: 'u000006', size: 1, last: 'u000007' }],
      cursor: 'u000007',
      done: true,
    });
    const none = await planNoticePages(rig.store.ledger, {
      incidentId: rig.incidentId,
      after: 'u000007',
      pageSize: 3,
      pages: 2,
    });
    expect(none).toEqual({ pages: [], cursor: 'u000007', done: true });
  });

  it('plans a lane over the people its channel can reach only', async () => {
    const plan = await planNoticePages(rig.store.ledger, {
      incidentId: rig.incidentId,
      pageSize: 2,
      pages: 5,
      reachableBy: 'push',
    });
    expect(plan.pages).toEqual([
      { size: 2, last: 'u000004' },
      { after: 'u000004', size: 1, last: 'u000006' },
    ]);
    expect(plan.done).toBe(true);
  });

  it('reads a page back: every person for a whole page, the reachable ones up to its last for a lane', async () => {
    const page = { after: 'u000001', size: 4, last: 'u000005' };
    const whole = await readNoticePage(rig.store.ledger, rig.incidentId, page, undefined);
    expect(whole.map((p) => p.userId)).toEqual(['u000002', 'u000003', 'u000004', 'u000005']);
    const lane = await readNoticePage(rig.store.ledger, rig.incidentId, page, ['push']);
    expect(lane.map((p) => p.userId)).toEqual(['u000002', 'u000004']);
    // A page planned before `last` was recorded is read by its size alone.
    const old = await readNoticePage(rig.store.ledger, rig.incidentId, { after: 'u000001', size: 2 }, [
      'push',
    ]);
    expect(old.map((p) => p.userId)).toEqual(['u000002', 'u000003']);
  });
});
