import type { Preset } from './types.js';

/** Count columns of the hand-kept sheet, by stage, with the synonyms managers use. */
const COUNTS: Record<string, { aliases: string[]; doc: string }> = {
  dial: { aliases: ['Dials', 'Calls', 'Call Attempts', 'Attempts', '1st Calls', 'Calls Made', 'Dials Made'], doc: 'dials made' },
  conversation: { aliases: ['Conversations', 'Convos', 'Contacts', 'Connects', 'Connections', 'Conversations Held'], doc: 'live conversations' },
  appointment_set: {
    aliases: ['Appointments Set', 'Appts Set', 'Appt Set', 'Meetings Booked', 'Meetings Set', 'Booked', 'Set'],
    doc: 'appointments booked',
  },
  appointment_kept: {
    aliases: ['Appointments Kept', 'Appts Kept', 'Appointments Held', 'Meetings Held', 'Held', 'Sat', 'Shows', 'Tot Appts', 'Interview'],
    doc: 'appointments that took place',
  },
  second_meeting: {
    aliases: ['2nd Appointments', '2nd Appts', '2nd Meetings', 'Second Meetings', 'Second Appointments', 'Follow-ups'],
    doc: 'second meetings held',
  },
  proposal: { aliases: ['Proposals', 'Proposals Sent', 'Prop', 'Props', 'Quotes', 'Presentations'], doc: 'proposals sent' },
  close: { aliases: ['Closes', 'Closed', 'Deals Won', 'Won', 'Sales', 'Deals'], doc: 'deals won' },
};

export const weeklyTally: Preset = {
  name: 'weekly-tally',
  title: 'Hand-kept weekly activity sheet (one row per rep per week)',
  origin: 'a spreadsheet a manager keeps: a week column, a rep column and one count column per stage',
  fileNames: [/tally|weekly|kpi|activity[- ]?report|scorecard/i],
  columns: {
    rep: { aliases: ['Rep', 'Sales Rep', 'Rep Name', 'Salesperson', 'Sales Person', 'Agent', 'Name'], isRequired: true, doc: 'the rep the row is for' },
    week: {
      aliases: ['Week Starting', 'Week Start', 'Week Beginning', 'Week Of', 'Week', 'Week Ending', 'W/E', 'Date', 'Day'],
      isRequired: true,
      doc: 'the week (or day) of the row, as a date',
    },
    ...Object.fromEntries(Object.entries(COUNTS).map(([stage, c]) => [stage, { aliases: c.aliases, doc: c.doc }])),
  },
  anyOf: Object.keys(COUNTS),
  values: { blank: ['an empty cell is "not recorded" (a week off), 0 is a real zero; a row of blanks and zeros is ignored'] },
  stages: Object.keys(COUNTS),
  map(c) {
    const counts: Record<string, string> = {};
    for (const stage of Object.keys(COUNTS)) if (c[stage]) counts[stage] = c[stage];
    return { shape: 'tallies', columns: { rep: c.rep!, date: c.week }, counts };
  },
};
