import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SEARCH_ATTRIBUTE_FLAGS } from '../domain/search-attributes.js';
import { ensureSearchAttributes } from '../platform/search-attribute-setup.js';
import { findTemporalCli } from '../platform/temporal-cli.js';

let connection: Connection;
beforeAll(async () => {
  connection = await Connection.connect({ address: inject('temporalAddress') });
});
afterAll(() => connection?.close());

/** A namespace of its own, which knows none of the service's search attributes. */
async function freshNamespace(): Promise<string> {
  const namespace = `sa-${randomUUID().slice(0, 8)}`;
  execFileSync(findTemporalCli()!, [
    'operator',
    'namespace',
    'create',
    '--address',
    inject('temporalAddress'),
    '-n',
    namespace,
  ]);
  // The server learns of a new namespace shortly after registering it.
  for (let tries = 0; ; tries++) {
    try {
      await connection.workflowService.describeNamespace({ namespace });
      return namespace;
    } catch (err) {
      if (tries > 50) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

describe('ensureSearchAttributes', () => {
  it('registers the attributes a namespace lacks, once', async () => {
    const namespace = await freshNamespace();
    expect(await ensureSearchAttributes(connection, namespace)).toEqual([
      'IncidentPhase',
      'IncidentSeverity',
    ]);
    const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
    expect(Object.keys(customAttributes ?? {})).toEqual(
      expect.arrayContaining(['IncidentPhase', 'IncidentSeverity']),
    );
    expect(await ensureSearchAttributes(connection, namespace)).toEqual([]);
  });

  it('names the commands to run when the server refuses to register them', async () => {
    const namespace = await freshNamespace();
    const refusing = {
      operatorService: {
        listSearchAttributes: (req: { namespace: string }) =>
          connection.operatorService.listSearchAttributes(req),
        addSearchAttributes: () => Promise.reject(new Error('PermissionDenied')),
      },
    } as unknown as Pick<Connection, 'operatorService'>;
    await expect(ensureSearchAttributes(refusing, namespace)).rejects.toThrow(
      `temporal operator search-attribute create -n ${namespace} --name IncidentPhase --type Keyword`,
    );
  });

  it('gives the dev server the same attributes as flags', () => {
    expect(SEARCH_ATTRIBUTE_FLAGS).toEqual(['IncidentPhase=Keyword', 'IncidentSeverity=Keyword']);
  });
});
