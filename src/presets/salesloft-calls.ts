import { BOOKED, INBOUND, LIVE, matches, noneOf, when } from './rules.js';
import type { Preset, PresetRule } from './types.js';

export const salesloftCalls: Preset = {
  name: 'salesloft-calls',
  title: 'Salesloft calls',
  origin: 'Salesloft calls (GET /v2/activities/calls, or a calls report) as CSV/NDJSON',
  fileNames: [/salesloft/i],
  columns: {
    id: { aliases: ['id', 'Call ID'], doc: 'counts a call once' },
    rep: { aliases: ['user', 'Salesloft User', 'user.name', 'Rep'], isRequired: true, doc: 'the rep who made the call' },
    date: { aliases: ['created_at', 'Created At', 'Call Date'], isRequired: true, doc: 'when the call was logged' },
    disposition: { aliases: ['disposition', 'Call Disposition'], doc: 'Connected, Left Voicemail, No Answer, Bad Number (team-configurable)' },
    sentiment: { aliases: ['sentiment', 'Call Sentiment'], doc: 'Interested, Not Interested, Meeting Scheduled (team-configurable)' },
    direction: { aliases: ['direction'], doc: 'present in call data records: outbound or inbound' },
  },
  anyOf: ['disposition', 'sentiment'],
  values: { conversation: ['Disposition Connected …'], appointmentSet: ['Sentiment or Disposition … Meeting Scheduled/Booked/Set …'], notDial: ['inbound'] },
  stages: ['dial', 'conversation', 'appointment_set'],
  map(c) {
    // A logged call counts as one dial even when the dialer placed several (call data records).
    const outbound = when([c.direction, noneOf(INBOUND)]);
    const rules: PresetRule[] = [{ stage: 'dial', when: outbound }];
    if (c.disposition) rules.push({ stage: 'conversation', when: { ...outbound, [c.disposition]: matches(LIVE) } });
    // A call log has no meeting records: a sentiment (or disposition) that booked one is the appointment.
    for (const col of [c.sentiment, c.disposition]) {
      if (col) rules.push({ stage: 'appointment_set', when: { [col]: matches(BOOKED) } });
    }
    return { shape: 'events', columns: { rep: c.rep!, date: c.date, id: c.id }, rules };
  },
};
