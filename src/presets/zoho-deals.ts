import { matches } from './rules.js';
import type { Preset, PresetRule } from './types.js';

/** Default stages from Proposal/Price Quote on, and common renames. */
const PROPOSAL = '\\b(?:proposal|price quote|quote|negotiation)';
const WON = '^closed[ -]?won$';

export const zohoDeals: Preset = {
  name: 'zoho-deals',
  title: 'Zoho CRM deals export',
  origin: 'Setup → Data Administration → Export → Deals, or the Deals list view → Export; labels as headers',
  fileNames: [/zoho/i, /deals?\b/i, /potentials?\b/i],
  columns: {
    id: { aliases: ['Id', 'Record Id', 'Deal Id'], doc: 'the 19-digit record id; counts a deal once' },
    rep: { aliases: ['Deal Owner Name', 'Deal Owner', 'Deal Owner.name'], isRequired: true, doc: 'the rep who owns the deal' },
    stage: { aliases: ['Stage'], isRequired: true, doc: 'Qualification … Proposal/Price Quote, Negotiation/Review, Closed Won, Closed Lost' },
    closeDate: { aliases: ['Closing Date'], isRequired: true, doc: 'when the deal closed (or is expected to)' },
    created: { aliases: ['Created Time'], doc: 'when the deal was created' },
  },
  values: { proposal: ['Proposal/Price Quote', 'Negotiation/Review', 'Closed Won'], close: ['Closed Won'] },
  stages: ['proposal', 'close'],
  map(c) {
    const stage = c.stage!;
    const created = c.created ?? c.closeDate;
    const rules: PresetRule[] = [
      { stage: 'proposal', when: { [stage]: matches(`${PROPOSAL}|${WON}`) }, date: created },
      { stage: 'close', when: { [stage]: matches(WON) }, date: c.closeDate },
    ];
    return { shape: 'events', columns: { rep: c.rep!, date: c.closeDate, id: c.id, created: c.created }, rules };
  },
};
