import { AIRBYTE_COLUMNS, HUBSPOT_CONVERSATION, hubspotCallMapping } from './warehouse.js';
import type { Preset } from './types.js';

export const airbyteHubspotCalls: Preset = {
  name: 'airbyte-hubspot-calls',
  title: 'Airbyte HubSpot calls stream',
  origin: 'the calls table Airbyte\'s HubSpot source writes (flattened properties_* columns), exported as CSV or bound with funnel sql --source',
  fileNames: [/calls/i],
  columns: {
    id: { aliases: ['id'], doc: 'the call\'s id; a call read by several syncs counts once (the first row)' },
    rep: {
      aliases: ['properties_hubspot_owner_id'],
      isRequired: true,
      doc: 'the owner id (a number): map it to a name with owners.csv or reps.<name>.aliases',
    },
    date: { aliases: ['properties_hs_timestamp'], isRequired: true, doc: 'when the call was made' },
    outcome: { aliases: ['properties_hs_call_disposition'], doc: 'the outcome as a GUID (Connected is f240bbac-87c9-4f6e-bf70-924b57d47db7)' },
    direction: { aliases: ['properties_hs_call_direction'], doc: 'OUTBOUND or INBOUND' },
    status: { aliases: ['properties_hs_call_status'], doc: 'tells the stream apart (not used by the rules)' },
    duration: { aliases: ['properties_hs_call_duration'], doc: 'milliseconds, not seconds (not used by the rules)' },
    ...AIRBYTE_COLUMNS,
  },
  anyOf: ['outcome', 'direction', 'status', 'duration'],
  values: { conversation: HUBSPOT_CONVERSATION, notDial: ['INBOUND'], ignored: ['archived = true'] },
  stages: ['dial', 'conversation'],
  map: hubspotCallMapping,
};
