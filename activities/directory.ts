// Reads affected people from the company's own user directory instead of an upload. The people go
// straight into the ledger; the workflow only learns how many were read.
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { importFromDirectory } from '../store/directory-source.js';
import { ImportFormatError } from '../store/affected-user-import.js';
import type { Ledger } from '../store/ledger.js';

export interface DirectorySettings {
  databaseUrl: string;
  query: string;
}

export interface DirectoryImportSummary {
  accepted: number;
  merged: number;
  rejected: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** Where the rejected rows are, without their values (which may be personal). */
  problems: Array<{ line: number; field: string }>;
}

export function createDirectoryActivities(ledger: Ledger, settings: DirectorySettings | undefined) {
  return {
    async importAffectedUsersFromDirectory(incidentId: string): Promise<DirectoryImportSummary> {
      if (!settings) {
        throw ApplicationFailure.nonRetryable(
          'no user directory is configured (DIRECTORY_DATABASE_URL and DIRECTORY_QUERY)',
          'DirectoryNotConfigured',
        );
      }
      try {
        const result = await importFromDirectory(ledger, incidentId, {
          ...settings,
          onPage: (rowsRead) => Context.current().heartbeat({ rowsRead }),
        });
        const { accepted, merged, rejected, inserted, updated, unchanged } = result;
        const problems = result.errors.map(({ line, field }) => ({ line, field }));
        return { accepted, merged, rejected, inserted, updated, unchanged, problems };
      } catch (err) {
        if (err instanceof ImportFormatError)
          throw ApplicationFailure.nonRetryable(err.message, 'DirectoryQueryInvalid');
        throw err;
      }
    },
  };
}

export type DirectoryActivities = ReturnType<typeof createDirectoryActivities>;
