// A stand-in for the filing workflow, registered by test/regulator-filings.test.ts on its own task
// queue: it answers the state query and takes the regulator's acknowledgement the way the real one
// (workflows/filing.ts) must, so the regulator's routes are tested against a real Temporal server.
import { ApplicationFailure, condition, setHandler } from '@temporalio/workflow';
import {
  acknowledgeFilingUpdate,
  filingStateQuery,
  WRONG_FILING_STATUS,
  type AcknowledgeFilingInput,
  type FilingState,
} from '../../workflows/filing-messages.js';

export async function standInFilingWorkflow(input: {
  filingId: string;
  status: FilingState['status'];
  dueAt: string;
}): Promise<void> {
  const state: FilingState = {
    filingId: input.filingId,
    status: input.status,
    dueAt: input.dueAt,
    reminders: [],
    rejections: [],
    edits: {},
  };
  setHandler(filingStateQuery, () => state);
  setHandler(
    acknowledgeFilingUpdate,
    (ack: AcknowledgeFilingInput): FilingState => {
      // Workflow time: deterministic on replay.
      state.acknowledgement = { ...ack, at: new Date().toISOString() };
      state.status = 'acknowledged';
      return state;
    },
    {
      validator: (_ack: AcknowledgeFilingInput): void => {
        if (state.status !== 'submitted') {
          throw ApplicationFailure.nonRetryable(
            `filing ${state.filingId} is ${state.status}; only a submitted filing can be acknowledged`,
            WRONG_FILING_STATUS,
          );
        }
      },
    },
  );
  await condition(() => false);
}
