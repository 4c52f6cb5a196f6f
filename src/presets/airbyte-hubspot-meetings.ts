import { HELD } from './rules.js';
import { AIRBYTE_COLUMNS, hubspotMeetingMapping } from './warehouse.js';
import type { Preset } from './types.js';

export const airbyteHubspotMeetings: Preset = {
  name: 'airbyte-hubspot-meetings',
  title: 'Airbyte HubSpot meetings stream',
  origin: 'the meetings table Airbyte\'s HubSpot source writes (flattened properties_* columns), exported as CSV or bound with funnel sql --source',
  fileNames: [/meetings/i],
  columns: {
    id: { aliases: ['id'], doc: 'the meeting\'s id; a meeting read by several syncs counts once (the first row)' },
    rep: {
      aliases: ['properties_hubspot_owner_id'],
      isRequired: true,
      doc: 'the owner id (a number): map it to a name with owners.csv or reps.<name>.aliases',
    },
    start: { aliases: ['properties_hs_meeting_start_time', 'properties_hs_timestamp'], isRequired: true, doc: 'when the meeting takes place' },
    created: { aliases: ['properties_hs_createdate', 'createdAt'], doc: 'when the meeting was booked' },
    outcome: { aliases: ['properties_hs_meeting_outcome'], doc: 'SCHEDULED, COMPLETED, RESCHEDULED, NO_SHOW, CANCELED' },
    type: { aliases: ['properties_hs_activity_type'], doc: 'portal-defined: Discovery, Demo, Follow-up, …' },
    title: { aliases: ['properties_hs_meeting_title'], doc: 'the meeting\'s name' },
    ...AIRBYTE_COLUMNS,
  },
  anyOf: ['outcome', 'title'],
  values: { kept: HELD, secondMeeting: ['2nd', 'second', 'follow-up', 'follow up'], ignored: ['archived = true'] },
  stages: ['appointment_set', 'appointment_kept', 'second_meeting'],
  map: hubspotMeetingMapping,
};
