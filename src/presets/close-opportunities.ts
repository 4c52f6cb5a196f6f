import { matches } from './rules.js';
import type { Preset, PresetRule } from './types.js';

/** Org-defined status labels that mean a proposal went out (Close has no fixed list). */
const PROPOSAL = '\\b(?:proposal|quote|contract|negotiat)';

export const closeOpportunities: Preset = {
  name: 'close-opportunities',
  title: 'Close opportunities export',
  origin: 'Opportunities → Export (CSV, `date_format: iso8601` recommended), or POST /export/opportunity/',
  fileNames: [/\bclose\b.*opp/i, /opportunit/i],
  columns: {
    id: { aliases: ['id', 'opportunity_id'], doc: 'the opportunity id (oppo_…); counts it once' },
    rep: { aliases: ['user_name', 'user.name'], isRequired: true, doc: 'the rep who owns the opportunity' },
    statusType: { aliases: ['status_type'], isRequired: true, doc: 'active, won or lost' },
    wonDate: { aliases: ['date_won'], isRequired: true, doc: 'when it was won' },
    statusLabel: { aliases: ['status_label', 'status'], doc: 'org-defined status, e.g. "Proposal Sent"' },
    created: { aliases: ['date_created'], doc: 'when the opportunity was created' },
  },
  values: { proposal: ['status_label … Proposal/Quote/Contract/Negotiation …', 'status_type = won'], close: ['status_type = won'] },
  stages: ['proposal', 'close'],
  map(c) {
    const won = { [c.statusType!]: 'won' };
    const created = c.created ?? c.wonDate;
    const rules: PresetRule[] = [];
    if (c.statusLabel) rules.push({ stage: 'proposal', when: { [c.statusLabel]: matches(PROPOSAL) }, date: created });
    rules.push({ stage: 'proposal', when: won, date: created }, { stage: 'close', when: won, date: c.wonDate });
    return { shape: 'events', columns: { rep: c.rep!, date: c.wonDate, id: c.id, created: c.created }, rules };
  },
};
