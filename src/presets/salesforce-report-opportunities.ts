import { matches, oneOf } from './rules.js';
import type { FoundColumns, Preset, PresetMapping, PresetRule } from './types.js';

/** Default stages from Proposal/Price Quote on (and common renames), and won deals. */
const PROPOSAL = '\\b(?:proposal|price quote|quote|negotiation)';
const WON = ['1', 'true', 'yes'];

/**
 * Opportunity rules shared by the report and the Data Loader export: a proposal is an
 * opportunity in a proposal or negotiation stage now (dated by its last stage change when the
 * export has one, else its creation), or a won one (dated by its creation); a close is a won
 * opportunity, dated by its close date. `IsWon`/`Won` is trusted over the stage's label.
 */
export function opportunityMapping(c: FoundColumns): PresetMapping {
  const won = c.won ? { [c.won]: oneOf(WON) } : { [c.stage!]: matches('^closed ?won$') };
  const created = c.created ?? c.closeDate;
  const rules: PresetRule[] = [
    { stage: 'proposal', when: { [c.stage!]: matches(PROPOSAL) }, date: c.stageChanged ?? created },
    { stage: 'proposal', when: won, date: created },
    { stage: 'close', when: won, date: c.closeDate },
  ];
  return { shape: 'events', columns: { rep: c.rep!, date: c.closeDate, id: c.id, created: c.created }, rules };
}

export const salesforceReportOpportunities: Preset = {
  name: 'salesforce-report-opportunities',
  title: 'Salesforce opportunities report export',
  origin: 'Reports → an Opportunities report → Export → Details Only, CSV',
  fileNames: [/^report\d+/i, /opportunit/i],
  columns: {
    rep: { aliases: ['Opportunity Owner', 'Opportunity Owner: Full Name', 'Owner: Full Name'], isRequired: true, doc: 'the rep who owns the opportunity' },
    stage: { aliases: ['Stage'], isRequired: true, doc: 'current stage: Prospecting … Proposal/Price Quote, Negotiation/Review, Closed Won, Closed Lost' },
    closeDate: { aliases: ['Close Date'], isRequired: true, doc: 'when it closed (or is expected to)' },
    created: { aliases: ['Created Date'], doc: 'when the opportunity was created' },
    stageChanged: { aliases: ['Last Stage Change Date'], doc: 'when it entered its current stage' },
    won: { aliases: ['Won'], doc: '1 for won opportunities' },
    closed: { aliases: ['Closed'], doc: 'tells an opportunities report apart (not used by the rules)' },
    id: { aliases: ['Opportunity ID', 'Opportunity ID (18)'], doc: 'counts an opportunity once across reports' },
  },
  values: { proposal: ['Proposal/Price Quote', 'Negotiation/Review', '… Quote …', 'Won = 1'], close: ['Won = 1', 'else Stage = Closed Won'] },
  stages: ['proposal', 'close'],
  map: opportunityMapping,
};
