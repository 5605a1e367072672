// One filing workflow on the real Temporal server, started directly with a clock of seconds: its
// reminders survive a worker outage (and say how late they are), an overdue GDPR filing waits for the
// reasons for delay and files them, a worker stopped mid-submission does not file twice, and a portal
// filing waits for its confirmation number while the reminders keep coming.
import { Context } from '@temporalio/activity';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRecipientDirectory, type RecipientDirectory } from '../activities/filing-recipients.js';
import type { FilingSubmitter } from '../activities/filing-submission/index.js';
import { filingIdOf, filingWorkflowId } from '../domain/filing/filing.js';
import { developmentRecipient, Recipient } from '../domain/filing/recipient.js';
import { startSmtpSink, type SmtpSink } from '../dev/smtp-sink.js';
import {
  earlierPhaseFiledSignal,
  filingStateQuery,
  type FilingState,
  type FilingWorkflowInput,
} from '../workflows/filing-messages.js';
import { eventually, startTestService, type TestService } from './support/service.js';

const OBLIGATION = 'eu_gdpr.regulator_report.notification';
const portal = Recipient.parse({
  id: 'test-ico-portal',
  name: 'Test portal regulator',
  regime: 'eu_gdpr',
  adapter: 'portal',
  portalUrl: 'https://portal.regulator.test/report',
});
const reviewed = Recipient.parse({
  id: 'test-reviewed',
  name: 'Test regulator whose filings an approver reviews',
  regime: 'eu_gdpr',
  adapter: 'email',
  address: 'reviewed@regulators.localhost',
  requiresApproval: true,
});
const dev = loadRecipientDirectory({ development: true });
const recipients: RecipientDirectory = {
  recipientFor: (regime, region) => (regime === 'eu_gdpr' ? reviewed : dev.recipientFor(regime, region)),
  byId: (id) => [portal, reviewed, developmentRecipient('eu_gdpr')].find((r) => r.id === id) ?? dev.byId(id),
};

/** The adapter of the next worker start: the real one, or one that hangs until its worker stops. */
let hanging = false;
let hangingCalls = 0;
const hangingSubmitter: FilingSubmitter = {
  submit: () => {
    hangingCalls += 1;
    return new Promise((_, reject) => {
      Context.current().cancellationSignal.addEventListener('abort', () =>
        reject(new Error('worker shut down')),
      );
    });
  },
};

let svc: TestService;
let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink();
  svc = await startTestService({
    env: { SMTP_URL: sink.url },
    workerOptions: () => ({ filings: { recipients, ...(hanging ? { submitter: hangingSubmitter } : {}) } }),
  });
});
afterAll(async () => {
  await svc?.close();
  await sink?.close();
});

async function startFiling(overrides: Partial<FilingWorkflowInput> & { clockMs: number }) {
  const incidentId = await svc.openIncident({ discoveredAt: new Date(Date.now() - 60_000).toISOString() });
  await svc.uploadAffectedUsers(incidentId, 'userId,email,country\nd1,d1@example.com,DE\n');
  await eventually(async () => (await svc.ledger.latestAssessment(incidentId))?.counts.affected === 1);
  const filingId = filingIdOf(incidentId, OBLIGATION);
  const now = Date.now();
  const { clockMs, ...rest } = overrides;
  const input: FilingWorkflowInput = {
    filingId,
    incidentId,
    obligationId: OBLIGATION,
    regime: 'eu_gdpr',
    phase: 'notification',
    recipientId: 'dev-eu-gdpr',
    requiresApproval: false,
    clockStartedAt: new Date(now).toISOString(),
    dueAt: new Date(now + clockMs).toISOString(),
    ...rest,
  };
  const handle = await svc.client.workflow.start('filingWorkflow', {
    taskQueue: svc.config.TEMPORAL_TASK_QUEUE,
    workflowId: filingWorkflowId(filingId),
    args: [input],
  });
  const state = () => handle.query(filingStateQuery);
  const until = (check: (s: FilingState) => boolean) =>
    eventually(async () => {
      const s = await state();
      return check(s) ? s : undefined;
    });
  return { incidentId, filingId, handle, state, until };
}

const audit = async (incidentId: string, action: string) =>
  (await svc.ledger.listAudit(incidentId)).filter((a) => a.action === action);
const GDPR_STAND_IN = 'eu-gdpr@regulators.localhost';
const reportsTo = (address: string) => sink.received.filter((m) => m.envelope.to.includes(address));

