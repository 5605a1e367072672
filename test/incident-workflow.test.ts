// The incident workflow on a real Temporal server: durability across worker restarts, encrypted
// history, search attributes, and the codec endpoint the Web UI uses.
import { execFileSync } from 'node:child_process';
import { defaultPayloadConverter } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { findTemporalCli } from '../platform/temporal-cli.js';
import { incidentWorkflowId } from '../workflows/incident-messages.js';
import { eventually, incidentRequest, startTestService, type TestService } from './support/service.js';

let svc: TestService;
beforeAll(async () => {
  svc = await startTestService();
});
afterAll(async () => {
  await svc?.close();
});

function exportHistory(workflowId: string): string {
  const cli = findTemporalCli();
  if (!cli) throw new Error('temporal CLI not found');
  return execFileSync(
    cli,
    ['workflow', 'show', '--address', inject('temporalAddress'), '-w', workflowId, '--output', 'json'],
    {
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    },
  );
}

describe('incident workflow', () => {
  it('continues where it was after the worker is stopped and a new one starts', async () => {
    const id = await svc.openIncident();
    await eventually(async () => (await svc.ledger.getIncident(id))?.phase === 'awaiting_approval');

    await svc.stopWorker();
    try {
      // With no worker the ledger still answers, from what the workflow last recorded.
      const offline = await svc.call('responder', 'GET', `/v1/incidents/${id}`);
      expect(offline.status).toBe(200);
      expect(offline.json).toMatchObject({ phase: 'awaiting_approval', live: false });
    } finally {
      await svc.startWorker();
    }
    const approved = await svc.call('approver', 'POST', `/v1/incidents/${id}/approve`, {
      note: 'after restart',
    });
    expect(approved.status).toBe(200);
    await svc.reachPhase(id, 'monitoring');
  });

  it('keeps the contact email and description out of Temporal history in plaintext', async () => {
    const email = `dpo-${Date.now()}@secret.example`;
    const description = `Unique description ${Date.now()} of what leaked from the billing system.`;
    const { json } = await svc.call(
      'responder',
      'POST',
      '/v1/incidents',
      incidentRequest({ description, contact: { name: 'DPO', email } }),
    );
    await svc.reachPhase(json.id, 'awaiting_approval');
    await svc.call('approver', 'POST', `/v1/incidents/${json.id}/approve`, { note: `approved by ${email}` });
    await svc.reachPhase(json.id, 'monitoring');

    const history = exportHistory(incidentWorkflowId(json.id));
    expect(history).toMatch(/WorkflowExecutionStarted|WORKFLOW_EXECUTION_STARTED/);
    // Payloads are there, but only as ciphertext ("binary/encrypted" in base64 metadata).
    expect(history).toContain(Buffer.from('binary/encrypted').toString('base64'));
    expect(history).not.toContain(email);
    expect(history).not.toContain(description);
    expect(history).not.toContain('dpo-');
  });

  it('sets phase and severity search attributes so incidents can be listed in Temporal', async () => {
    const { json } = await svc.call(
      'responder',
      'POST',
      '/v1/incidents',
      incidentRequest({ severity: 'critical' }),
    );
    await svc.reachPhase(json.id, 'awaiting_approval');
    const found = await eventually(async () => {
      const ids: string[] = [];
      for await (const wf of svc.client.workflow.list({
        query: `IncidentPhase = 'awaiting_approval' AND IncidentSeverity = 'critical'`,
      })) {
        ids.push(wf.workflowId);
      }
      return ids.includes(incidentWorkflowId(json.id));
    });
    expect(found).toBe(true);
  });

  it('lets an operator decode a payload through the codec endpoint', async () => {
    const { EncryptionCodec } = await import('../platform/codec.js');
    const [encrypted] = await new EncryptionCodec(svc.payloadKeys).encode([
      defaultPayloadConverter.toPayload({ secret: 'x@y.z' }),
    ]);
    const body = {
      payloads: [
        {
          metadata: Object.fromEntries(
            Object.entries(encrypted!.metadata!).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
          ),
          data: Buffer.from(encrypted!.data!).toString('base64'),
        },
      ],
    };
    const res = await svc.app.inject({
      method: 'POST',
      url: '/codec/decode',
      payload: body,
      headers: { origin: 'http://127.0.0.1:8233' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe('http://127.0.0.1:8233');
    const data = Buffer.from(res.json().payloads[0].data, 'base64').toString();
    expect(JSON.parse(data)).toEqual({ secret: 'x@y.z' });
  });
});
