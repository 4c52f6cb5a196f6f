import type { ConditionInput } from '../config/conditions.js';
import { BOOKED, LIVE, matches, noneOf, when } from './rules.js';
import type { FoundColumns, Preset, PresetRule } from './types.js';

/** What marks a task as a call: TaskSubtype, else the org's Type picklist, else a CallType. */
function callTest(c: FoundColumns): Record<string, ConditionInput> {
  if (c.subtype) return { [c.subtype]: 'Call' };
  if (c.type) return { [c.type]: 'Call' };
  if (c.callType) return { [c.callType]: { empty: false } };
  return { [c.disposition!]: { empty: false } };
}

export const salesforceDataloaderTask: Preset = {
  name: 'salesforce-dataloader-task',
  title: 'Salesforce Task export with API names (Data Loader, Workbench, sf data export)',
  origin: 'Data Loader → Export → Task; API names as headers, often upper-case',
  fileNames: [/task/i, /^extract/i],
  columns: {
    id: { aliases: ['Id'], doc: 'the 18-character record id; counts a task once' },
    rep: {
      aliases: ['Owner.Name', 'OwnerName', 'OwnerId'],
      isRequired: true,
      doc: 'Owner.Name when exported, else the OwnerId (map ids to names with reps.<name>.aliases)',
    },
    date: {
      aliases: ['ActivityDate', 'CompletedDateTime', 'CreatedDate'],
      isRequired: true,
      doc: 'the task\'s date (a date at midnight UTC; taken as written)',
    },
    subtype: { aliases: ['TaskSubtype'], doc: 'Call, Email, ListEmail, Cadence, LinkedIn, Task' },
    type: { aliases: ['Type'], doc: 'org picklist: Call, Email, Meeting, Other' },
    callType: { aliases: ['CallType'], doc: 'Outbound, Inbound or Internal' },
    disposition: { aliases: ['CallDisposition'], doc: 'free text, usually standardised by a dialer' },
    duration: { aliases: ['CallDurationInSeconds'], doc: 'tells a Task export apart (not used by the rules)' },
  },
  anyOf: ['subtype', 'callType', 'disposition', 'duration'],
  values: { conversation: ['Connected …', 'Answered …', 'Spoke …', 'Meeting Set/Booked/Scheduled'], notDial: ['Inbound', 'Internal'] },
  stages: ['dial', 'conversation'],
  map(c) {
    const dial = { ...callTest(c), ...when([c.callType, noneOf(['Inbound', 'Internal'])]) };
    const rules: PresetRule[] = [{ stage: 'dial', when: dial }];
    if (c.disposition) rules.push({ stage: 'conversation', when: { ...dial, [c.disposition]: matches(`${LIVE}|${BOOKED}`) } });
    return { shape: 'events', columns: { rep: c.rep!, date: c.date, id: c.id }, rules };
  },
};
