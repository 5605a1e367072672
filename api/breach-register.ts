// Gathers the breach register from the ledger: every incident, then what each one kept after the
// retention purge (assessment counts, audit log, filings, delivery counts). Nothing here reads the
// affected people's rows, so the register is the same before and after the purge.
import { inDiscoveryRange, type DiscoveryRange } from '../domain/register/discovery-range.js';
import { registerEntry, type RegisterEntry } from '../domain/register/register-entry.js';
import type { IncidentRecord, Ledger } from '../store/ledger.js';

const PAGE = 200;

async function allIncidents(ledger: Ledger): Promise<IncidentRecord[]> {
  const out: IncidentRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await ledger.listIncidents({ limit: PAGE, cursor });
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

/** Oldest discovery first, as a register is kept. */
export async function breachRegister(ledger: Ledger, range: DiscoveryRange): Promise<RegisterEntry[]> {
  const incidents = (await allIncidents(ledger))
    .filter((i) => inDiscoveryRange(i.facts.discoveredAt, range))
    .sort(
      (a, b) =>
        Date.parse(a.facts.discoveredAt) - Date.parse(b.facts.discoveredAt) || a.id.localeCompare(b.id),
    );
  const entries: RegisterEntry[] = [];
  for (const incident of incidents) {
    const [assessment, audit, filings, deliveries] = await Promise.all([
      ledger.latestAssessment(incident.id),
      ledger.listAudit(incident.id),
      ledger.listFilings(incident.id),
      ledger.deliveryCounts(incident.id),
    ]);
    entries.push(registerEntry({ incident, assessment, audit, filings, deliveries }));
  }
  return entries;
}
