import type { FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import { authenticate, type ApiKeyEntry, type Principal, type Role } from './api-keys.js';
import { HttpError } from './errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}

/** A pre-handler that lets through only a valid key of one of the roles; admin may do everything. */
export function requireRole(keys: readonly ApiKeyEntry[], ...roles: Role[]): onRequestHookHandler {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const principal = match?.[1] ? authenticate(keys, match[1]) : undefined;
    if (!principal)
      throw new HttpError(401, 'unauthorized', 'A valid API key is required: Authorization: Bearer <key>');
    if (principal.role !== 'admin' && !roles.includes(principal.role)) {
      throw new HttpError(
        403,
        'forbidden',
        `This action needs the role ${roles.join(' or ')}; your key has ${principal.role}`,
      );
    }
    request.principal = principal;
  };
}

export function actorOf(request: FastifyRequest): string {
  return request.principal ? `${request.principal.role}:${request.principal.keyId}` : 'anonymous';
}

/** The recipient a regulator key is bound to; undefined for every other role. */
export function regulatorRecipientOf(request: FastifyRequest): string | undefined {
  return request.principal?.role === 'regulator' ? request.principal.recipient : undefined;
}
