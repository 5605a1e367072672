import { OpenIncidentRequest, type IncidentFacts } from '../domain/incident.js';

export function sampleBenchFacts(): IncidentFacts {
  return OpenIncidentRequest.parse({
    title: 'Benchmark incident',
    description: 'Seeded straight into the ledger to measure the evidence pack.',
    discoveredAt: new Date(Date.now() - 86_400_000).toISOString(),
    dataCategories: ['email'],
    severity: 'high',
    measuresTaken: 'None: a benchmark.',
    contact: { name: 'Privacy Office', email: 'privacy@example.com' },
  });
}
