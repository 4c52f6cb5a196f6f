import { FIVETRAN_SALESFORCE_COLUMNS, salesforceOpportunityHistoryMapping } from './warehouse.js';
import type { Preset } from './types.js';

export const fivetranSalesforceOpportunityHistory: Preset = {
  name: 'fivetran-salesforce-opportunity-history',
  title: 'Fivetran Salesforce OPPORTUNITY_HISTORY table joined with the opportunity\'s owner',
  origin: 'the opportunity_history table Fivetran\'s Salesforce connector writes, with owner_id joined from opportunity (docs/warehouse.md)',
  fileNames: [/opportunity_?history/i],
  columns: {
    id: { aliases: ['opportunity_id'], isRequired: true, doc: 'the opportunity: each stage counts once per opportunity' },
    rep: {
      aliases: ['owner_name', 'owner_id'],
      isRequired: true,
      doc: 'the opportunity\'s owner, joined from the opportunity table (the history has only who made the change)',
    },
    stage: { aliases: ['stage_name'], isRequired: true, doc: 'the stage the opportunity was in after the change' },
    changed: { aliases: ['created_date'], isRequired: true, doc: 'when the change was made' },
    closeDate: { aliases: ['close_date'], doc: 'the close date after the change (not used by the rules)' },
    historyId: { aliases: ['id'], doc: 'the history row\'s own id (not used by the rules)' },
    ...FIVETRAN_SALESFORCE_COLUMNS,
  },
  values: {
    proposal: ['Proposal/Price Quote', 'Negotiation/Review', '… Quote …', 'Closed Won'],
    close: ['Closed Won'],
    ignored: ['is_deleted = true', '_fivetran_deleted = true', '_fivetran_active = false'],
  },
  stages: ['proposal', 'close'],
  map: salesforceOpportunityHistoryMapping,
};
