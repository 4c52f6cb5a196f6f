import { FIVETRAN_COLUMNS, HUBSPOT_CONVERSATION, hubspotCallMapping } from './warehouse.js';
import type { Preset } from './types.js';

export const fivetranHubspotCalls: Preset = {
  name: 'fivetran-hubspot-calls',
  title: 'Fivetran HubSpot ENGAGEMENT_CALL table',
  origin: 'the engagement_call table Fivetran\'s HubSpot connector writes, exported as CSV or bound with funnel sql --source',
  fileNames: [/engagement_?call/i],
  columns: {
    id: { aliases: ['engagement_id'], doc: 'the engagement id; a call the loader wrote twice counts once (the first row)' },
    rep: {
      aliases: ['property_hubspot_owner_id', 'owner_id'],
      isRequired: true,
      doc: 'the owner id (a number): map it to a name with owners.csv or reps.<name>.aliases',
    },
    date: { aliases: ['property_hs_timestamp', 'timestamp'], isRequired: true, doc: 'when the call was made (UTC in the warehouse)' },
    outcome: { aliases: ['property_hs_call_disposition', 'disposition'], doc: 'the outcome as a GUID (Connected is f240bbac-87c9-4f6e-bf70-924b57d47db7)' },
    direction: { aliases: ['property_hs_call_direction', 'direction'], doc: 'OUTBOUND or INBOUND' },
    status: { aliases: ['property_hs_call_status'], doc: 'COMPLETED, NO_ANSWER, … (tells the table apart; not used by the rules)' },
    duration: {
      aliases: ['property_hs_call_duration', 'duration_milliseconds'],
      doc: 'milliseconds, not seconds (tells the table apart; not used by the rules)',
    },
    ...FIVETRAN_COLUMNS,
  },
  anyOf: ['outcome', 'direction', 'status', 'duration'],
  values: { conversation: HUBSPOT_CONVERSATION, notDial: ['INBOUND'], ignored: ['_fivetran_deleted = true'] },
  stages: ['dial', 'conversation'],
  map: hubspotCallMapping,
};
