// Letters end to end: the worker posts a letter through the local print-mail API to the person whom
// only the post reaches; the API's webhook refuses an unsigned or missigned event and records a
// signed `letter.returned_to_sender` as the letter's failure.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signLetterWebhook } from '../dev/print-mail-server.js';
import type { AffectedUser } from '../domain/affected-user.js';
import { freePort } from '../platform/temporal-server.js';
import {
  approve,
  notified,
  openIncident,
  person,
  startFanoutRig,
  type FanoutRig,
} from './support/fanout-fixtures.js';

let rig: FanoutRig;
let port: number;
beforeAll(async () => {
  port = await freePort();
  rig = await startFanoutRig();
  await rig.svc.app.listen({ port, host: '127.0.0.1' });
});
afterAll(async () => {
  await rig?.close();
});

const hook = () => `http://127.0.0.1:${port}/webhooks/print-mail/letters`;

describe('letter receipts', () => {
  it('sends a letter to a person reachable only by post, and records its return', async () => {
    const byPost: AffectedUser = {
      userId: 'post-1',
      name: 'Pat Post',
      locale: 'en',
      country: 'US',
      postalAddress: { line1: '1 Elm St', city: 'Albany', postalCode: '12207', region: 'NY', country: 'US' },
    };
    const id = await openIncident(rig.svc, [person(801), byPost], { severity: 'low' });
    await approve(rig.svc, id);
    await notified(rig.svc, id);
    const { printMail } = rig.providers;
    const letters = printMail.received.filter((l) => l.to.name === 'Pat Post');
    expect(letters).toHaveLength(1);
    const key = { incidentId: id, userId: 'post-1', channel: 'letter' as const, noticeVersion: 1 };
    expect(await rig.svc.ledger.getDelivery(key)).toMatchObject({
      status: 'accepted',
      providerId: letters[0]!.id,
    });
    // The person reached by email gets no letter on top.
    expect(printMail.received.filter((l) => l.to.name === 'Person 000801')).toHaveLength(0);

    // Unsigned, missigned or stale: refused, nothing recorded.
    const body = JSON.stringify({
      id: 'evt_1',
      event_type: { id: 'letter.returned_to_sender' },
      body: { id: letters[0]!.id },
    });
    const post = (headers: Record<string, string>) =>
      fetch(hook(), { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    expect((await post({})).status).toBe(403);
    const now = String(Date.now());
    expect(
      (await post({ 'lob-signature-timestamp': now, 'lob-signature': signLetterWebhook('wrong', now, body) }))
        .status,
    ).toBe(403);
    const old = String(Date.now() - 3_600_000);
    expect(
      (
        await post({
          'lob-signature-timestamp': old,
          'lob-signature': signLetterWebhook(printMail.webhookSecret, old, body),
        })
      ).status,
    ).toBe(403);
    expect(await rig.svc.ledger.getDelivery(key)).toMatchObject({ status: 'accepted' });

    expect(await printMail.sendWebhook(letters[0]!.id, 'letter.mailed', hook())).toBe(204);
    expect(await printMail.sendWebhook(letters[0]!.id, 'letter.returned_to_sender', hook())).toBe(204);
    expect(await rig.svc.ledger.getDelivery(key)).toMatchObject({
      status: 'failed_permanent',
      errorCode: 'returned_to_sender',
    });
  });
});
