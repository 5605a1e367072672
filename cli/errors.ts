// What the `breach` command can end with, in one place: each failure has its exit code, so scripts
// can tell a refused request from a missing incident from a service that is not there.

export const EXIT = {
  ok: 0,
  /** The service failed or could not be reached. */
  failed: 1,
  /** The command line itself is wrong (unknown command, missing argument, unreadable file). */
  usage: 2,
  /** The incident, filing or route does not exist. */
  notFound: 3,
  /** The service refused the request (bad input, wrong key or role, wrong phase). */
  refused: 4,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export class CliError extends Error {
  constructor(
    readonly exitCode: ExitCode,
    message: string,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** The API's one error shape: { error: { code, message, issues: [{ path, message }] } }. */
interface ApiErrorBody {
  error?: { code?: string; message?: string; issues?: Array<{ path?: unknown; message?: string }> };
}

/** A refusal from the API, in words, with every field it names on a line of its own. */
export function apiError(method: string, path: string, status: number, body: unknown): CliError {
  const err = (body as ApiErrorBody | undefined)?.error;
  const lines = [`${method} ${path}: ${status} ${err?.code ?? ''} ${err?.message ?? ''}`.trim()];
  for (const issue of err?.issues ?? []) {
    const where = Array.isArray(issue.path) ? issue.path.join('.') : String(issue.path ?? '');
    lines.push(`  ${where || '(body)'}: ${issue.message ?? ''}`);
  }
  const code = status === 404 ? EXIT.notFound : status >= 500 ? EXIT.failed : EXIT.refused;
  return new CliError(code, lines.join('\n'));
}
