// Helpers for fan-out tests: local providers, generated people, an approved incident, and the
// histories of every run of a fan-out workflow.
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { startDevProviders, type DevProviders } from '../../dev/providers.js';
import type { AffectedUser } from '../../domain/affected-user.js';
import type { Ledger } from '../../store/ledger.js';
import { noticeFanoutWorkflowId } from '../../workflows/fanout-messages.js';
import { eventually, startTestService, type TestService } from './service.js';

export interface FanoutRig {
  svc: TestService;
  providers: DevProviders;
  /**
   * Ends what a test left behind, for `afterEach`: stops the worker, terminates every workflow still
   * running on the rig's task queue and starts a worker again, so no send of this test lands while
   * the next one counts.
   */
  settle(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The notices the local SMTP server received, without the incident's regulator filings (the development
 * stand-ins at regulators.localhost) and the filing reminders to the incident's contact, which go out
 * through the same server.
 */
export function noticeMails(providers: DevProviders) {
  return providers.smtp.received.filter(
    (m) =>
      !m.envelope.to.some((t) => t.endsWith('@regulators.localhost')) &&
      !(m.subject ?? '').startsWith('Filing '),
  );
}

/** A service whose worker sends through the local SMTP, Twilio and FCM servers. */
export async function startFanoutRig(env: Record<string, string> = {}): Promise<FanoutRig> {
  const providers = await startDevProviders({ deliverAfterMs: 60_000 });
  const svc = await startTestService({
    env: {
      ...providers.env,
      EMAIL_FROM: '"Acme Privacy" <privacy@acme.example>',
      NOTICE_BASE_URL: 'https://notify.acme.example',
      ...env,
    },
  });
  return {
    svc,
    providers,
    async settle() {
      // Shutting down cancels and waits for in-flight activities: a send under way ends here. Then
      // nothing is left to report to the workflows, which are terminated before a new worker polls.
      await svc.stopWorker();
      await terminateRunning(svc.client, svc.config.TEMPORAL_TASK_QUEUE);
      await svc.startWorker();
    },
    async close() {
      await svc.close();
      await providers.close();
    },
  };
}

/** Terminates the workflows still running on a task queue (fan-outs, lanes, incidents). */
export async function terminateRunning(client: Client, taskQueue: string): Promise<number> {
  const running: string[] = [];
  const query = `TaskQueue = '${taskQueue}' AND ExecutionStatus = 'Running'`;
  for await (const wf of client.workflow.list({ query })) running.push(wf.workflowId);
  for (const workflowId of running) {
    try {
      await client.workflow.getHandle(workflowId).terminate('test finished');
    } catch (err) {
      // A child ends when its parent is terminated; a workflow that finished meanwhile is fine too.
      if (!(err instanceof WorkflowNotFoundError)) throw err;
    }
  }
  return running.length;
}

export interface PersonShape {
  email?: boolean;
  phone?: boolean;
  push?: boolean;
}

/** Zero-padded ids so keyset order matches creation order; numbers and addresses unique per person. */
export function person(i: number, shape: PersonShape = { email: true }, locale = 'en'): AffectedUser {
  const n = String(i).padStart(6, '0');
  return {
    userId: `u${n}`,
    name: `Person ${n}`,
    locale,
    ...(shape.email ? { email: `p${n}@example.com` } : {}),
    // UK drama-range mobile numbers, one per person; seeded directly, so not normalised again.
    ...(shape.phone ? { phone: `+4477009${String(i).padStart(5, '0')}` } : {}),
    ...(shape.push ? { pushToken: `tok-${n}` } : {}),
  };
}

export async function seedPeople(ledger: Ledger, incidentId: string, people: AffectedUser[]): Promise<void> {
  for (let i = 0; i < people.length; i += 1000) {
    await ledger.upsertAffectedUsers(incidentId, people.slice(i, i + 1000));
  }
}

/** Opens an incident, waits for approval to be possible, seeds people and returns its id. */
export async function openIncident(
  svc: TestService,
  people: AffectedUser[],
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const id = await svc.openIncident(overrides);
  await seedPeople(svc.ledger, id, people);
  return id;
}

export async function approve(svc: TestService, id: string): Promise<void> {
  const { status, json } = await svc.call('approver', 'POST', `/v1/incidents/${id}/approve`, {
    note: 'send',
  });
  if (status !== 200) throw new Error(`approve: ${status} ${JSON.stringify(json)}`);
}

/**
 * What the local servers received for these people only: each test counts its own incident, whatever
 * another test sent to the same servers.
 */
export function receivedBy(providers: DevProviders, people: readonly AffectedUser[]) {
  const emails = new Set(people.flatMap((p) => (p.email ? [p.email] : [])));
  const phones = new Set(people.flatMap((p) => (p.phone ? [p.phone] : [])));
  const tokens = new Set(people.flatMap((p) => (p.pushToken ? [p.pushToken] : [])));
  return {
    email: providers.smtp.received.flatMap((m) => m.envelope.to).filter((a) => emails.has(a)),
    sms: providers.twilio.received.map((m) => m.to).filter((to) => phones.has(to)),
    push: providers.fcm.received.map((m) => m.token).filter((t) => tokens.has(t)),
  };
}

/**
 * Waits until the incident has left `notifying`. The default leaves room for a loaded machine;
 * tests that use it allow more still, so a slow run reports the phase it saw instead of a timeout.
 */
export async function notified(svc: TestService, id: string, timeoutMs = 180_000): Promise<string> {
  return eventually(
    async () => {
      const phase = await svc.phaseOf(id);
      return phase && !['opened', 'assessing', 'awaiting_approval', 'notifying'].includes(phase)
        ? phase
        : undefined;
    },
    { timeoutMs, everyMs: 250 },
  );
}

/** Event counts of every run of the fan-out (continue-as-new makes several), oldest first. */
export async function fanoutHistoryLengths(
  client: Client,
  incidentId: string,
  noticeVersion = 1,
  workflowId = noticeFanoutWorkflowId(incidentId, noticeVersion),
) {
  const lengths: number[] = [];
  const runs: string[] = [];
  for await (const e of client.workflow.list({ query: `WorkflowId = '${workflowId}'` })) runs.push(e.runId);
  for (const runId of runs) {
    const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
    lengths.push(history.events?.length ?? 0);
  }
  return lengths;
}

/** How often each value occurs more than once. */
export function duplicates(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const dups: string[] = [];
  for (const v of values) {
    if (seen.has(v)) dups.push(v);
    seen.add(v);
  }
  return dups;
}
