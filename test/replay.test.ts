// Replay guards against non-determinism: histories recorded from earlier runs of the incident workflow
// (test/histories/*.json) must replay against the current workflow code without a single divergence.
// Until the service's first production deployment the fixtures are re-recorded when the workflows
// change (RECORD_HISTORIES=1, below); from then on a change that breaks them needs `patched()`.
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { PayloadKeyRing } from '../platform/codec.js';
import { findTemporalCli } from '../platform/temporal-cli.js';
import { dataConverter } from '../platform/data-converter.js';
import { noticeFanoutWorkflowId, noticeLaneWorkflowId } from '../workflows/fanout-messages.js';
import { filingIdOf, filingWorkflowId } from '../domain/filing/filing.js';
import { incidentWorkflowId } from '../workflows/incident-messages.js';
import { workflowTracingSinks } from '../worker/tracing-interceptors.js';
import { eventually, startTestService, type TestService } from './support/service.js';

const historiesDir = path.join(import.meta.dirname, 'histories');
// Recorded histories are encrypted like any other; this key exists only for them and holds no real data.
const RECORDING_KEY: PayloadKeyRing = {
  activeKeyId: 'replay-fixture',
  keys: { 'replay-fixture': Buffer.from('cmVwbGF5LWZpeHR1cmUta2V5LW5vdC1hLXNlY3JldCE=', 'base64') },
};

const replayOptions = () => ({
  workflowBundle: { codePath: inject('workflowBundlePath') },
  dataConverter: dataConverter(RECORDING_KEY),
  // The bundle's tracing interceptors call the span sink; a real worker always offers it.
  sinks: workflowTracingSinks(undefined),
});

let svc: TestService;
beforeAll(async () => {
  svc = await startTestService({ payloadKeys: RECORDING_KEY });
});
afterAll(async () => {
  await svc?.close();
});

async function recordLifecycle(kind: 'closed' | 'cancelled'): Promise<Record<string, string>> {
  const id = await svc.openIncident({ externalId: `replay-${randomBytes(4).toString('hex')}` });
  await svc.uploadAffectedUsers(id, 'userId,email,country\nr1,r1@example.com,DE\nr2,r2@example.com,US\n');
  await eventually(
    async () => (await svc.call('responder', 'GET', `/v1/incidents/${id}`)).json.assessment?.affected === 2,
  );
  if (kind === 'cancelled') {
    await svc.call('responder', 'POST', `/v1/incidents/${id}/cancel`, { reason: 'false alarm' });
  } else {
    await svc.call('approver', 'POST', `/v1/incidents/${id}/approve`, { note: 'go' });
    await svc.reachPhase(id, 'monitoring');
    await svc.call('responder', 'POST', `/v1/incidents/${id}/close`, {
      reason: 'done',
      acknowledgeOpenObligations: true,
    });
  }
  const recorded = { [`incident-${kind}`]: incidentWorkflowId(id) };
  // A high-severity incident's notices: one child workflow per channel, then the settling pass.
  return kind === 'closed'
    ? {
        ...recorded,
        'notices-lanes': noticeFanoutWorkflowId(id, 1),
        'notices-lane-email': noticeLaneWorkflowId(id, 1, ['email']),
        // The GDPR filing of the person in DE: overdue from the start, it waits for the reasons for delay.
        'filing-gdpr-overdue': filingWorkflowId(filingIdOf(id, 'eu_gdpr.regulator_report.notification')),
      }
    : recorded;
}

describe('workflow replay', () => {
  it('replays the histories of a full lifecycle and of a cancellation recorded in this run', async () => {
    for (const kind of ['closed', 'cancelled'] as const) {
      for (const [name, workflowId] of Object.entries(await recordLifecycle(kind))) {
        const history = await svc.client.workflow.getHandle(workflowId).fetchHistory();
        expect(history.events?.length).toBeGreaterThan(10);
        await Worker.runReplayHistory(replayOptions(), history, workflowId);
        // RECORD_HISTORIES=1 npm test -- test/replay.test.ts keeps them as fixtures for later versions.
        if (process.env.RECORD_HISTORIES) {
          const json = execFileSync(
            findTemporalCli()!,
            ['workflow', 'show', '--address', inject('temporalAddress'), '-w', workflowId, '-o', 'json'],
            { encoding: 'utf8' },
          );
          writeFileSync(path.join(historiesDir, `${name}.json`), json);
        }
      }
    }
  });

  it('replays every recorded history in test/histories against the current code', async () => {
    const files = existsSync(historiesDir)
      ? readdirSync(historiesDir).filter((f) => f.endsWith('.json'))
      : [];
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const history: unknown = JSON.parse(readFileSync(path.join(historiesDir, file), 'utf8'));
      await expect(Worker.runReplayHistory(replayOptions(), history, file), file).resolves.toBeUndefined();
    }
  });
});
