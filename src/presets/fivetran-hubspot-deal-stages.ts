import { hubspotDealStageMapping } from './warehouse.js';
import type { Preset } from './types.js';

export const fivetranHubspotDealStages: Preset = {
  name: 'fivetran-hubspot-deal-stages',
  title: 'Fivetran HubSpot DEAL_STAGE table (stage history) joined with the deal\'s owner',
  origin: 'the deal_stage table Fivetran\'s HubSpot connector writes, with the owner joined from deal (docs/warehouse.md)',
  fileNames: [/deal_?stage/i],
  columns: {
    id: { aliases: ['deal_id'], doc: 'the deal: each stage counts once per deal' },
    rep: {
      aliases: ['property_hubspot_owner_id', 'owner_id'],
      isRequired: true,
      doc: 'the deal\'s owner id, joined from the deal table (deal_stage has no owner)',
    },
    stage: { aliases: ['value', 'deal_stage_name'], isRequired: true, doc: 'the stage\'s internal id the deal entered (contractsent, closedwon, …)' },
    entered: { aliases: ['date_entered'], isRequired: true, doc: 'when the deal entered the stage' },
    start: { aliases: ['_fivetran_start'], doc: 'when the loader saw the change (not used by the rules)' },
    active: {
      aliases: ['_fivetran_active'],
      doc: 'true for the deal\'s current stage; every row is a stage the deal entered, so the rules do not use it',
    },
    isDeleted: { aliases: ['is_deleted'], doc: 'the deal\'s flag, where the view joins it: a deleted deal\'s stages are ignored' },
    fivetranDeleted: { aliases: ['_fivetran_deleted'], doc: 'the deal\'s soft delete, where the view joins it: such rows are ignored' },
  },
  values: { proposal: ['contractsent', '… proposal/quote/negotiat… (labels)', 'closedwon'], close: ['closedwon'] },
  stages: ['proposal', 'close'],
  map: hubspotDealStageMapping,
};
