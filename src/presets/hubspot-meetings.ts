import { dated, HELD, matches, oneOf, SECOND_MEETING, when } from './rules.js';
import type { Preset, PresetRule } from './types.js';

export const hubspotMeetings: Preset = {
  name: 'hubspot-meetings',
  title: 'HubSpot meetings export',
  origin: 'CRM → Activities → Meetings → Export view (CSV or XLSX); labels as headers',
  fileNames: [/hubspot.*meetings?\b/i, /hubspot-crm-exports-.*meeting/i],
  columns: {
    id: { aliases: ['Record ID', 'hs_object_id', 'Meeting ID'], doc: 'counts a meeting once when exports overlap' },
    rep: {
      aliases: ['Activity assigned to', 'Assigned to', 'Meeting owner', 'HubSpot owner', 'hubspot_owner_id'],
      isRequired: true,
      doc: 'the rep who holds the meeting (not "Created by", who may have booked it for them)',
    },
    start: {
      aliases: ['Meeting start time', 'hs_meeting_start_time', 'Activity date', 'hs_timestamp'],
      isRequired: true,
      doc: 'when the meeting takes place',
    },
    created: { aliases: ['Create date', 'Created date', 'hs_createdate'], doc: 'when the meeting was booked' },
    outcome: { aliases: ['Meeting outcome', 'hs_meeting_outcome'], doc: 'Scheduled, Completed, Rescheduled, No show, Canceled' },
    type: { aliases: ['Call and meeting type', 'hs_activity_type', 'Meeting type'], doc: 'portal-defined: Discovery, Demo, Follow-up, …' },
    title: { aliases: ['Meeting name', 'hs_meeting_title', 'Meeting title'], doc: 'the meeting\'s name' },
  },
  anyOf: ['outcome', 'title'],
  values: { kept: HELD, secondMeeting: ['2nd', 'second', 'follow-up', 'follow up'] },
  stages: ['appointment_set', 'appointment_kept', 'second_meeting'],
  map(c) {
    const rules: PresetRule[] = dated('appointment_set', {}, [c.created, c.start]);
    if (c.outcome) {
      const held = when([c.outcome, oneOf(HELD)]);
      rules.push({ stage: 'appointment_kept', when: held, date: c.start });
      if (c.type) rules.push({ stage: 'second_meeting', when: { ...held, [c.type]: matches(SECOND_MEETING) }, date: c.start });
      if (c.title) rules.push({ stage: 'second_meeting', when: { ...held, [c.title]: matches(`^${SECOND_MEETING}`) }, date: c.start });
    }
    return { shape: 'events', columns: { rep: c.rep!, date: c.start, id: c.id }, rules };
  },
};
