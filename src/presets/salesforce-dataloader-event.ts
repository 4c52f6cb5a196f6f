import { dated, HELD, matches, oneOf, SECOND_MEETING } from './rules.js';
import type { Preset, PresetRule } from './types.js';

export const salesforceDataloaderEvent: Preset = {
  name: 'salesforce-dataloader-event',
  title: 'Salesforce Event export with API names (Data Loader, Workbench, sf data export)',
  origin: 'Data Loader → Export → Event; API names as headers, often upper-case',
  fileNames: [/event/i, /^extract/i],
  columns: {
    id: { aliases: ['Id'], doc: 'the 18-character record id; counts an event once' },
    rep: {
      aliases: ['Owner.Name', 'OwnerName', 'OwnerId'],
      isRequired: true,
      doc: 'Owner.Name when exported, else the OwnerId (map ids to names with reps.<name>.aliases)',
    },
    start: { aliases: ['StartDateTime', 'ActivityDateTime', 'ActivityDate'], isRequired: true, doc: 'when the meeting takes place' },
    created: { aliases: ['CreatedDate'], doc: 'when the event was created (booked)' },
    end: { aliases: ['EndDateTime'], doc: 'tells an Event export apart' },
    duration: { aliases: ['DurationInMinutes'], doc: 'tells an Event export apart' },
    subtype: { aliases: ['EventSubtype'], doc: 'tells an Event export apart' },
    showAs: { aliases: ['ShowAs'], doc: 'tells an Event export apart' },
    outcome: {
      aliases: ['Meeting_Outcome__c', 'Outcome__c', 'Meeting_Status__c', 'Event_Status__c', 'Held__c'],
      doc: 'a custom "held" field; Salesforce has no standard one',
    },
    subject: { aliases: ['Subject'], doc: 'marks second meetings' },
    type: { aliases: ['Type'], doc: 'org picklist; marks second meetings (Follow-up)' },
  },
  anyOf: ['end', 'duration', 'subtype', 'showAs'],
  values: { kept: [...HELD, 'true'] },
  stages: ['appointment_set', 'appointment_kept', 'second_meeting'],
  map(c) {
    const rules: PresetRule[] = dated('appointment_set', {}, [c.created, c.start]);
    if (c.outcome) {
      // A checkbox (Held__c) exports as true; a picklist as Completed/Held.
      const held = { [c.outcome]: oneOf([...HELD, 'true']) };
      rules.push({ stage: 'appointment_kept', when: held, date: c.start });
      for (const col of [c.type, c.subject]) {
        if (col) rules.push({ stage: 'second_meeting', when: { ...held, [col]: matches(SECOND_MEETING) }, date: c.start });
      }
    }
    return { shape: 'events', columns: { rep: c.rep!, date: c.start, id: c.id }, rules };
  },
};