describe('filing workflow', () => {
  it('reminds after an outage, saying how late, asks an overdue filing for reasons and files them', async () => {
    // Waits for an earlier phase, so nothing is filed while the clock runs out.
    const f = await startFiling({ clockMs: 20_000, earlierFilingId: 'earlier-phase' });
    const before = reportsTo(GDPR_STAND_IN).length;
    const first = await f.until((s) => s.reminders.length >= 1);
    expect(first.reminders[0]).toMatchObject({ share: 0.5 });
    await svc.stopWorker();
    await new Promise((r) => setTimeout(r, Math.max(Date.parse(first.dueAt) + 2_000 - Date.now(), 0)));
    await svc.startWorker();

    const late = await f.until((s) => s.reminders.some((r) => r.share === 1));
    const deadline = late.reminders.find((r) => r.share === 1)!;
    expect(deadline.lateByMs).toBeGreaterThan(1_000);
    // The 80 % reminder fell due during the outage too; only the latest went out.
    expect(late.reminders.map((r) => r.share)).toEqual([0.5, 1]);
    expect(late.status).toBe('overdue');
    const mails = sink.received.filter((m) => m.subject?.includes(f.incidentId));
    expect(mails.some((m) => m.text?.includes('late (the service was down)'))).toBe(true);
    expect(mails.every((m) => m.envelope.to.includes('privacy@example.com'))).toBe(true);

    await f.handle.signal(earlierPhaseFiledSignal);
    await f.until((s) => s.waitingFor === 'delay_reasons');
    const early = await svc.call('responder', 'POST', `/v1/filings/${f.filingId}/delay-reasons`, {
      reasons: 'x',
    });
    expect(early.status).toBe(400);
    expect(early.json.error.issues[0].path).toBe('reasons');
    const given = await svc.call('responder', 'POST', `/v1/filings/${f.filingId}/delay-reasons`, {
      reasons: 'The scope was only known after the forensic review.',
    });
    expect(given.status).toBe(200);

    const done = await f.until((s) => s.status === 'submitted');
    expect(done.receipt?.adapter).toBe('email');
    // The ledger's row follows the workflow's state by an activity of its own.
    const row = await eventually(async () => {
      const r = await svc.ledger.getFiling(f.filingId);
      return r?.status === 'submitted' ? r : undefined;
    });
    // The responder's reasons, in the incident's own language, in the section late reports carry.
    expect((row?.payload as { sections: Record<string, unknown> }).sections.reasons_for_delay).toMatchObject({
      late: true,
      reasons: { en: 'The scope was only known after the forensic review.' },
    });
    expect(row?.reportHash).toBe(done.reportHash);
    const filed = await eventually(async () => reportsTo(GDPR_STAND_IN)[before]);
    expect(reportsTo(GDPR_STAND_IN)).toHaveLength(before + 1);
    const parsed = await simpleParser(filed.raw);
    expect(parsed.attachments.map((a) => a.contentType).sort()).toEqual([
      'application/json',
      'application/pdf',
    ]);
    await eventually(async () => (await audit(f.incidentId, 'filing:submitted')).length === 1);
    expect(await audit(f.incidentId, 'filing:submitted')).toHaveLength(1);
  });

  it('files once when the worker stops in the middle of a submission', async () => {
    hanging = true;
    await svc.stopWorker();
    await svc.startWorker();
    const calls = hangingCalls;
    const before = reportsTo(GDPR_STAND_IN).length;
    const f = await startFiling({ clockMs: 10 * 60_000 });
    await eventually(async () => hangingCalls > calls);
    hanging = false;
    await svc.stopWorker();
    await svc.startWorker();

    const done = await f.until((s) => s.status === 'submitted');
    const attempts = await audit(f.incidentId, 'filing:attempt');
    expect(attempts.length).toBe(2);
    expect((await audit(f.incidentId, 'filing:attempt_failed')).length).toBe(1);
    expect(reportsTo(GDPR_STAND_IN)).toHaveLength(before + 1);
    expect((await svc.ledger.getFiling(f.filingId))?.receipt).toMatchObject({
      reference: done.receipt!.reference,
      reportHash: done.reportHash,
    });
  });

  it('waits for a portal confirmation number and keeps reminding meanwhile', async () => {
    const before = sink.received.length;
    const f = await startFiling({ clockMs: 12_000, recipientId: portal.id });
    const waiting = await f.until((s) => s.waitingFor === 'portal_confirmation');
    expect(waiting.status).toBe('awaiting_manual_submission');
    expect(waiting.portal?.portalUrl).toBe(portal.portalUrl);
    const prepared = await svc.call(
      'responder',
      'GET',
      `/v1/incidents/${f.incidentId}/filings/${f.filingId}`,
    );
    expect(prepared.json.receipt.prepared.formFields.length).toBeGreaterThan(0);
    await f.until((s) => s.reminders.length >= 2);

    const bad = await svc.call('responder', 'POST', `/v1/filings/${f.filingId}/portal-confirmation`, {
      confirmationNumber: 'ICO-123',
      evidenceSha256: 'not-a-hash',
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.issues[0].path).toBe('evidenceSha256');
    const approve = await svc.call('approver', 'POST', `/v1/filings/${f.filingId}/approve`, {});
    expect(approve.status).toBe(409);

    const evidence = 'a'.repeat(64);
    const ok = await svc.call('responder', 'POST', `/v1/filings/${f.filingId}/portal-confirmation`, {
      confirmationNumber: 'ICO-123',
      evidenceSha256: evidence,
    });
    expect(ok.status).toBe(200);
    expect(ok.json.status).toBe('submitted');
    expect(ok.json.receipt).toMatchObject({ adapter: 'portal', reference: 'ICO-123' });
    expect(ok.json.state.receipt.detail.evidenceSha256).toBe(evidence);
    // Only reminders went by email: the report itself went through the portal, by hand.
    expect(sink.received.slice(before).every((m) => m.envelope.to.includes('privacy@example.com'))).toBe(
      true,
    );
  });

  it('waits for an approver while reminding, files the edited report once approved', async () => {
    const f = await startFiling({ clockMs: 16_000, recipientId: reviewed.id, requiresApproval: true });
    const waiting = await f.until((s) => s.waitingFor === 'approval');
    expect(waiting.status).toBe('awaiting_approval');
    const badEdit = await svc.call('approver', 'POST', `/v1/filings/${f.filingId}/reject`, {
      changes: 'Say which systems',
      edits: { people_count: '3' },
    });
    expect(badEdit.status).toBe(400);
    expect(badEdit.json.error.issues[0].path).toMatch(/^edits/);
    const byResponder = await svc.call('responder', 'POST', `/v1/filings/${f.filingId}/approve`, {});
    expect(byResponder.status).toBe(403);

    const edit = 'A storage bucket with a customer backup was public for nine days; now closed.';
    const rejected = await svc.call('approver', 'POST', `/v1/filings/${f.filingId}/reject`, {
      changes: 'Say how long it was open',
      edits: { nature_of_breach: edit },
    });
    expect(rejected.status).toBe(200);
    expect(rejected.json.state.rejections).toHaveLength(1);
    await f.until((s) => s.waitingFor === 'approval' && s.reminders.length >= 1);
    const draft = (await svc.ledger.getFiling(f.filingId))?.payload as { sections: Record<string, unknown> };
    // The approver's words replace the description in the report's language.
    expect(Object.values(draft.sections.nature_of_breach as Record<string, unknown>)).toContainEqual({
      en: edit,
    });

    const approved = await svc.call('approver', 'POST', `/v1/filings/${f.filingId}/approve`, { note: 'ok' });
    expect(approved.status).toBe(200);
    const done = await f.until((s) => s.status === 'submitted');
    expect(done.approval?.by).toBe('approver:test-approver');
    // The audit entries follow the workflow's state by an activity of their own.
    const wanted = ['filing:rejected', 'filing:approved', 'filing:submitted'];
    const actions = await eventually(async () => {
      const a = (await svc.ledger.listAudit(f.incidentId)).map((e) => e.action);
      return wanted.every((w) => a.includes(w)) ? a : undefined;
    });
    expect(actions).toEqual(expect.arrayContaining(wanted));
    expect(reportsTo('reviewed@regulators.localhost').length).toBeGreaterThanOrEqual(1);
  });

  it('cancels an unsent filing when its obligation stops applying, with the reason', async () => {
    const id = await svc.openIncident({ discoveredAt: new Date(Date.now() - 60_000).toISOString() });
    await svc.uploadAffectedUsers(id, 'userId,email,country\nd1,d1@example.com,DE\n');
    await eventually(async () => (await svc.ledger.latestAssessment(id))?.counts.affected === 1);
    const judge = (value: boolean, reason: string) =>
      svc.call('approver', 'POST', `/v1/incidents/${id}/judgements`, { kind: 'risk', value, reason });
    expect((await judge(true, 'Customer emails were readable')).status).toBe(201);
    expect((await svc.call('approver', 'POST', `/v1/incidents/${id}/approve`, {})).status).toBe(200);
    const filingId = filingIdOf(id, OBLIGATION);
    await eventually(async () => (await svc.ledger.getFiling(filingId))?.status === 'awaiting_approval');
    // The reporting phase does not wait for a filing that waits for a person.
    await svc.reachPhase(id, 'monitoring');

    expect((await judge(false, 'The backup was encrypted; the key was not exposed')).status).toBe(201);
    const state = await eventually(async () => {
      const s = await svc.client.workflow.getHandle(filingWorkflowId(filingId)).query(filingStateQuery);
      return s.status === 'cancelled' ? s : undefined;
    });
    expect(state.cancellation?.reason).toMatch(/no longer applies/);
    await eventually(async () => {
      const filings = (await svc.call('responder', 'GET', `/v1/incidents/${id}`)).json.filings;
      return filings?.[0]?.id === filingId && filings[0].status === 'cancelled';
    });
    await eventually(async () => (await audit(id, 'filing:cancelled')).length === 1);
    expect(await audit(id, 'filing:cancelled')).toHaveLength(1);
  });
});
