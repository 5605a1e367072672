import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { OPEN_OBLIGATIONS, WRONG_PHASE, type OpenObligation } from '../workflows/incident-messages.js';
import { conflict, HttpError } from './errors.js';

/** Turns what Temporal says about an update or query into the answer a client can act on. */
export function httpErrorFromTemporal(err: unknown, incidentId: string): HttpError | undefined {
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
    if (err.cause.type === WRONG_PHASE) return conflict(err.cause.message);
    if (err.cause.type === OPEN_OBLIGATIONS) {
      const open = (err.cause.details ?? []) as OpenObligation[];
      return new HttpError(
        409,
        'open_obligations',
        err.cause.message,
        open.map((o) => ({
          path: 'acknowledgeOpenObligations',
          message: `${o.regime} ${o.kind} is ${o.status}`,
        })),
      );
    }
    return new HttpError(422, 'refused', err.cause.message);
  }
  if (err instanceof WorkflowNotFoundError)
    return new HttpError(404, 'not_found', `incident ${incidentId} has no running workflow`);
  const message = err instanceof Error ? err.message : String(err);
  if (/workflow execution already completed/i.test(message)) {
    return conflict(`incident ${incidentId} is finished; its workflow no longer accepts changes`);
  }
  return undefined;
}
