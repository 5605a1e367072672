// Opening an incident sets its search attributes, and Temporal refuses to start a workflow with
// attributes its namespace does not know: the incident would fail with a bare "Failed to start
// Workflow". The embedded dev server registers them when it starts; a cluster may not have them yet.
import type { ConnectionLike } from '@temporalio/client';
import proto from '@temporalio/proto';
import { cliTypeName, INCIDENT_SEARCH_ATTRIBUTES } from '../domain/search-attributes.js';

// A CommonJS package: its namespaces come through its default export under Node's ESM.
const { IndexedValueType } = proto.temporal.api.enums.v1;

/**
 * Registers the service's search attributes that `namespace` lacks, tells `log` which, and returns
 * their names (none when all were there). When the server refuses (no operator permission), the error
 * names the commands that register them.
 */
export async function ensureSearchAttributes(
  connection: Pick<ConnectionLike, 'operatorService'>,
  namespace: string,
  log: (message: string) => void = () => {},
): Promise<string[]> {
  const known = await connection.operatorService.listSearchAttributes({ namespace });
  const missing = INCIDENT_SEARCH_ATTRIBUTES.filter(({ name }) => !(name in (known.customAttributes ?? {})));
  if (!missing.length) return [];
  const searchAttributes = Object.fromEntries(
    missing.map(({ name, type }) => [
      name,
      IndexedValueType[`INDEXED_VALUE_TYPE_${type}` as keyof typeof IndexedValueType],
    ]),
  );
  try {
    await connection.operatorService.addSearchAttributes({ namespace, searchAttributes });
  } catch (err) {
    const commands = missing.map(
      ({ name, type }) =>
        `temporal operator search-attribute create -n ${namespace} --name ${name} --type ${cliTypeName(type)}`,
    );
    throw new Error(
      `Temporal namespace ${namespace} lacks the search attributes ${missing.map((k) => k.name).join(', ')} and ` +
        `refused to register them (${err instanceof Error ? err.message : String(err)}). Register them with:\n  ` +
        commands.join('\n  '),
      { cause: err },
    );
  }
  const added = missing.map(({ name }) => name);
  log(`Registered the search attributes ${added.join(', ')} on ${namespace}`);
  return added;
}
