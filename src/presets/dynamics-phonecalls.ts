import { dated, matches, noneOf, oneOf, when } from './rules.js';
import type { Preset, PresetRule } from './types.js';

export const dynamicsPhonecalls: Preset = {
  name: 'dynamics-phonecalls',
  title: 'Dynamics 365 Sales phone calls (Export to Excel of a Phone Calls view)',
  origin: 'Phone Calls view → Export to Excel (XLSX; hidden "(Do Not Modify)" columns first), or that sheet saved as CSV',
  fileNames: [/phone ?calls?/i],
  columns: {
    rep: { aliases: ['Owner', 'Call From'], isRequired: true, doc: 'the rep who owns the call' },
    direction: { aliases: ['Direction'], isRequired: true, doc: 'Outgoing or Incoming' },
    date: { aliases: ['Actual End', 'Due', 'Date Created', 'Created On'], isRequired: true, doc: 'when the call was made (Actual End, else Due)' },
    due: { aliases: ['Due'], doc: 'when the call was planned; dates calls without an Actual End' },
    statusReason: { aliases: ['Status Reason'], doc: 'Open, Made, Received, Canceled' },
    activityStatus: { aliases: ['Activity Status'], doc: 'Open, Completed, Canceled' },
    voicemail: { aliases: ['Left Voice Mail'], doc: 'Yes or No' },
    duration: { aliases: ['Duration', 'Actual Duration'], doc: 'minutes' },
    callTo: { aliases: ['Call To', 'Phone Number'], doc: 'tells a phone calls view apart' },
  },
  anyOf: ['callTo', 'voicemail', 'statusReason'],
  values: { dial: ['Direction ≠ Incoming', 'Status Reason = Made (else Activity Status = Completed)'], conversation: ['Left Voice Mail = No and Duration ≥ 1 minute'] },
  stages: ['dial', 'conversation'],
  map(c) {
    // A call still Open or Canceled was not made.
    const made = c.statusReason
      ? { [c.statusReason]: oneOf(['Made', 'Completed']) }
      : when([c.activityStatus, oneOf(['Completed'])]);
    const dial = { [c.direction!]: noneOf(['Incoming', 'Inbound']), ...made };
    const date = c.date === c.due ? [c.date] : [c.date, c.due];
    const rules: PresetRule[] = dated('dial', dial, date);
    // Dynamics records no call outcome: a call of a minute or more without a voicemail is the
    // nearest sign of a conversation.
    if (c.voicemail && c.duration) {
      const spoke = { ...dial, [c.voicemail]: oneOf(['No', 'false', '0']), [c.duration]: matches('^0*[1-9]') };
      rules.push(...dated('conversation', spoke, date));
    }
    return { shape: 'events', columns: { rep: c.rep!, date: c.date }, rules };
  },
};
