// How a submission fails: a retry may succeed (plain Error, the activity's retry policy backs off) or the
// regulator's side said no for good (non-retryable 'FilingRejected', shown to the responder with its answer).
import { ApplicationFailure } from '@temporalio/common';

export const FILING_REJECTED = 'FilingRejected';

export function rejected(message: string, details: Record<string, unknown> = {}): ApplicationFailure {
  return ApplicationFailure.nonRetryable(message, FILING_REJECTED, details);
}
