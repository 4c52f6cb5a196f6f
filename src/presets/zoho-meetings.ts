import type { ConditionInput } from '../config/conditions.js';
import { dated, FILLED, HELD, matches, oneOf, SECOND_MEETING } from './rules.js';
import type { Preset, PresetRule } from './types.js';

export const zohoMeetings: Preset = {
  name: 'zoho-meetings',
  title: 'Zoho CRM meetings export',
  origin: 'Setup → Data Administration → Export → Meetings (module Events), or the Meetings list view → Export',
  fileNames: [/zoho/i, /meetings?\b/i, /events?\b/i],
  columns: {
    id: { aliases: ['Id', 'Record Id', 'Event Id'], doc: 'counts a meeting once' },
    rep: { aliases: ['Host', 'Meeting Host', 'Meeting Owner Name', 'Meeting Owner', 'Host.name'], isRequired: true, doc: 'the rep who hosts the meeting' },
    start: { aliases: ['From', 'Start DateTime', 'Start Date Time'], isRequired: true, doc: 'when the meeting starts' },
    created: { aliases: ['Created Time'], doc: 'when the meeting was created (booked)' },
    end: { aliases: ['To', 'End DateTime', 'End Date Time'], doc: 'tells a meetings export apart' },
    checkIn: { aliases: ['Check-In Time', 'Check In Time'], doc: 'set when the host checked in: the meeting happened' },
    outcome: { aliases: ['Meeting Status', 'Meeting Outcome', 'Outcome'], doc: 'a custom "held" field, when the org has one' },
    title: { aliases: ['Title', 'Meeting Title', 'Event Title'], doc: 'marks second meetings' },
  },
  anyOf: ['end', 'checkIn', 'title'],
  values: { kept: ['Check-In Time filled in', ...HELD] },
  stages: ['appointment_set', 'appointment_kept', 'second_meeting'],
  map(c) {
    const rules: PresetRule[] = dated('appointment_set', {}, [c.created, c.start]);
    const helds: Record<string, ConditionInput>[] = [];
    if (c.checkIn) helds.push({ [c.checkIn]: FILLED });
    if (c.outcome) helds.push({ [c.outcome]: oneOf(HELD) });
    for (const held of helds) rules.push({ stage: 'appointment_kept', when: held, date: c.start });
    if (c.title) {
      for (const held of helds) rules.push({ stage: 'second_meeting', when: { ...held, [c.title]: matches(SECOND_MEETING) }, date: c.start });
    }
    return { shape: 'events', columns: { rep: c.rep!, date: c.start, id: c.id }, rules };
  },
};
