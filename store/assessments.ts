// Assessments: the counts of an incident's affected people (reach, places, risk), recorded so they
// outlive the purge of personal data, and the purge itself.
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { emptyAssessment, UNKNOWN, type AssessmentCounts } from '../domain/assessment.js';
import { IncidentNotFoundError } from './incidents.js';
import type { LedgerDatabase } from './schema.js';
import { nowIso, SqlRepository } from './sql-repository.js';

export interface StoredAssessment {
  id: string;
  incidentId: string;
  at: string;
  counts: AssessmentCounts;
}

export interface Assessments {
  /** Computes the counts in SQL and records them; once purged, returns the counts recorded at the purge. */
  assess(incidentId: string): Promise<AssessmentCounts>;
  latestAssessment(incidentId: string): Promise<StoredAssessment | undefined>;
  /**
   * Erases names and contact data of the snapshot (and redacted delivery messages), keeping userId,
   * country, region, locale and risk so counts stay; records the assessment first. Returns the number
   * of people purged (0 when already purged).
   */
  purgePersonalData(incidentId: string, at?: string): Promise<number>;
}

export class SqlAssessments extends SqlRepository implements Assessments {
  private async computeCounts(db: Kysely<LedgerDatabase>, incidentId: string): Promise<AssessmentCounts> {
    const live = this.flavor.bool(false);
    const totals = await db
      .selectFrom('affected_users')
      .select((eb) => [
        eb.fn.countAll().as('affected'),
        sql<number | string | null>`sum(case when email is not null then 1 else 0 end)`.as('email'),
        sql<number | string | null>`sum(case when phone is not null then 1 else 0 end)`.as('sms'),
        sql<
          number | string | null
        >`sum(case when push_token is not null and push_token_dead = ${live} then 1 else 0 end)`.as('push'),
        sql<number | string | null>`sum(case when email is null and phone is null
          and (push_token is null or push_token_dead <> ${live}) then 1 else 0 end)`.as('none'),
      ])
      .where('incident_id', '=', incidentId)
      .executeTakeFirstOrThrow();

    const counts = emptyAssessment();
    counts.affected = Number(totals.affected);
    counts.reachable = {
      email: Number(totals.email ?? 0),
      sms: Number(totals.sms ?? 0),
      push: Number(totals.push ?? 0),
      letter: 0,
      voice: Number(totals.sms ?? 0),
      none: Number(totals.none ?? 0),
    };
    const grouped = async (column: 'country' | 'region' | 'locale' | 'risk') => {
      const rows = await db
        .selectFrom('affected_users')
        .select([column, (eb) => eb.fn.countAll().as('n')])
        .where('incident_id', '=', incidentId)
        .groupBy(column)
        .orderBy(column)
        .execute();
      const out: Record<string, number> = {};
      for (const r of rows) out[(r[column] as string | null) ?? UNKNOWN] = Number(r.n);
      return out;
    };
    counts.byCountry = await grouped('country');
    counts.byRegion = await grouped('region');
    counts.byLocale = await grouped('locale');
    const risk = await grouped('risk');
    counts.byRisk = { low: risk.low ?? 0, medium: risk.medium ?? 0, high: risk.high ?? 0 };
    return counts;
  }

  private async recordAssessment(
    db: Kysely<LedgerDatabase>,
    incidentId: string,
    counts: AssessmentCounts,
    at: string,
  ) {
    await db
      .insertInto('assessments')
      .values({
        id: randomUUID(),
        incident_id: incidentId,
        computed_at: at,
        counts: this.flavor.json(counts),
      })
      .execute();
  }

  async assess(incidentId: string): Promise<AssessmentCounts> {
    const incident = await this.db
      .selectFrom('incidents')
      .select('purged_at')
      .where('id', '=', incidentId)
      .executeTakeFirst();
    if (!incident) throw new IncidentNotFoundError(incidentId);
    if (incident.purged_at !== null) {
      const kept = await this.latestAssessment(incidentId);
      if (kept) return kept.counts;
    }
    const counts = await this.computeCounts(this.db, incidentId);
    await this.recordAssessment(this.db, incidentId, counts, nowIso());
    return counts;
  }

  async latestAssessment(incidentId: string): Promise<StoredAssessment | undefined> {
    const r = await this.db
      .selectFrom('assessments')
      .selectAll()
      .where('incident_id', '=', incidentId)
      .orderBy('computed_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!r) return undefined;
    return {
      id: r.id,
      incidentId: r.incident_id,
      at: this.flavor.readTime(r.computed_at),
      counts: this.flavor.readJson<AssessmentCounts>(r.counts),
    };
  }

  async purgePersonalData(incidentId: string, at: string = nowIso()): Promise<number> {
    return this.write(async (trx) => {
      const incident = await this.flavor.lockIncident(trx, incidentId);
      if (!incident) throw new IncidentNotFoundError(incidentId);
      const purgedAt = await trx
        .selectFrom('incidents')
        .select('purged_at')
        .where('id', '=', incidentId)
        .executeTakeFirstOrThrow();
      if (purgedAt.purged_at !== null) return 0;
      // Reachability cannot be recomputed once contact data is gone, so the counts are kept first.
      await this.recordAssessment(trx, incidentId, await this.computeCounts(trx, incidentId), at);
      const r = await trx
        .updateTable('affected_users')
        .set({
          name: null,
          email: null,
          phone: null,
          push_token: null,
          purged: this.flavor.bool(true),
          updated_at: at,
        })
        .where('incident_id', '=', incidentId)
        .where('purged', '=', this.flavor.bool(false))
        .executeTakeFirst();
      await trx
        .updateTable('deliveries')
        .set({ error_message: null })
        .where('incident_id', '=', incidentId)
        .execute();
      await trx
        .updateTable('incidents')
        .set({ purged_at: at, updated_at: at })
        .where('id', '=', incidentId)
        .execute();
      return Number(r.numUpdatedRows);
    });
  }
}
