// What the notice activities use of their Temporal context, so each step runs in a unit test with a
// context of the test's own.
import { Context } from '@temporalio/activity';

export interface NoticeActivityContext {
  /** 1 on the first attempt. */
  attempt: number;
  /** What the previous attempt's last heartbeat carried. */
  heartbeatDetails: unknown;
  /** Aborted when the activity is cancelled (incident cancelled, worker shutting down). */
  signal: AbortSignal;
  heartbeat(details: unknown): void;
}

export function currentActivity(): NoticeActivityContext {
  const ctx = Context.current();
  return {
    attempt: ctx.info.attempt,
    heartbeatDetails: ctx.info.heartbeatDetails,
    signal: ctx.cancellationSignal,
    heartbeat: (details) => ctx.heartbeat(details),
  };
}
