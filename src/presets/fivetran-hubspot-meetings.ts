import { HELD } from './rules.js';
import { FIVETRAN_COLUMNS, hubspotMeetingMapping } from './warehouse.js';
import type { Preset } from './types.js';

export const fivetranHubspotMeetings: Preset = {
  name: 'fivetran-hubspot-meetings',
  title: 'Fivetran HubSpot ENGAGEMENT_MEETING table',
  origin: 'the engagement_meeting table Fivetran\'s HubSpot connector writes, exported as CSV or bound with funnel sql --source',
  fileNames: [/engagement_?meeting/i],
  columns: {
    id: { aliases: ['engagement_id'], doc: 'the engagement id; a meeting the loader wrote twice counts once (the first row)' },
    rep: {
      aliases: ['property_hubspot_owner_id', 'owner_id'],
      isRequired: true,
      doc: 'the owner id (a number): map it to a name with owners.csv or reps.<name>.aliases',
    },
    start: {
      aliases: ['property_hs_meeting_start_time', 'start_time', 'property_hs_timestamp', 'timestamp'],
      isRequired: true,
      doc: 'when the meeting takes place',
    },
    created: { aliases: ['property_hs_createdate', 'created_at'], doc: 'when the meeting was booked' },
    outcome: { aliases: ['property_hs_meeting_outcome', 'meeting_outcome'], doc: 'SCHEDULED, COMPLETED, RESCHEDULED, NO_SHOW, CANCELED' },
    type: { aliases: ['property_hs_activity_type'], doc: 'portal-defined: Discovery, Demo, Follow-up, …' },
    title: { aliases: ['property_hs_meeting_title', 'title'], doc: 'the meeting\'s name' },
    ...FIVETRAN_COLUMNS,
  },
  anyOf: ['outcome', 'title'],
  values: { kept: HELD, secondMeeting: ['2nd', 'second', 'follow-up', 'follow up'], ignored: ['_fivetran_deleted = true'] },
  stages: ['appointment_set', 'appointment_kept', 'second_meeting'],
  map: hubspotMeetingMapping,
};
