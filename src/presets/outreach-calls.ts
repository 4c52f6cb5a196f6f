import { BOOKED, FILLED, INBOUND, LIVE, matches, noneOf, oneOf, when } from './rules.js';
import type { Preset, PresetRule } from './types.js';

export const outreachCalls: Preset = {
  name: 'outreach-calls',
  title: 'Outreach call log',
  origin: 'Outreach calls (UI export, API or data-sharing CALLS table) as CSV/NDJSON',
  fileNames: [/outreach/i],
  columns: {
    id: { aliases: ['Call ID', 'id', 'CALL_ID'], doc: 'counts a call once' },
    rep: { aliases: ['User', 'User Name', 'Owner', 'user.name'], isRequired: true, doc: 'the rep who made the call' },
    date: { aliases: ['Dialed At', 'dialedAt', 'Completed At', 'completedAt'], isRequired: true, doc: 'when the call was dialed' },
    direction: { aliases: ['Direction'], doc: 'outbound or inbound' },
    outcome: { aliases: ['Outcome'], doc: 'Answered or Not Answered' },
    answeredAt: { aliases: ['Answered At', 'answeredAt'], doc: 'set when the call was answered' },
    disposition: { aliases: ['Disposition', 'Call Disposition', 'callDisposition.name'], doc: 'org-defined, e.g. Meeting Booked, Left Voicemail' },
  },
  values: { conversation: ['Outcome = Answered', 'else Answered At filled in', 'else Disposition Connected …'], appointmentSet: ['Disposition … Meeting Booked/Scheduled/Set …'], notDial: ['inbound'] },
  stages: ['dial', 'conversation', 'appointment_set'],
  map(c) {
    const outbound = when([c.direction, noneOf(INBOUND)]);
    const rules: PresetRule[] = [{ stage: 'dial', when: outbound }];
    const live = c.outcome
      ? { [c.outcome]: oneOf(['Answered']) }
      : c.answeredAt
        ? { [c.answeredAt]: FILLED }
        : c.disposition
          ? { [c.disposition]: matches(`${LIVE}|${BOOKED}`) }
          : null;
    if (live) rules.push({ stage: 'conversation', when: { ...outbound, ...live } });
    // A call log has no meeting records: a disposition that booked one is the appointment.
    if (c.disposition) rules.push({ stage: 'appointment_set', when: { [c.disposition]: matches(BOOKED) } });
    return { shape: 'events', columns: { rep: c.rep!, date: c.date, id: c.id }, rules };
  },
};
