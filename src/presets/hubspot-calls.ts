import { BOOKED, INBOUND, matches, noneOf, when } from './rules.js';
import type { Preset, PresetRule } from './types.js';

// HubSpot default call outcomes, by label (UI exports) and by GUID (API exports, the same in
// every portal). Portals add their own ("Connected – Qualified", "Meeting Booked", …).
const CONNECTED_GUID = 'f240bbac-87c9-4f6e-bf70-924b57d47db7';

/** Outcomes that mean the rep spoke with someone: Connected and its custom variants, Meeting Booked. */
const CONVERSATION = `^(?:connected\\b.*|${CONNECTED_GUID})$|${BOOKED}`;

export const hubspotCalls: Preset = {
  name: 'hubspot-calls',
  title: 'HubSpot calls export',
  origin: 'CRM → Activities → Calls → Export view (CSV or XLSX); labels as headers',
  fileNames: [/hubspot.*calls?\b/i, /hubspot-crm-exports-.*call/i],
  columns: {
    id: { aliases: ['Record ID', 'hs_object_id', 'Call ID'], doc: 'counts a call once when exports overlap' },
    rep: {
      aliases: ['Activity assigned to', 'Assigned to', 'Call owner', 'HubSpot owner', 'hubspot_owner_id'],
      isRequired: true,
      doc: 'the rep who made the call',
    },
    date: { aliases: ['Activity date', 'hs_timestamp', 'Call date'], isRequired: true, doc: 'when the call was made' },
    outcome: { aliases: ['Call outcome', 'hs_call_disposition', 'Call disposition'], doc: 'Connected, No answer, Left voicemail, …' },
    direction: { aliases: ['Call direction', 'hs_call_direction'], doc: 'Outbound or Inbound' },
    status: { aliases: ['Call status', 'hs_call_status'], doc: 'tells a calls export apart (not used by the rules)' },
    title: { aliases: ['Call Title', 'hs_call_title'], doc: 'tells a calls export apart (not used by the rules)' },
  },
  anyOf: ['outcome', 'direction', 'status', 'title'],
  values: {
    conversation: ['Connected', 'Connected – <anything>', 'Meeting Booked', CONNECTED_GUID],
    notDial: ['Inbound'],
  },
  stages: ['dial', 'conversation'],
  map(c) {
    // A blank direction counts as outbound: calls logged by hand often have none.
    const outbound = when([c.direction, noneOf(INBOUND)]);
    const rules: PresetRule[] = [{ stage: 'dial', when: outbound }];
    if (c.outcome) rules.push({ stage: 'conversation', when: { ...outbound, [c.outcome]: matches(CONVERSATION) } });
    return { shape: 'events', columns: { rep: c.rep!, date: c.date, id: c.id }, rules };
  },
};
