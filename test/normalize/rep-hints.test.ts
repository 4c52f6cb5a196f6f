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

describe('repHints: which e-mail spells which name', () => {
  it.each([
    // Each spelling below fits exactly one of the forms nameOf tries.
    ['priya.k.raman@acme.example', 'Priya Raman'], // first and last word, something between
    ['priyaraman@acme.example', 'Priya Raman'], // first + last, one word
    ['p.raman@acme.example', 'Priya Raman'], // separators do not matter: p + raman
    ['priya@acme.example', null], // the first name alone
    ['raman@acme.example', null], // the last name alone
    ['rpriya@acme.example', null], // the initial of the last name before the first
    ['priya.raman.x@acme.example', null], // the last part is not the last name
    ['r.raman@acme.example', null], // the first part is not the first name
    ['Priya.Raman@Acme.Example', 'Priya Raman'], // case does not matter
  ])('%s → %s', (email, name) => {
    expect(repHints(['Priya Raman', email])).toEqual([{ value: email, kind: 'email', name }]);
  });

  it('a middle name: the first and last words of the name count', () => {
    expect(repHints(['Ana María López', 'ana.lopez@acme.example', 'analópez@acme.example'])).toEqual([
      { value: 'ana.lopez@acme.example', kind: 'email', name: null },
      { value: 'analópez@acme.example', kind: 'email', name: 'Ana María López' },
    ]);
  });

  it('a one-word name is never spelled by an e-mail (too short to tell)', () => {
    // "lili" would be first + last of a name "Li" read as both.
    expect(repHints(['Li', 'Ann Lee', 'lili@acme.example', 'li.li@acme.example'])).toEqual([
      { value: 'lili@acme.example', kind: 'email', name: null },
      { value: 'li.li@acme.example', kind: 'email', name: null },
    ]);
  });

  it('a one-part e-mail is not taken for a name whose first and last words are equal', () => {
    expect(repHints(['Li Li', 'li@acme.example'])).toEqual([{ value: 'li@acme.example', kind: 'email', name: null }]);
  });

  it('words are letters and digits of any script; separators at either end make no empty word', () => {
    // "ß" upper-cases to "SS": the local part is compared lower-cased as written.
    expect(repHints(['Anna Strauß', 'anna.strauß@acme.example'])[0].name).toBe('Anna Strauß');
    // The last word of "Priya Raman Jr." is "jr", not an empty word after the dot.
    expect(repHints(['Priya Raman Jr.', 'priya.jr@acme.example'])[0].name).toBe('Priya Raman Jr.');
  });

  it('the first name in the list that the e-mail spells wins', () => {
    expect(repHints(['Priya Raman', 'Priya K. Raman', 'priya.raman@acme.example'])[0].name).toBe('Priya Raman');
    expect(repHints(['Priya K. Raman', 'Priya Raman', 'priya.raman@acme.example'])[0].name).toBe('Priya K. Raman');
  });

  it('e-mail addresses and owner ids are never taken for names', () => {
    // Read as a name, "ann.x@acme.example" has first word "ann" and last "example", which
    // "ann.example@…" would spell; "12345" as a name has one word.
    expect(repHints(['Ann Lee', 'ann.x@acme.example', 'ann.example@acme.example'])).toEqual([
      { value: 'ann.x@acme.example', kind: 'email', name: null },
      { value: 'ann.example@acme.example', kind: 'email', name: null },
    ]);
  });
});

describe('repHints: what is an e-mail and what an owner id', () => {
  it('values are looked at collapsed; names, short numbers and near-e-mails give nothing', () => {
    // Callers pass rep names as resolved (collapsed); a hint's value is collapsed too.
    expect(repHints(['Ann Lee', '  12345  ', ' ann.lee@acme.example ', '12', '1234a', 'ann@acme', 'ann lee@acme.example', '@acme.example'])).toEqual([
      { value: '12345', kind: 'id', name: null },
      { value: 'ann.lee@acme.example', kind: 'email', name: 'Ann Lee' },
    ]);
  });

  it('ids alone still give hints: ids are no names', () => {
    expect(repHints(['123', '4567'])).toEqual([
      { value: '123', kind: 'id', name: null },
      { value: '4567', kind: 'id', name: null },
    ]);
  });
});

describe('repHintLines', () => {
  it('an e-mail whose name is unknown: add it to the aliases of its rep, or owners.csv', () => {
    expect(repHintLines(repHints(['Ann Lee', 'sales@acme.example']))).toEqual([
      'rep "sales@acme.example" is an e-mail address: add it to the aliases of the rep it belongs to, or map it in owners.csv (email,name)',
    ]);
  });

  it('a name with quotes is written as YAML-safe JSON', () => {
    expect(repHintLines([{ value: 'o.neil@acme.example', kind: 'email', name: 'Pat "P" O\'Neil' }])).toEqual([
      'rep "o.neil@acme.example" looks like the e-mail of Pat "P" O\'Neil: add it to the aliases (reps: { "Pat \\"P\\" O\'Neil": { aliases: ["o.neil@acme.example"] } }), or map it in owners.csv',
    ]);
  });

  it.each([
    [['12345'], 'rep "12345" looks like an owner id: map ids to names in owners.csv (id,name) beside the config'],
    [['111', '222'], 'reps "111", "222" look like owner ids: map ids to names in owners.csv (id,name) beside the config'],
    [['111', '222', '333'], 'reps "111", "222", "333" look like owner ids: map ids to names in owners.csv (id,name) beside the config'],
    // More than three: the first three and an ellipsis.
    [['111', '222', '333', '444'], 'reps "111", "222", "333", … look like owner ids: map ids to names in owners.csv (id,name) beside the config'],
  ])('owner ids %j: one line', (ids, line) => {
    expect(repHintLines(repHints(ids))).toEqual([line]);
  });

  it('e-mails first, each on its line, then one line for every id; nothing for no hints', () => {
    const hints = repHints(['777', 'Ann Lee', 'ann.lee@acme.example', 'info@acme.example']);
    expect(repHintLines(hints)).toEqual([
      'rep "ann.lee@acme.example" looks like the e-mail of Ann Lee: add it to the aliases (reps: { "Ann Lee": { aliases: ["ann.lee@acme.example"] } }), or map it in owners.csv',
      'rep "info@acme.example" is an e-mail address: add it to the aliases of the rep it belongs to, or map it in owners.csv (email,name)',
      'rep "777" looks like an owner id: map ids to names in owners.csv (id,name) beside the config',
    ]);
    expect(repHintLines([])).toEqual([]);
    expect(repHintLines(repHints(['Ann Lee', 'ann@acme.example']))).toHaveLength(1);
  });
});
