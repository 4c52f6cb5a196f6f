import { BOOKED, INBOUND, matches, noneOf, when } from './rules.js';
import type { Preset, PresetRule } from './types.js';

export const closeCalls: Preset = {
  name: 'close-calls',
  title: 'Close call activities (Activity API, flattened to CSV or NDJSON)',
  origin: 'GET /activity/call/ (or an integration) written as CSV/JSON; API field names as headers',
  fileNames: [/\bclose\b.*calls?/i, /calls?.*\bclose\b/i],
  columns: {
    id: { aliases: ['id'], doc: 'the activity id (acti_…); counts a call once' },
    rep: { aliases: ['user_name', 'user.name'], isRequired: true, doc: 'the rep who made the call' },
    date: { aliases: ['activity_at', 'date_created'], isRequired: true, doc: 'when the call was made' },
    disposition: {
      aliases: ['disposition'],
      isRequired: true,
      doc: 'answered, no-answer, vm-answer, vm-left, busy, blocked, error, abandoned',
    },
    direction: { aliases: ['direction'], doc: 'outbound or inbound' },
    outcome: { aliases: ['outcome', 'outcome_name', 'outcome_label'], doc: 'org-defined outcome label, e.g. "Demo Booked"' },
  },
  values: { conversation: ['answered'], appointmentSet: ['… Meeting/Demo Booked …', '… Scheduled …', '… Set …'], notDial: ['inbound'] },
  stages: ['dial', 'conversation', 'appointment_set'],
  map(c) {
    const outbound = when([c.direction, noneOf(INBOUND)]);
    const rules: PresetRule[] = [
      { stage: 'dial', when: outbound },
      { stage: 'conversation', when: { ...outbound, [c.disposition!]: 'answered' } },
    ];
    // Close exports no meeting records here, so a call outcome that booked one is the
    // appointment (inbound calls too: the meeting was set either way).
    if (c.outcome) rules.push({ stage: 'appointment_set', when: { [c.outcome]: matches(BOOKED) } });
    return { shape: 'events', columns: { rep: c.rep!, date: c.date, id: c.id }, rules };
  },
};
