import { FIVETRAN_COLUMNS, hubspotDealMapping } from './warehouse.js';
import type { Preset } from './types.js';

export const fivetranHubspotDeals: Preset = {
  name: 'fivetran-hubspot-deals',
  title: 'Fivetran HubSpot DEAL table',
  origin: 'the deal table Fivetran\'s HubSpot connector writes, exported as CSV or bound with funnel sql --source',
  fileNames: [/^deal\b|hubspot.*deal/i],
  columns: {
    id: { aliases: ['deal_id'], doc: 'the deal id; a deal the loader wrote twice counts once (the first row)' },
    rep: {
      aliases: ['property_hubspot_owner_id', 'owner_id'],
      isRequired: true,
      doc: 'the owner id (a number): map it to a name with owners.csv or reps.<name>.aliases',
    },
    stage: {
      aliases: ['property_dealstage', 'deal_pipeline_stage_id'],
      isRequired: true,
      doc: 'the stage\'s internal id (contractsent, closedwon; a number in custom pipelines), not its label',
    },
    closeDate: { aliases: ['property_closedate'], isRequired: true, doc: 'when the deal closed (or is expected to)' },
    created: { aliases: ['property_createdate'], doc: 'when the deal was created' },
    won: { aliases: ['property_hs_is_closed_won'], doc: 'true for won deals, whatever the stage id is' },
    isDeleted: { aliases: ['is_deleted'], doc: 'true for a deal deleted in HubSpot: such rows are ignored' },
    pipeline: { aliases: ['deal_pipeline_id', 'property_pipeline'], doc: 'the pipeline (not used by the rules)' },
    ...FIVETRAN_COLUMNS,
  },
  values: {
    proposal: ['contractsent', '… proposal/quote/negotiat… (labels)', 'won'],
    close: ['property_hs_is_closed_won = true', 'else stage closedwon'],
    ignored: ['is_deleted = true', '_fivetran_deleted = true'],
  },
  stages: ['proposal', 'close'],
  map: hubspotDealMapping,
};
