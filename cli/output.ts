// How the `breach` command answers: a table for people, the API's JSON for scripts (--json).
import Table from 'cli-table3';
import type { Json } from './client.js';

export interface OutputOptions {
  json?: boolean;
}

export function printTable(head: string[], rows: Array<Array<string | number>>): void {
  const table = new Table({ head, style: { head: [], border: [] } });
  table.push(...rows.map((r) => r.map(String)));
  console.log(table.toString());
}

/** The answer as JSON (one document on stdout) or, for a person, as `human` prints it. */
export function answer(value: Json | Json[], opts: OutputOptions, human: () => void): void {
  if (opts.json) console.log(JSON.stringify(value, null, 2));
  else human();
}

const UNITS: Array<[string, number]> = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['min', 60_000],
];

/** "in 2 d 3 h", "overdue by 40 min": the time to a deadline in its two largest units. */
export function countdown(dueAt: string, now = Date.now()): string {
  const ms = Date.parse(dueAt) - now;
  let left = Math.abs(ms);
  const parts: string[] = [];
  for (const [unit, size] of UNITS) {
    const n = Math.floor(left / size);
    if (n > 0 || (unit === 'min' && parts.length === 0)) parts.push(`${n} ${unit}`);
    left -= n * size;
    if (parts.length === 2) break;
  }
  return ms >= 0 ? `in ${parts.join(' ')}` : `overdue by ${parts.join(' ')}`;
}
