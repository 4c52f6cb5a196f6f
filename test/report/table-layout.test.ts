import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { table } from '../../src/report/table.js';

describe('table layout', () => {
  it('aligns every row of a long table to the widest cell, wherever it is', () => {
    const rows = Array.from({ length: 450 }, (_, i) => [`r${i}`, String(i * 7)]);
    rows[449][0] = 'a much longer name';
    const lines = table(['Rep', 'N'], rows, new Chalk({ level: 0 })).split('\n');
    expect(lines).toHaveLength(451);
    expect(lines[0]).toBe(`${'Rep'.padEnd(18)}     N`);
    expect(lines[1]).toBe(`${'r0'.padEnd(18)}     0`);
    expect(lines[250]).toBe(`${'r249'.padEnd(18)}  1743`);
    expect(lines[450]).toBe('a much longer name  3143');
  });
});
