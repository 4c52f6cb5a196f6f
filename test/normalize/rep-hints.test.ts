import { describe, expect, it } from 'vitest';
import { repHintLines, repHints } from '../../src/normalize/rep-hints.js';

describe('repHints', () => {
  it.each([
    ['priya.raman@acme.example', 'Priya Raman'],
    ['priya_raman@acme.example', 'Priya Raman'],
    ['praman@acme.example', 'Priya Raman'],
    ['PriyaR@acme.example', 'Priya Raman'],
    ['ramanpriya@acme.example', 'Priya Raman'],
    ['sales@acme.example', null],
  ])('%s → %s', (email, name) => {
    expect(repHints(['Priya Raman', 'Omar Haddad', email])).toEqual([{ value: email, kind: 'email', name }]);
  });

  it('numeric owner ids; names alone give no hint', () => {
    expect(repHints(['Ann Lee', '12345678'])).toEqual([{ value: '12345678', kind: 'id', name: null }]);
    expect(repHints(['Ann Lee', 'Ben Ortiz'])).toEqual([]);
  });

  it('lines: the alias to add, and owners.csv for ids', () => {
    const lines = repHintLines(repHints(['Priya Raman', 'priya.raman@acme.example', '12345678', '87654321']));
    expect(lines).toEqual([
      'rep "priya.raman@acme.example" looks like the e-mail of Priya Raman: add it to the aliases (reps: { "Priya Raman": { aliases: ["priya.raman@acme.example"] } }), or map it in owners.csv',
      'reps "12345678", "87654321" look like owner ids: map ids to names in owners.csv (id,name) beside the config',
    ]);
  });
});
