// What the API does with affected people: the upload streams into the ledger, the directory import
// runs inside the workflow; either way the workflow hears of it and re-assesses before approval.
import type { Readable } from 'node:stream';
import type { FastifyBaseLogger } from 'fastify';
import { WorkflowUpdateStage } from '@temporalio/client';
import { importAffectedUsers, ImportFormatError, type ImportFormat } from '../store/affected-user-import.js';
import { AffectedUsersFrozenError, IncidentNotFoundError } from '../store/ledger.js';
import {
  affectedUsersChangedSignal,
  importFromDirectoryUpdate,
  incidentWorkflowId,
} from '../workflows/incident-messages.js';
import { conflict, HttpError, notFound } from './errors.js';
import { loadIncident, queryIncidentState, runUpdate, type IncidentDeps } from './incidents.js';

/** Imports an uploaded file of people, records it in the audit log and tells the workflow. */
export async function uploadAffectedUsers(
  deps: IncidentDeps,
  upload: { id: string; body: Readable; format: ImportFormat; actor: string; log: FastifyBaseLogger },
) {
  const { id, format } = upload;
  try {
    const result = await importAffectedUsers(deps.ledger, id, upload.body, format);
    await deps.ledger.appendAudit({
      incidentId: id,
      actor: upload.actor,
      action: 'affected_users:imported',
      details: { format, accepted: result.accepted, rejected: result.rejected, inserted: result.inserted },
    });
    if (result.inserted + result.updated > 0) {
      // The workflow re-assesses before approval; a missing worker only delays that.
      await deps.client.workflow
        .getHandle(incidentWorkflowId(id))
        .signal(affectedUsersChangedSignal)
        .catch((err: unknown) => upload.log.warn({ err }, 'could not signal the incident workflow'));
    }
    return result;
  } catch (err) {
    if (err instanceof IncidentNotFoundError) throw notFound(`incident ${id}`);
    if (err instanceof AffectedUsersFrozenError) {
      throw conflict(`${err.message}; notices have started, so the list of affected users is frozen`);
    }
    if (err instanceof ImportFormatError) {
      throw new HttpError(400, 'invalid_file', err.message, [{ path: '(body)', message: err.message }]);
    }
    throw err;
  }
}

/** Starts the workflow's paged read of the company's user directory; answers once it is accepted. */
export async function startDirectoryImport(deps: IncidentDeps, id: string, actor: string) {
  await loadIncident(deps, id);
  if (!deps.config.DIRECTORY_DATABASE_URL || !deps.config.DIRECTORY_QUERY) {
    throw conflict('No user directory is configured: set DIRECTORY_DATABASE_URL and DIRECTORY_QUERY');
  }
  // The workflow's validator is the authority; asking first turns its refusal into a clear 409
  // (an update started without waiting for its result reports a refusal only through its result).
  const state = await queryIncidentState(deps, id);
  if (state && !['assessing', 'awaiting_approval'].includes(state.phase)) {
    throw conflict(
      `incident ${id} is ${state.phase}; the affected users are frozen once notices have started`,
    );
  }
  if (state?.directoryImport?.status === 'running') throw conflict('a directory import is already running');
  const handle = await runUpdate(id, () =>
    deps.client.workflow
      .getHandle(incidentWorkflowId(id))
      .startUpdate(importFromDirectoryUpdate, { waitForStage: WorkflowUpdateStage.ACCEPTED }),
  );
  await deps.ledger.appendAudit({ incidentId: id, actor, action: 'affected_users:directory_import' });
  return { id, directoryImport: 'running' as const, updateId: handle.updateId };
}
