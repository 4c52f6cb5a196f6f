import { FIVETRAN_COLUMNS, hubspotEngagementMapping } from './warehouse.js';
import type { Preset } from './types.js';

export const fivetranHubspotEngagements: Preset = {
  name: 'fivetran-hubspot-engagements',
  title: 'Fivetran HubSpot ENGAGEMENT table (every activity type)',
  origin: 'the engagement table Fivetran\'s HubSpot connector writes, exported as CSV or bound with funnel sql --source',
  fileNames: [/^engagement\b/i],
  columns: {
    id: { aliases: ['id', 'engagement_id'], doc: 'the engagement id (the same as engagement_call\'s): an activity counts once' },
    rep: {
      aliases: ['owner_id', 'property_hubspot_owner_id'],
      isRequired: true,
      doc: 'the owner id (a number): map it to a name with owners.csv or reps.<name>.aliases',
    },
    date: { aliases: ['timestamp', 'property_hs_timestamp'], isRequired: true, doc: 'when the activity took place' },
    type: { aliases: ['type'], isRequired: true, doc: 'CALL, MEETING, EMAIL, NOTE, TASK, …' },
    created: { aliases: ['created_at', 'property_hs_createdate'], doc: 'when the activity was logged (a meeting: booked)' },
    engagementActive: { aliases: ['active'], doc: 'false for an engagement removed in HubSpot: such rows are ignored' },
    portal: { aliases: ['portal_id'], doc: 'the HubSpot account (tells the table apart; not used by the rules)' },
    ...FIVETRAN_COLUMNS,
  },
  anyOf: ['engagementActive', 'portal'],
  values: { dial: ['CALL'], appointmentSet: ['MEETING'], ignored: ['active = false', '_fivetran_deleted = true'] },
  stages: ['dial', 'appointment_set'],
  map: hubspotEngagementMapping,
};
