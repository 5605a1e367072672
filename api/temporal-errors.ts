import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { WRONG_PHASE } from '../workflows/incident-messages.js';
import { conflict, HttpError } from './errors.js';

/** Turns what Temporal says about an update or query into the answer a client can act on. */
export function httpErrorFromTemporal(err: unknown, incidentId: string): HttpError | undefined {
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
    if (err.cause.type === WRONG_PHASE) return conflict(err.cause.message);
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
