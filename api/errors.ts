import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ZodError } from 'zod';
import { InvalidCursorError } from '../store/ledger.js';
import { unsupportedMethodRoutes } from './method-not-allowed.js';

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
/** An approval carrying the hash of a preview that no longer matches the people or the plan. */
export const previewStale = () =>
  new HttpError(
    409,
    'preview_stale',
    'The affected people or the notice plan changed since this preview: preview again, then approve',
    [{ path: 'previewHash', message: 'does not match the current preview' }],
  );

export function issuesFromZod(error: ZodError, prefix: (string | number)[] = []): ErrorIssue[] {
  return error.issues.map((i) => ({
    path: [...prefix, ...i.path].join('.') || '(body)',
    message: i.message,
  }));
}

function body(code: string, message: string, issues?: ErrorIssue[]): ErrorBody {
  return { error: { code, message, ...(issues ? { issues } : {}) } };
}

/** Fastify's own codes, renamed to the API's vocabulary (the rest keep their code, lower-cased). */
const FRAMEWORK_CODES: Record<string, string> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'invalid_request',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_request',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_MAX_PARAM_LENGTH: 'path_too_long',
  FST_ERR_BAD_URL: 'invalid_request',
};

function frameworkBody(err: FastifyError): ErrorBody {
  const code = (err.code && FRAMEWORK_CODES[err.code]) ?? err.code?.toLowerCase() ?? 'bad_request';
  if (err instanceof SyntaxError || err.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
    return body('invalid_request', 'The body is not valid JSON', [{ path: '(body)', message: err.message }]);
  }
  return body(code, err.message);
}

/**
 * Errors Fastify raises before a route runs (a too-long path parameter, a malformed URL) bypass the
 * error handler; given to Fastify's `frameworkErrors` option they answer in the same shape.
 */
export function frameworkErrors(err: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  void reply
    .status(err.statusCode ?? 400)
    .type('application/json; charset=utf-8')
    .send(JSON.stringify(frameworkBody(err)));
}

export function installErrorHandler(app: FastifyInstance): void {
  const routes = unsupportedMethodRoutes(app);
  const noRoute = (request: FastifyRequest, reply: FastifyReply) => {
    const allowed = routes.allowedMethods(request.url);
    if (allowed.length > 0) {
      return reply
        .status(405)
        .header('allow', allowed.join(', '))
        .send(body('method_not_allowed', `${request.method} is not allowed here; use ${allowed.join(', ')}`));
    }
    return reply.status(404).send(body('not_found', `No route ${request.method} ${request.url}`));
  };
  app.setErrorHandler((err: FastifyError, request, reply) => {
    // A method with a body (QUERY) on no route fails its content-type check before the 404 handler runs.
    if (request.is404) return noRoute(request, reply);
    if (err instanceof HttpError) {
      return reply.status(err.statusCode).send(body(err.code, err.message, err.issues));
    }
    if (err instanceof InvalidCursorError) {
      return reply
        .status(400)
        .send(
          body('invalid_request', 'Invalid cursor', [
            { path: 'cursor', message: 'not a cursor this API issued' },
          ]),
        );
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
      return reply.status(err.statusCode).send(frameworkBody(err));
    }
    request.log.error({ err }, 'unhandled error');
    return reply
      .status(500)
      .send(body('internal', 'Internal error; the incident state is unchanged. Try again.'));
  });
  app.setNotFoundHandler(noRoute);
}
