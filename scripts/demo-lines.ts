// What `npm run demo` prints about an upload and the sending: counts of people, not of rows.

/** The parts of the upload answer (POST /v1/incidents/:id/affected-users) the demo reports. */
export interface UploadCounts {
  accepted: number;
  merged: number;
  rejected: number;
  inserted: number;
  updated: number;
  unchanged: number;
  errors: Array<{ line: number; field?: string; message?: string }>;
}

/** People in the upload: rows with a userId seen earlier in the file are the same person. */
export function peopleIn(upload: UploadCounts): number {
  return upload.inserted + upload.updated + upload.unchanged;
}

export function importSummary(upload: UploadCounts): string {
  const rows = upload.accepted + upload.rejected;
  const people = peopleIn(upload);
  const parts = [`Imported ${people} ${people === 1 ? 'person' : 'people'} from ${rows} rows`];
  if (upload.merged > 0) {
    parts.push(
      `${upload.merged} ${upload.merged === 1 ? 'row adds' : 'rows add'} to a person listed earlier`,
    );
  }
  if (upload.rejected > 0) {
    const where = upload.errors.map((e) => `line ${e.line}${e.field ? ` ${e.field}` : ''}`).join(', ');
    parts.push(
      `${upload.rejected} ${upload.rejected === 1 ? 'row' : 'rows'} rejected${where ? `: ${where}` : ''}`,
    );
  } else {
    parts.push('none rejected');
  }
  return `${parts[0]} (${parts.slice(1).join('; ')})`;
}

export function progressBar(done: number, total: number, width = 30): string {
  const filled = total ? Math.round((done / total) * width) : width;
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`;
}
