import { matches, oneOf } from './rules.js';
import type { Preset, PresetRule } from './types.js';

/**
 * Stages that mean a proposal went out, by the default pipeline's labels and common renames.
 * The export has no stage history: a deal counts when it is in such a stage now, or was won.
 */
const PROPOSAL = '\\b(?:contract sent|proposal|quote|negotiat)';
const WON = ['true', 'yes', '1'];

export const hubspotDeals: Preset = {
  name: 'hubspot-deals',
  title: 'HubSpot deals export',
  origin: 'CRM → Deals → Export view (CSV or XLSX); labels as headers',
  fileNames: [/hubspot.*deals?\b/i, /hubspot-crm-exports-.*deal/i],
  columns: {
    id: { aliases: ['Record ID', 'hs_object_id', 'Deal ID'], doc: 'counts a deal once when exports overlap' },
    rep: { aliases: ['Deal owner', 'hubspot_owner_id'], isRequired: true, doc: 'the rep who owns the deal' },
    stage: { aliases: ['Deal Stage', 'dealstage'], isRequired: true, doc: 'current pipeline stage' },
    closeDate: { aliases: ['Close Date', 'closedate'], isRequired: true, doc: 'when the deal closed (or is expected to)' },
    created: { aliases: ['Create Date', 'createdate', 'Created date'], doc: 'when the deal was created' },
    won: { aliases: ['Is Closed Won', 'hs_is_closed_won'], doc: 'true for won deals, whatever the stage is called' },
  },
  values: {
    proposal: ['Contract Sent', '… Proposal …', '… Quote …', 'Negotiation …', 'Closed Won'],
    close: ['Is Closed Won = true', 'else Deal Stage = Closed Won'],
  },
  stages: ['proposal', 'close'],
  map(c) {
    const won = c.won ? { [c.won]: oneOf(WON) } : { [c.stage!]: matches('^closed ?won$') };
    const proposalDate = c.created ?? c.closeDate;
    const rules: PresetRule[] = [
      { stage: 'proposal', when: { [c.stage!]: matches(PROPOSAL) }, date: proposalDate },
      { stage: 'proposal', when: won, date: proposalDate },
      { stage: 'close', when: won, date: c.closeDate },
    ];
    return { shape: 'events', columns: { rep: c.rep!, date: proposalDate, id: c.id, created: c.created }, rules };
  },
};
