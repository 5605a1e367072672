import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  END_MARKER,
  isRulesBlockCurrent,
  renderRulesTable,
  replaceRulesBlock,
  rulesBlock,
  START_MARKER,
} from '../scripts/rules-table.js';
import { RULES_PACK } from '../domain/obligations/rules-pack.js';

describe('docs/rules.md rules table', () => {
  it('matches the rules pack (run `npx tsx scripts/rules-table.ts` after changing a rule)', () => {
    const readme = readFileSync(new URL('../docs/rules.md', import.meta.url), 'utf8');
    expect(readme).toContain(START_MARKER);
    expect(readme).toContain(END_MARKER);
    expect(isRulesBlockCurrent(readme)).toBe(true);
  });

  it('has one row per obligation rule, with its source and check date', () => {
    const table = renderRulesTable();
    const rows = table.split('\n').slice(2);
    expect(rows).toHaveLength(RULES_PACK.reduce((n, r) => n + r.obligations.length, 0));
    expect(table).toContain(
      '| EU GDPR Art. 33/34 | people in EU/EEA | regulator report · notification | lead supervisory authority | unless judged not risk and (judged risk or judged high risk) | 72 h from awareness (discovery until recorded) |',
    );
    expect(table).toContain('more than 500 people in one region of US');
    expect(table).toContain('at least 1,000,000 people in CN');
    expect(table).toContain('4 business days (US) from materiality judgement');
  });

  it('detects a stale block and ignores Prettier’s padding', () => {
    const fresh = replaceRulesBlock(`# T\n\n${START_MARKER}\n${END_MARKER}\n`, renderRulesTable());
    expect(isRulesBlockCurrent(fresh)).toBe(true);
    const padded = fresh.replace(/ \| /g, '   |   ');
    expect(isRulesBlockCurrent(padded)).toBe(true);
    const stale = fresh.replace('72 h from awareness', '96 h from awareness');
    expect(isRulesBlockCurrent(stale)).toBe(false);
    expect(() => rulesBlock('# no markers')).toThrow(/no <!-- rules-table:start -->/);
  });
});
