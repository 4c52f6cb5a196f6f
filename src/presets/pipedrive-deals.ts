import { matches } from './rules.js';
import type { Preset, PresetRule } from './types.js';

/** Default pipeline stages from "Proposal Made" on, and common renames. */
const PROPOSAL = '\\b(?:proposal|negotiat|contract|quote)';

export const pipedriveDeals: Preset = {
  name: 'pipedrive-deals',
  title: 'Pipedrive deals export',
  origin: 'Deals list → Export (CSV or XLSX); headers "Deal - <field>"',
  fileNames: [/pipedrive/i, /deals?\b/i],
  columns: {
    id: { aliases: ['Deal - ID'], doc: 'counts a deal once' },
    rep: { aliases: ['Deal - Owner'], isRequired: true, doc: 'the rep who owns the deal' },
    status: { aliases: ['Deal - Status'], isRequired: true, doc: 'Open, Won, Lost' },
    wonTime: {
      aliases: ['Deal - Won time', 'Obchod - Datum výhry', 'Deal - Deal closed on', 'Deal - Closed on'],
      isRequired: true,
      doc: 'when the deal was won',
    },
    stage: { aliases: ['Deal - Stage', 'Deal - Stage (pipeline)', 'Obchod - Fáze'], doc: 'current pipeline stage' },
    created: { aliases: ['Deal - Deal created', 'Deal - Creation date', 'Deal - Add time'], doc: 'when the deal was created' },
    stageChanged: { aliases: ['Deal - Last stage change'], doc: 'when the deal entered its current stage' },
  },
  values: { proposal: ['Proposal Made', 'Negotiations Started', '… Contract …', '… Quote …', 'Status = Won'], close: ['Status = Won'] },
  stages: ['proposal', 'close'],
  map(c) {
    const won = { [c.status!]: 'Won' };
    const created = c.created ?? c.wonTime;
    const rules: PresetRule[] = [];
    if (c.stage) rules.push({ stage: 'proposal', when: { [c.stage]: matches(PROPOSAL) }, date: c.stageChanged ?? created });
    rules.push({ stage: 'proposal', when: won, date: created }, { stage: 'close', when: won, date: c.wonTime });
    return { shape: 'events', columns: { rep: c.rep!, date: c.wonTime, id: c.id, created: c.created }, rules };
  },
};
