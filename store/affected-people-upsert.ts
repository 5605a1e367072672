// Adding people to an incident's snapshot in one transaction: fold the rows of one person, find who
// is already there, sort each into new, changed or unchanged, and write each kind in its own statements.
import type { Kysely, Selectable } from 'kysely';
import type { AffectedUser } from '../domain/affected-user.js';
import { mergeAffectedUser, sameAffectedUser } from '../domain/affected-user-merge.js';
import type { DataCategory, IncidentFacts } from '../domain/incident.js';
import { isFinal, noticesStarted, type Phase } from '../domain/phases.js';
import {
  AffectedUsersFrozenError,
  readUser,
  userColumns,
  type UpsertOptions,
  type UpsertResult,
} from './affected-people.js';
import type { Flavor } from './flavor.js';
import { IncidentNotFoundError } from './incidents.js';
import type { AffectedUsersTable, LedgerDatabase } from './schema.js';
import { chunks, nowIso, SqlRepository } from './sql-repository.js';

type ExistingUser = Pick<Selectable<AffectedUsersTable>, 'user_id' | 'import_id'> & { user: AffectedUser };

interface Plan {
  inserts: AffectedUser[];
  updates: { before: AffectedUser; after: AffectedUser }[];
  /** Unchanged people this import names: marked as seen by it. */
  touchOnly: string[];
}

interface Write {
  trx: Kysely<LedgerDatabase>;
  flavor: Flavor;
  incidentId: string;
  incidentCategories: readonly DataCategory[];
  importId: string | null;
  at: string;
}

export interface AffectedPeopleImport {
  /**
   * Adds people to an incident's snapshot in one transaction. Rows of the same user are merged:
   * a later non-empty field wins, data categories are united. Re-upserting the same rows changes nothing.
   * Throws IncidentNotFoundError, or AffectedUsersFrozenError once notices have started.
   */
  upsertAffectedUsers(
    incidentId: string,
    rows: readonly AffectedUser[],
    opts?: UpsertOptions,
  ): Promise<UpsertResult>;
}

export class SqlAffectedPeopleImport extends SqlRepository implements AffectedPeopleImport {
  upsertAffectedUsers(
    incidentId: string,
    rows: readonly AffectedUser[],
    opts: UpsertOptions = {},
  ): Promise<UpsertResult> {
    return this.write((trx) => upsertInTransaction(trx, this.flavor, incidentId, rows, opts));
  }
}

async function upsertInTransaction(
  trx: Kysely<LedgerDatabase>,
  flavor: Flavor,
  incidentId: string,
  rows: readonly AffectedUser[],
  opts: UpsertOptions,
): Promise<UpsertResult> {
  const result: UpsertResult = { inserted: 0, merged: 0, unchanged: 0, duplicates: 0 };
  const folded = foldRows(rows, result);
  const importId = opts.importId ?? null;
  const incident = await flavor.lockIncident(trx, incidentId);
  if (!incident) throw new IncidentNotFoundError(incidentId);
  const phase = incident.phase as Phase;
  if (noticesStarted(phase) || isFinal(phase)) throw new AffectedUsersFrozenError(incidentId, phase);
  const incidentCategories = flavor.readJson<IncidentFacts>(incident.facts).dataCategories;
  const w: Write = { trx, flavor, incidentId, incidentCategories, importId, at: nowIso() };

  const existing = await findExisting(w, [...folded.keys()]);
  const plan = planChanges(folded, existing, importId, result);
  await insertPeople(w, plan.inserts);
  result.inserted = plan.inserts.length;
  await updatePeople(w, plan.updates);
  if (importId !== null) await markSeenByImport(w, importId, plan.touchOnly);
  return result;
}

/** One record per person of the call; every row folded into another counts as a duplicate. */
function foldRows(rows: readonly AffectedUser[], result: UpsertResult): Map<string, AffectedUser> {
  const folded = new Map<string, AffectedUser>();
  for (const row of rows) {
    const prev = folded.get(row.userId);
    if (prev) result.duplicates++;
    folded.set(row.userId, prev ? mergeAffectedUser(prev, row) : row);
  }
  return folded;
}

async function findExisting(w: Write, userIds: string[]): Promise<Map<string, ExistingUser>> {
  const existing = new Map<string, ExistingUser>();
  for (const ids of chunks(userIds)) {
    const found = await w.trx
      .selectFrom('affected_users')
      .selectAll()
      .where('incident_id', '=', w.incidentId)
      .where('user_id', 'in', ids)
      .execute();
    for (const r of found)
      existing.set(r.user_id, { user_id: r.user_id, import_id: r.import_id, user: readUser(w.flavor, r) });
  }
  return existing;
}

function planChanges(
  folded: Map<string, AffectedUser>,
  existing: Map<string, ExistingUser>,
  importId: string | null,
  result: UpsertResult,
): Plan {
  const plan: Plan = { inserts: [], updates: [], touchOnly: [] };
  for (const [userId, incoming] of folded) {
    const ex = existing.get(userId);
    if (!ex) {
      plan.inserts.push(incoming);
      continue;
    }
    // Seen earlier in this import: only a duplicate, whatever it adds to that person.
    const repeat = importId !== null && ex.import_id === importId;
    if (repeat) result.duplicates++;
    const after = mergeAffectedUser(ex.user, incoming);
    if (!sameAffectedUser(ex.user, after)) {
      plan.updates.push({ before: ex.user, after });
      if (!repeat) result.merged++;
    } else if (!repeat) {
      result.unchanged++;
      if (importId !== null) plan.touchOnly.push(userId);
    }
  }
  return plan;
}

async function insertPeople(w: Write, inserts: AffectedUser[]): Promise<void> {
  // Numbered after the incident's last person; the incident's lock keeps concurrent uploads apart.
  let linkRef = inserts.length ? await lastLinkRef(w) : 0;
  for (const batch of chunks(inserts)) {
    await w.trx
      .insertInto('affected_users')
      .values(
        batch.map((u) => ({
          incident_id: w.incidentId,
          user_id: u.userId,
          link_ref: ++linkRef,
          ...userColumns(w.flavor, u, w.incidentCategories),
          import_id: w.importId,
          created_at: w.at,
          updated_at: w.at,
        })),
      )
      .execute();
  }
}

async function lastLinkRef(w: Write): Promise<number> {
  const r = await w.trx
    .selectFrom('affected_users')
    .select((eb) => eb.fn.max('link_ref').as('last'))
    .where('incident_id', '=', w.incidentId)
    .executeTakeFirst();
  return Number(r?.last ?? 0);
}

async function updatePeople(w: Write, updates: Plan['updates']): Promise<void> {
  for (const { before, after } of updates) {
    const tokenChanged = before.pushToken !== after.pushToken;
    await w.trx
      .updateTable('affected_users')
      .set((eb) => ({
        ...userColumns(w.flavor, after, w.incidentCategories),
        // A new token is worth trying even if the old one was reported dead.
        push_token_dead: tokenChanged ? w.flavor.bool(false) : eb.ref('push_token_dead'),
        import_id: w.importId ?? eb.ref('import_id'),
        updated_at: w.at,
      }))
      .where('incident_id', '=', w.incidentId)
      .where('user_id', '=', after.userId)
      .execute();
  }
}

async function markSeenByImport(w: Write, importId: string, userIds: string[]): Promise<void> {
  for (const ids of chunks(userIds)) {
    await w.trx
      .updateTable('affected_users')
      .set({ import_id: importId })
      .where('incident_id', '=', w.incidentId)
      .where('user_id', 'in', ids)
      .execute();
  }
}
