// Reads Prometheus text with a real parser (parse-prometheus-text-format), for tests that scrape /metrics.
import { createRequire } from 'node:module';

export interface MetricFamily {
  name: string;
  type: string;
  metrics: Array<{ value?: string; labels?: Record<string, string>; count?: string }>;
}

const parse = createRequire(import.meta.url)('parse-prometheus-text-format') as (
  text: string,
) => MetricFamily[];

export function parseMetrics(text: string): Map<string, MetricFamily> {
  return new Map(parse(text).map((f) => [f.name, f]));
}

/** The value of the family's sample whose labels include `labels`; 0 when there is none. */
export function sampleValue(
  families: Map<string, MetricFamily>,
  name: string,
  labels: Record<string, string> = {},
): number {
  const family = families.get(name);
  const sample = family?.metrics.find((m) =>
    Object.entries(labels).every(([k, v]) => (m.labels ?? {})[k] === v),
  );
  return Number(sample?.value ?? sample?.count ?? 0);
}
