import { noneOf, oneOf, when } from './rules.js';
import type { Preset, PresetRule } from './types.js';

/** Default "Call Result" values that mean the rep spoke with someone. */
const CONVERSATION = ['Interested', 'Not interested', 'Requested more info', 'Requested call back'];
/** Calls scheduled in the CRM but not (yet) made. */
const NOT_MADE = ['Scheduled', 'Overdue', 'Cancelled', 'Canceled'];

export const zohoCalls: Preset = {
  name: 'zoho-calls',
  title: 'Zoho CRM calls export',
  origin: 'Setup → Data Administration → Export → Calls, or the Calls list view → Export; labels as headers',
  fileNames: [/zoho/i, /calls?\b/i],
  columns: {
    id: { aliases: ['Id', 'Record Id', 'Call Id'], doc: 'the 19-digit record id; counts a call once' },
    rep: { aliases: ['Call Owner Name', 'Call Owner', 'Call Owner.name'], isRequired: true, doc: 'the rep who made the call' },
    date: { aliases: ['Call Start Time'], isRequired: true, doc: 'when the call was made' },
    callType: { aliases: ['Call Type'], doc: 'Outbound, Inbound, Missed' },
    result: { aliases: ['Call Result'], doc: 'Interested, Not interested, No response/Busy, Requested more info, Requested call back, Invalid number' },
    outgoingStatus: { aliases: ['Outgoing Call Status'], doc: 'Completed, Scheduled, Overdue, Cancelled' },
    status: { aliases: ['Call Status'], doc: 'used when there is no Outgoing Call Status' },
  },
  values: { conversation: CONVERSATION, notDial: ['Inbound', 'Missed'], notMade: NOT_MADE },
  stages: ['dial', 'conversation'],
  map(c) {
    const dial = when([c.callType, noneOf(['Inbound', 'Incoming', 'Missed'])], [c.outgoingStatus ?? c.status, noneOf(NOT_MADE)]);
    const rules: PresetRule[] = [{ stage: 'dial', when: dial }];
    if (c.result) rules.push({ stage: 'conversation', when: { ...dial, [c.result]: oneOf(CONVERSATION) } });
    return { shape: 'events', columns: { rep: c.rep!, date: c.date, id: c.id }, rules };
  },
};
