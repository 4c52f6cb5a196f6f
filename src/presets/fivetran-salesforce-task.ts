import { FIVETRAN_SALESFORCE_COLUMNS, salesforceTaskMapping } from './warehouse.js';
import type { Preset } from './types.js';

export const fivetranSalesforceTask: Preset = {
  name: 'fivetran-salesforce-task',
  title: 'Fivetran Salesforce TASK table',
  origin: 'the task table Fivetran\'s Salesforce connector writes, exported as CSV or bound with funnel sql --source',
  fileNames: [/task/i],
  columns: {
    id: { aliases: ['id'], doc: 'the 18-character record id; a task written twice (or in several versions) counts once' },
    rep: {
      aliases: ['owner_name', 'owner_id'],
      isRequired: true,
      doc: 'the owner\'s User id: map it to a name with the user table as the owners file',
    },
    date: { aliases: ['activity_date', 'completed_date_time', 'created_date'], isRequired: true, doc: 'the task\'s date' },
    subtype: { aliases: ['task_subtype'], doc: 'Call, Email, ListEmail, Cadence, LinkedIn, Task' },
    type: { aliases: ['type'], doc: 'org picklist: Call, Email, Meeting, Other' },
    callType: { aliases: ['call_type'], doc: 'Outbound, Inbound or Internal' },
    disposition: { aliases: ['call_disposition'], doc: 'free text, usually standardised by a dialer' },
    duration: { aliases: ['call_duration_in_seconds'], doc: 'seconds (not used by the rules)' },
    ...FIVETRAN_SALESFORCE_COLUMNS,
  },
  anyOf: ['fivetranDeleted', 'fivetranSynced', 'fivetranActive'],
  values: {
    conversation: ['Connected …', 'Answered …', 'Spoke …', 'Meeting Set/Booked/Scheduled'],
    notDial: ['Inbound', 'Internal'],
    ignored: ['is_deleted = true', '_fivetran_deleted = true', '_fivetran_active = false'],
  },
  stages: ['dial', 'conversation'],
  map: salesforceTaskMapping,
};
