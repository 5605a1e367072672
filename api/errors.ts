import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ZodError } from 'zod';

export interface ErrorIssue {
  path: string;
  message: string;
}

/** Every error the API answers has this one shape, so clients handle them in one place. */
export interface ErrorBody {
  error: { code: string; message: string; issues?: ErrorIssue[] };
}

/** An error a route throws on purpose; its status and code reach the client as they are. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly issues?: ErrorIssue[],
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new HttpError(404, 'not_found', `${what} was not found`);
export const conflict = (message: string) => new HttpError(409, 'conflict', message);

export function issuesFromZod(error: ZodError, prefix: (string | number)[] = []): ErrorIssue[] {
  return error.issues.map((i) => ({
    path: [...prefix, ...i.path].join('.') || '(body)',
    message: i.message,
  }));
}

function body(code: string, message: string, issues?: ErrorIssue[]): ErrorBody {
  return { error: { code, message, ...(issues ? { issues } : {}) } };
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err instanceof HttpError) {
      return reply.status(err.statusCode).send(body(err.code, err.message, err.issues));
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issues = err.validation.map((v) => ({
        path: v.instancePath.replace(/^\//, '').replaceAll('/', '.') || '(body)',
        message: v.message ?? 'invalid',
      }));
      const where = err.validationContext ?? 'body';
      return reply
        .status(400)
        .send(body('invalid_request', `Invalid ${where}: ${issues.map((i) => i.path).join(', ')}`, issues));
    }
    // Fastify's own client errors (malformed JSON, unsupported media type, body too large) keep their 4xx.
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return reply.status(err.statusCode).send(body(err.code?.toLowerCase() ?? 'bad_request', err.message));
    }
    request.log.error({ err }, 'unhandled error');
    return reply
      .status(500)
      .send(body('internal', 'Internal error; the incident state is unchanged. Try again.'));
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send(body('not_found', `No route ${request.method} ${request.url}`)),
  );
}
