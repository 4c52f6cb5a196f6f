import { FIVETRAN_SALESFORCE_COLUMNS, salesforceOpportunityMapping } from './warehouse.js';
import type { Preset } from './types.js';

export const fivetranSalesforceOpportunity: Preset = {
  name: 'fivetran-salesforce-opportunity',
  title: 'Fivetran Salesforce OPPORTUNITY table',
  origin: 'the opportunity table Fivetran\'s Salesforce connector writes, exported as CSV or bound with funnel sql --source',
  fileNames: [/^opportunity\b/i],
  columns: {
    id: { aliases: ['id'], doc: 'the 18-character record id; an opportunity written twice (or in several versions) counts once' },
    rep: {
      aliases: ['owner_name', 'owner_id'],
      isRequired: true,
      doc: 'the owner\'s User id: map it to a name with the user table as the owners file',
    },
    stage: { aliases: ['stage_name'], isRequired: true, doc: 'current stage' },
    closeDate: { aliases: ['close_date'], isRequired: true, doc: 'when it closed (or is expected to)' },
    won: { aliases: ['is_won'], isRequired: true, doc: 'true for won opportunities' },
    created: { aliases: ['created_date'], doc: 'when the opportunity was created' },
    stageChanged: { aliases: ['last_stage_change_date'], doc: 'when it entered its current stage' },
    ...FIVETRAN_SALESFORCE_COLUMNS,
  },
  anyOf: ['fivetranDeleted', 'fivetranSynced', 'fivetranActive'],
  values: {
    proposal: ['Proposal/Price Quote', 'Negotiation/Review', '… Quote …', 'is_won = true'],
    close: ['is_won = true'],
    ignored: ['is_deleted = true', '_fivetran_deleted = true', '_fivetran_active = false'],
  },
  stages: ['proposal', 'close'],
  map: salesforceOpportunityMapping,
};
