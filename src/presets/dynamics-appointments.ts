import { dated, matches, oneOf, SECOND_MEETING, when } from './rules.js';
import type { Preset, PresetRule } from './types.js';

export const dynamicsAppointments: Preset = {
  name: 'dynamics-appointments',
  title: 'Dynamics 365 Sales appointments (Export to Excel of an Appointments view)',
  origin: 'Appointments view → Export to Excel (XLSX; hidden "(Do Not Modify)" columns first), or that sheet saved as CSV',
  fileNames: [/appointments?/i],
  columns: {
    rep: { aliases: ['Owner', 'Organizer'], isRequired: true, doc: 'the rep who owns the appointment' },
    start: { aliases: ['Start Time', 'Scheduled Start', 'Start Date'], isRequired: true, doc: 'when the appointment takes place' },
    created: { aliases: ['Created On', 'Date Created'], doc: 'when it was created (booked); add the column to the view to use it' },
    activityStatus: { aliases: ['Activity Status', 'Status'], doc: 'Open, Completed, Canceled, Scheduled' },
    statusReason: { aliases: ['Status Reason'], doc: 'Free, Tentative, Completed, Canceled, Busy, Out of Office' },
    end: { aliases: ['End Time', 'Scheduled End'], doc: 'tells an appointments view apart' },
    attendees: { aliases: ['Required Attendees', 'Optional Attendees'], doc: 'tells an appointments view apart' },
    subject: { aliases: ['Subject'], doc: 'marks second meetings' },
  },
  anyOf: ['end', 'attendees'],
  values: { kept: ['Activity Status = Completed', 'else Status Reason = Completed'] },
  stages: ['appointment_set', 'appointment_kept', 'second_meeting'],
  map(c) {
    const rules: PresetRule[] = dated('appointment_set', {}, [c.created, c.start]);
    const held = when([c.activityStatus ?? c.statusReason, oneOf(['Completed'])]);
    if (Object.keys(held).length > 0) {
      rules.push({ stage: 'appointment_kept', when: held, date: c.start });
      if (c.subject) rules.push({ stage: 'second_meeting', when: { ...held, [c.subject]: matches(SECOND_MEETING) }, date: c.start });
    }
    return { shape: 'events', columns: { rep: c.rep!, date: c.start }, rules };
  },
};
