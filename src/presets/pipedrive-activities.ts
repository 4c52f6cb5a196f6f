import { dated, matches, oneOf, SECOND_MEETING, when } from './rules.js';
import type { Preset, PresetRule } from './types.js';

/** Default activity types that are meetings; accounts add their own (add them with `rules`). */
const MEETING_TYPES = ['Meeting', 'Lunch'];

export const pipedriveActivities: Preset = {
  name: 'pipedrive-activities',
  title: 'Pipedrive activities export',
  origin: 'Activities list → Export (CSV or XLSX); headers "Activity - <field>"',
  fileNames: [/pipedrive/i, /activit/i],
  columns: {
    id: { aliases: ['Activity - ID', 'Activity - Pipedrive System ID'], doc: 'counts an activity once' },
    rep: { aliases: ['Activity - Assigned to user', 'Activity - Owner', 'Activity - User'], isRequired: true, doc: 'the rep the activity is assigned to' },
    type: { aliases: ['Activity - Type'], isRequired: true, doc: 'Call, Meeting, Task, Deadline, Email, Lunch (+ custom)' },
    due: { aliases: ['Activity - Due date'], isRequired: true, doc: 'the day the activity is planned for (a meeting\'s start)' },
    done: { aliases: ['Activity - Done', 'Activity - Status'], doc: 'Done or To do' },
    doneTime: { aliases: ['Activity - Marked as done time'], doc: 'when the activity was marked done' },
    added: { aliases: ['Activity - Add time', 'Activity - Creation date'], doc: 'when the activity was created (a meeting booked)' },
    subject: { aliases: ['Activity - Subject'], doc: 'marks second meetings' },
  },
  values: { meeting: MEETING_TYPES, done: ['Done'] },
  stages: ['dial', 'appointment_set', 'appointment_kept', 'second_meeting'],
  map(c) {
    // An activity still "To do" was planned, not made: only done calls are dials.
    const isDone = when([c.done, oneOf(['Done'])]);
    const call = { [c.type!]: 'Call', ...isDone };
    const meeting = { [c.type!]: oneOf(MEETING_TYPES) };
    const held = { ...meeting, ...isDone };
    const rules: PresetRule[] = [
      ...dated('dial', call, [c.doneTime, c.due]),
      ...dated('appointment_set', meeting, [c.added, c.due]),
    ];
    // Without a Done column nothing says a meeting happened.
    if (c.done) {
      rules.push({ stage: 'appointment_kept', when: held, date: c.due });
      if (c.subject) rules.push({ stage: 'second_meeting', when: { ...held, [c.subject]: matches(SECOND_MEETING) }, date: c.due });
    }
    return { shape: 'events', columns: { rep: c.rep!, date: c.due, id: c.id }, rules };
  },
};
