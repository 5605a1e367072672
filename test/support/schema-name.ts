// PostgreSQL schemas a test makes carry the test run's tag, so two test runs sharing one database
// (a second `npm test` beside the first) only ever drop their own.
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';

export function testSchemaName(prefix: 'test' | 'svc' | 'dir', ...parts: string[]): string {
  return [prefix, inject('testRunTag'), ...parts, randomBytes(5).toString('hex')].join('_');
}
