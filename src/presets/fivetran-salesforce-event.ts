import { HELD } from './rules.js';
import { FIVETRAN_SALESFORCE_COLUMNS, salesforceEventMapping, YES } from './warehouse.js';
import type { Preset } from './types.js';

export const fivetranSalesforceEvent: Preset = {
  name: 'fivetran-salesforce-event',
  title: 'Fivetran Salesforce EVENT table',
  origin: 'the event table Fivetran\'s Salesforce connector writes, exported as CSV or bound with funnel sql --source',
  fileNames: [/event/i],
  columns: {
    id: { aliases: ['id'], doc: 'the 18-character record id; an event written twice (or in several versions) counts once' },
    rep: {
      aliases: ['owner_name', 'owner_id'],
      isRequired: true,
      doc: 'the owner\'s User id: map it to a name with the user table as the owners file',
    },
    start: { aliases: ['start_date_time', 'activity_date_time', 'activity_date'], isRequired: true, doc: 'when the meeting takes place' },
    created: { aliases: ['created_date'], doc: 'when the event was created (booked)' },
    end: { aliases: ['end_date_time'], doc: 'tells an event table apart' },
    subtype: { aliases: ['event_subtype'], doc: 'tells an event table apart' },
    outcome: {
      aliases: ['meeting_outcome_c', 'outcome_c', 'meeting_status_c', 'event_status_c', 'held_c'],
      doc: 'a custom "held" field; Salesforce has no standard one',
    },
    subject: { aliases: ['subject'], doc: 'marks second meetings' },
    type: { aliases: ['type'], doc: 'org picklist; marks second meetings (Follow-up)' },
    ...FIVETRAN_SALESFORCE_COLUMNS,
  },
  anyOf: ['fivetranDeleted', 'fivetranSynced', 'fivetranActive'],
  values: { kept: [...HELD, ...YES], ignored: ['is_deleted = true', '_fivetran_deleted = true', '_fivetran_active = false'] },
  stages: ['appointment_set', 'appointment_kept', 'second_meeting'],
  map: salesforceEventMapping,
};
