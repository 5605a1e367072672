import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENESIS_HASH, verifyChain } from '../domain/evidence/audit-chain.js';
import { anchorPhase } from '../activities/evidence/phase-anchor.js';
import { verifyIncidentAudit } from '../api/audit-verification.js';
import { auditSigner, loadAuditKeys } from '../platform/audit-keys.js';
import { randomBytes } from 'node:crypto';
import { newIncident, openTestStore, STORE_KINDS, type TestStore } from './support/stores.js';
import {
  changeAuditReason,
  deleteAuditRow,
  liftAppendOnly,
  moveAuditRowToEnd,
} from './support/audit-tamper.js';

const signer = auditSigner(loadAuditKeys({}, { activeKeyId: 'k1', keys: { k1: randomBytes(32) } }));

describe.each(STORE_KINDS)('audit chain on %s', (kind) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await openTestStore(kind);
  });
  afterAll(async () => {
    await store?.cleanup();
  });

  async function chainedIncident(entries: number): Promise<string> {
    const id = await newIncident(store.ledger);
    // Concurrent appends of one incident: the lock per incident keeps one chain, no fork.
    await Promise.all(
      Array.from({ length: entries }, (_, i) =>
        store.ledger.appendAudit({
          incidentId: id,
          actor: `tester-${i}`,
          action: `step:${i}`,
          details: { i, nested: { b: 2, a: [1, 'x'] } },
          at: '2026-11-21T10:00:00Z',
        }),
      ),
    );
    return id;
  }

  it('chains concurrent appends of an incident and verifies, with a signed checkpoint', async () => {
    const id = await chainedIncident(12);
    const entries = await store.ledger.listAudit(id);
    expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(entries[0]!.prevHash).toBe(GENESIS_HASH);
    expect(entries[5]!.prevHash).toBe(entries[4]!.hash);
    const head = await anchorPhase(store.ledger, signer, {
      incidentId: id,
      phase: 'notifying',
      at: new Date().toISOString(),
    });
    expect(head.seq).toBe(13);
    // A retried activity returns the same signed head and writes nothing more.
    expect(
      await anchorPhase(store.ledger, signer, {
        incidentId: id,
        phase: 'notifying',
        at: new Date().toISOString(),
      }),
    ).toEqual(head);
    const verdict = await verifyIncidentAudit(store.ledger, signer, id);
    expect(verdict).toMatchObject({
      ok: true,
      entries: 13,
      head: { seq: 13, hash: head.head },
      checkpoints: 1,
    });
    const anchor = (await store.ledger.listAudit(id)).at(-1)!;
    expect(anchor.details).toMatchObject({ deliveries: { rows: 0 }, judgements: { rows: 0 } });
  });

  it('names the entry whose content changed, the one deleted and the one moved', async () => {
    const changed = await chainedIncident(5);
    const deleted = await chainedIncident(5);
    const moved = await chainedIncident(5);
    const truncated = await chainedIncident(4);
    await anchorPhase(store.ledger, signer, {
      incidentId: truncated,
      phase: 'notifying',
      at: new Date().toISOString(),
    });
    const rows = async (id: string) => store.ledger.listAudit(id);
    const [c, d, m, t] = await Promise.all([rows(changed), rows(deleted), rows(moved), rows(truncated)]);
    await liftAppendOnly(store.ledger);
    await changeAuditReason(store.ledger, c[2]!.id, 'nothing happened');
    await deleteAuditRow(store.ledger, d[1]!.id);
    await moveAuditRowToEnd(store.ledger, m[3]!.id);
    await deleteAuditRow(store.ledger, t.at(-1)!.id);

    const v1 = await verifyIncidentAudit(store.ledger, signer, changed);
    expect(v1).toMatchObject({ ok: false, broken: { id: c[2]!.id, seq: 3, problem: 'hash' } });
    const v2 = await verifyIncidentAudit(store.ledger, signer, deleted);
    expect(v2).toMatchObject({ ok: false, broken: { seq: 2, problem: 'missing' } });
    const v3 = await verifyIncidentAudit(store.ledger, signer, moved);
    expect(v3).toMatchObject({ ok: false, broken: { seq: 4, problem: 'order' } });
    // The tail removed: the chain alone still holds, but the signed checkpoint names the entry gone.
    expect(verifyChain(await rows(truncated)).ok).toBe(true);
    const v4 = await verifyIncidentAudit(store.ledger, signer, truncated);
    expect(v4).toMatchObject({ ok: false, broken: { seq: 5, problem: 'checkpoint' } });
  });
});
