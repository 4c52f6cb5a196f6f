import { AIRBYTE_COLUMNS, hubspotDealMapping } from './warehouse.js';
import type { Preset } from './types.js';

export const airbyteHubspotDeals: Preset = {
  name: 'airbyte-hubspot-deals',
  title: 'Airbyte HubSpot deals stream',
  origin: 'the deals table Airbyte\'s HubSpot source writes (flattened properties_* columns), exported as CSV or bound with funnel sql --source',
  fileNames: [/deals/i],
  columns: {
    id: { aliases: ['id'], doc: 'the deal\'s id; a deal read by several syncs counts once (the first row)' },
    rep: {
      aliases: ['properties_hubspot_owner_id'],
      isRequired: true,
      doc: 'the owner id (a number): map it to a name with owners.csv or reps.<name>.aliases',
    },
    stage: {
      aliases: ['properties_dealstage'],
      isRequired: true,
      doc: 'the stage\'s internal id (contractsent, closedwon; a number in custom pipelines), not its label',
    },
    closeDate: { aliases: ['properties_closedate'], isRequired: true, doc: 'when the deal closed (or is expected to)' },
    created: { aliases: ['properties_createdate', 'createdAt'], doc: 'when the deal was created' },
    won: { aliases: ['properties_hs_is_closed_won'], doc: 'true for won deals, whatever the stage id is' },
    pipeline: { aliases: ['properties_pipeline'], doc: 'the pipeline (not used by the rules)' },
    ...AIRBYTE_COLUMNS,
  },
  values: {
    proposal: ['contractsent', '… proposal/quote/negotiat… (labels)', 'won'],
    close: ['properties_hs_is_closed_won = true', 'else stage closedwon'],
    ignored: ['archived = true'],
  },
  stages: ['proposal', 'close'],
  map: hubspotDealMapping,
};
