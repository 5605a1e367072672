// The ledger's short notice activities as the fan-out and its lanes call them: reading settings and
// pages, recording the fan-out's start and end. Retried until the ledger answers.
import { proxyActivities } from '@temporalio/workflow';
import type { NoticeActivities } from '../activities/notices.js';

export const noticeLedger = proxyActivities<NoticeActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});
