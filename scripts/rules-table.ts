/**
 * Generates the rules table of docs/rules.md from the rules pack, so the documentation cannot drift from the rules
 * the engine applies. `tsx scripts/rules-table.ts` rewrites the block between the markers; `--check` exits 1 when
 * the table is stale, 2 when the markers are missing. `--readme <path>` targets another file.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describeTrigger } from '../domain/obligations/engine.js';
import type { ClockStart, Deadline, Regime } from '../domain/obligations/rule.js';
import { RULES_PACK, type RulesPack } from '../domain/obligations/rules-pack.js';
import { territoryLabel } from '../domain/obligations/territory.js';
import { describeCondition } from '../domain/obligations/conditions.js';

export const START_MARKER = '<!-- rules-table:start -->';
export const END_MARKER = '<!-- rules-table:end -->';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
}

function clockWords(clock: ClockStart): string {
  switch (clock.from) {
    case 'discovery':
      return 'discovery';
    case 'discovery_year_end':
      return 'end of the year of discovery';
    case 'judgement':
      return clock.fallback ? `${clock.kind} (discovery until recorded)` : `${clock.kind} judgement`;
    case 'event':
      return clock.event
        .replace(/At$/, '')
        .replace(/([A-Z])/g, ' $1')
        .toLowerCase();
  }
}

function period(d: Deadline): string {
  switch (d.unit) {
    case 'none':
      return d.text;
    case 'hours':
      return `${d.amount} h`;
    case 'calendar_days':
      return `${d.amount} calendar days`;
    case 'business_days':
      return `${d.amount} business days (${d.calendar})`;
    case 'months':
      return `${d.amount} month${d.amount === 1 ? '' : 's'}`;
  }
}

function appliesTo(regime: Regime): string {
  const parts: string[] = [];
  if (regime.applies.people) parts.push(`people in ${territoryLabel(regime)}`);
  if (regime.applies.attributes) parts.push(describeCondition(regime.applies.attributes, regime));
  if (regime.inForceFrom) parts.push(`breaches discovered from ${regime.inForceFrom}`);
  return parts.join('; ');
}

/** The Markdown table, one row per obligation, in pack order. */
export function renderRulesTable(pack: RulesPack = RULES_PACK): string {
  const lines = [
    '| Regime | Applies to | Obligation | Recipient | Trigger | Deadline | Source | Last checked |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const regime of pack) {
    for (const rule of regime.obligations) {
      const deadline =
        rule.deadline.unit === 'none'
          ? rule.deadline.text
          : `${period(rule.deadline)} from ${clockWords(rule.clock)}${rule.deadline.basis === 'guidance' ? ' (guidance)' : ''}`;
      const hold = rule.delayable ? "; may be held at law enforcement's request" : '';
      const overrides = rule.deadlineOverrides.map(
        (o) => `; ${period(o.deadline)} if ${describeCondition(o.when, regime)}`,
      );
      const obligation = `${rule.kind.replace(/_/g, ' ')} · ${rule.phase.replace(/_/g, ' ')}${rule.fanOut ? ' (per region)' : ''}`;
      lines.push(
        `| ${[
          regime.name,
          appliesTo(regime),
          obligation,
          rule.recipient,
          describeTrigger(regime, rule),
          deadline + overrides.join('') + hold,
          `[${regime.source.citation}](${regime.source.url})`,
          regime.lastChecked,
        ]
          .map(cell)
          .join(' | ')} |`,
      );
    }
  }
  return lines.join('\n');
}

function blockBounds(readme: string): { start: number; end: number } {
  const start = readme.indexOf(START_MARKER);
  const end = readme.indexOf(END_MARKER);
  if (start < 0 || end < 0 || end < start) {
    throw new Error(`README has no ${START_MARKER} … ${END_MARKER} block`);
  }
  return { start: start + START_MARKER.length, end };
}

/** The text between the markers; throws when the markers are missing or out of order. */
export function rulesBlock(readme: string): string {
  const { start, end } = blockBounds(readme);
  return readme.slice(start, end);
}

/** The README with its rules block replaced by `table` (already formatted as it should be written). */
export function replaceRulesBlock(readme: string, table: string): string {
  const { start, end } = blockBounds(readme);
  return `${readme.slice(0, start)}\n\n${table.trim()}\n\n${readme.slice(end)}`;
}

/**
 * Table rows as trimmed cells, separator rows dropped: Prettier pads Markdown tables, and the padding must not
 * make the README look stale.
 */
export function tableRows(markdown: string): string[][] {
  return markdown
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.startsWith('|'))
    .map((l) =>
      l
        .split(/(?<!\\)\|/)
        .slice(1, -1)
        .map((c) => c.trim()),
    )
    .filter((cells) => !cells.every((c) => /^:?-+:?$/.test(c)));
}

/** Whether the README's block shows exactly the rules in the pack; throws when the markers are missing. */
export function isRulesBlockCurrent(readme: string, table: string = renderRulesTable()): boolean {
  return JSON.stringify(tableRows(rulesBlock(readme))) === JSON.stringify(tableRows(table));
}

async function main(argv: string[]): Promise<number> {
  const check = argv.includes('--check');
  const at = argv.indexOf('--readme');
  const path = resolve(at >= 0 && argv[at + 1] ? argv[at + 1]! : 'docs/rules.md');
  const current = readFileSync(path, 'utf8');
  let upToDate: boolean;
  try {
    upToDate = isRulesBlockCurrent(current);
  } catch (err) {
    console.error(`${path}: ${(err as Error).message}`);
    return 2;
  }
  if (check) {
    if (!upToDate) {
      console.error(`${path}: the rules table is stale; run \`npx tsx scripts/rules-table.ts\``);
      return 1;
    }
    console.log(`${path}: the rules table is up to date`);
    return 0;
  }
  // Written as Prettier would format it, so `prettier --check` on the README stays green.
  const prettier = await import('prettier');
  const options = (await prettier.resolveConfig(path)) ?? {};
  const table = await prettier.format(renderRulesTable(), { ...options, parser: 'markdown' });
  const updated = replaceRulesBlock(current, table);
  if (updated !== current) writeFileSync(path, updated);
  console.log(
    `${path}: rules table written (${RULES_PACK.reduce((n, r) => n + r.obligations.length, 0)} rules)`,
  );
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      console.error(err);
      process.exitCode = 2;
    },
  );
}
