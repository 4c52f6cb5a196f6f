import { dated, matches } from './rules.js';
import type { Preset, PresetRule } from './types.js';

/** Pipeline phases from Propose on (`3-Propose`, `4-Close`), by phase or sales stage. */
const PROPOSAL = '\\b(?:propose|close)\\b';

export const dynamicsOpportunities: Preset = {
  name: 'dynamics-opportunities',
  title: 'Dynamics 365 Sales opportunities (Export to Excel of an Opportunities view)',
  origin: 'Opportunities view → Export to Excel (XLSX; hidden "(Do Not Modify)" columns first), or that sheet saved as CSV',
  fileNames: [/opportunit/i],
  columns: {
    rep: { aliases: ['Owner'], isRequired: true, doc: 'the rep who owns the opportunity' },
    status: { aliases: ['Status'], isRequired: true, doc: 'Open, Won, Lost' },
    actualClose: { aliases: ['Actual Close Date'], isRequired: true, doc: 'when it was won or lost' },
    estClose: { aliases: ['Est. Close Date', 'Estimated Close Date'], doc: 'when it is expected to close' },
    phase: { aliases: ['Pipeline Phase', 'Sales Stage', 'Process Stage'], doc: '1-Qualify, 2-Develop, 3-Propose, 4-Close' },
    created: { aliases: ['Created On', 'Date Created'], doc: 'when the opportunity was created; add it to the view to date proposals by it' },
  },
  values: { proposal: ['Pipeline Phase 3-Propose or 4-Close', 'Status = Won'], close: ['Status = Won'] },
  stages: ['proposal', 'close'],
  map(c) {
    const won = { [c.status!]: 'Won' };
    // No stage dates in the view: a proposal is dated by the opportunity's creation when the view
    // has it, else by its actual close date once closed, else by its estimated close date.
    const dates = c.created ? [c.created] : [c.actualClose, c.estClose];
    const rules: PresetRule[] = [];
    if (c.phase) rules.push(...dated('proposal', { [c.phase]: matches(PROPOSAL) }, dates));
    rules.push(...dated('proposal', won, dates));
    rules.push({ stage: 'close', when: { ...won }, date: c.actualClose });
    return { shape: 'events', columns: { rep: c.rep!, date: c.actualClose, created: c.created }, rules };
  },
};
