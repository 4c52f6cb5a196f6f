import type { ConditionInput } from '../config/conditions.js';
import { dated, FILLED, HELD, INBOUND, noneOf, oneOf, matches, when } from './rules.js';
import type { FoundColumns, PresetColumn, PresetMapping, PresetRule } from './types.js';

// What the presets for loader-written tables (Fivetran, Airbyte) share. Their rules must compile
// to every SQL dialect `funnel sql` writes, so their patterns use no `\b` (Snowflake's POSIX
// regular expressions have none): a word boundary is spelled as a class of non-word characters.
// Rows the loader keeps but the CRM deleted are guarded out of every rule, so they are ignored.

/** Not a word character, as JavaScript's `\w` is (ASCII letters, digits, underscore). */
const NON_WORD = '[^A-Za-z0-9_]';

/** `alternatives` starting at a word boundary (what `\b(?:…)` says), in a form every dialect reads. */
export function wordStart(alternatives: string): string {
  return `(?:^|${NON_WORD})(?:${alternatives})`;
}

/** `alternatives` as whole words (what `\b(?:…)\b` says). */
export function wholeWord(alternatives: string): string {
  return `${wordStart(alternatives)}(?:${NON_WORD}|$)`;
}

/** HubSpot's default call outcomes: the same GUIDs in every portal (custom outcomes get their own). */
export const HUBSPOT_DISPOSITIONS: Readonly<Record<string, string>> = {
  'f240bbac-87c9-4f6e-bf70-924b57d47db7': 'Connected',
  '73a0d17f-1163-4015-bdd5-ec830791da20': 'No answer',
  'b2cf5968-551e-4856-9783-52b3da59a7d0': 'Left voicemail',
  '9d9162e7-6cf3-4944-bf63-4dff82258764': 'Busy',
  'a4c4c377-d246-4b32-a13b-75a56a4cd0ff': 'Left live message',
  '17b47fee-58de-441e-a44c-c6300d46f273': 'Wrong number',
};
export const HUBSPOT_CONNECTED = 'f240bbac-87c9-4f6e-bf70-924b57d47db7';

/** A live conversation: the Connected GUID, or its label where a view joined the labels in. */
export const HUBSPOT_CONVERSATION = [HUBSPOT_CONNECTED, 'Connected'];

/** Internal ids of HubSpot's default pipeline stages from the contract on, and labels a view may carry. */
const HUBSPOT_PROPOSAL = wordStart('contract ?sent|proposal|quote|negotiat');
const HUBSPOT_WON_STAGES = ['closedwon', 'Closed Won'];

/** Free-text call results that mean a live conversation or a booked meeting (as `LIVE` and `BOOKED` in rules.ts). */
export const LIVE_OR_BOOKED = `^(?:connected|answered|spoke|conversation|contact made)(?:${NON_WORD}|$)|${wholeWord('(?:meeting|demo|appointment) (?:booked|scheduled|set)')}`;

/** A meeting whose type or title marks it as a second or follow-up one (as `SECOND_MEETING`). */
export const SECOND = wholeWord('2nd|second|follow[- ]?up');

/** Flag values that mean yes, as a loader writes a boolean (`true`, `TRUE`, `t`, `1`). */
export const YES = ['true', 't', '1', 'yes'];
const NO = ['false', 'f', '0', 'no'];

/** The loader's bookkeeping columns, for detection and the guards. */
export const FIVETRAN_COLUMNS: Record<string, PresetColumn> = {
  fivetranDeleted: { aliases: ['_fivetran_deleted'], doc: 'true for a row deleted in the CRM: such rows are ignored' },
  fivetranSynced: { aliases: ['_fivetran_synced'], doc: 'when the loader wrote the row (tells a Fivetran table apart; not used by the rules)' },
};

/** Airbyte's bookkeeping columns and HubSpot's archive flag. */
export const AIRBYTE_COLUMNS: Record<string, PresetColumn> = {
  archived: { aliases: ['archived'], doc: 'true for a record archived (deleted) in HubSpot: such rows are ignored' },
  extractedAt: { aliases: ['_airbyte_extracted_at', '_airbyte_emitted_at'], doc: 'when Airbyte read the record (not used by the rules)' },
};

/** Salesforce tables carry the CRM's own flag and, in history mode, one row per version. */
export const FIVETRAN_SALESFORCE_COLUMNS: Record<string, PresetColumn> = {
  ...FIVETRAN_COLUMNS,
  isDeleted: { aliases: ['is_deleted'], doc: 'true for a record in the recycle bin: such rows are ignored' },
  fivetranActive: { aliases: ['_fivetran_active'], doc: 'history mode: false for an old version of a record, which is ignored' },
};

/**
 * Conditions that leave out rows the CRM deleted (`_fivetran_deleted`, `is_deleted`, Airbyte's
 * `archived`, HubSpot's older `active = false` on engagements) and, in history mode, old versions
 * (`_fivetran_active = false`). A blank flag is no
 * flag. Absent columns add nothing.
 */
export function live(c: FoundColumns): Record<string, ConditionInput> {
  return when(
    [c.fivetranDeleted, noneOf(YES)],
    [c.isDeleted, noneOf(YES)],
    [c.archived, noneOf(YES)],
    [c.fivetranActive, noneOf(NO)],
    [c.engagementActive, noneOf(NO)],
  );
}

/** Adds the guard to every rule: a deleted row matches none and is ignored. */
function guarded(rules: PresetRule[], c: FoundColumns): PresetRule[] {
  const guard = live(c);
  return rules.map((r) => ({ ...r, when: { ...guard, ...r.when } }));
}

/**
 * HubSpot engagements of every type (Fivetran ENGAGEMENT): a call is a dial, a meeting is set (by
 * its creation, else its time). The table has no direction or outcome: inbound calls count too,
 * and conversations need the calls table.
 */
export function hubspotEngagementMapping(c: FoundColumns): PresetMapping {
  const rules: PresetRule[] = [
    { stage: 'dial', when: { [c.type!]: 'CALL' } },
    ...dated('appointment_set', { [c.type!]: 'MEETING' }, [c.created, c.date]),
  ];
  return { shape: 'events', columns: { rep: c.rep!, date: c.date, id: c.id }, rules: guarded(rules, c) };
}

/** HubSpot calls (Fivetran ENGAGEMENT_CALL, Airbyte `calls`): outbound calls are dials, Connected ones conversations. */
export function hubspotCallMapping(c: FoundColumns): PresetMapping {
  // A blank direction counts as outbound: calls logged by hand often have none.
  const dial = when([c.direction, noneOf(INBOUND)]);
  const rules: PresetRule[] = [{ stage: 'dial', when: dial }];
  if (c.outcome) rules.push({ stage: 'conversation', when: { ...dial, [c.outcome]: oneOf(HUBSPOT_CONVERSATION) } });
  return { shape: 'events', columns: { rep: c.rep!, date: c.date, id: c.id }, rules: guarded(rules, c) };
}

/** HubSpot meetings: every one is set (by its creation, else its start), Completed ones kept. */
export function hubspotMeetingMapping(c: FoundColumns): PresetMapping {
  const rules: PresetRule[] = dated('appointment_set', {}, [c.created, c.start]);
  if (c.outcome) {
    const held = { [c.outcome]: oneOf(HELD) };
    rules.push({ stage: 'appointment_kept', when: held, date: c.start });
    for (const col of [c.type, c.title]) {
      if (col) rules.push({ stage: 'second_meeting', when: { ...held, [col]: matches(SECOND) }, date: c.start });
    }
  }
  return { shape: 'events', columns: { rep: c.rep!, date: c.start, id: c.id }, rules: guarded(rules, c) };
}

/**
 * HubSpot deals (current state): a proposal is a deal in the contract stage (or a renamed
 * proposal/quote/negotiation stage) or won, dated by its creation; a close is a won deal, dated by
 * its close date. The won flag is trusted over the stage, whose ids a custom pipeline renumbers.
 */
export function hubspotDealMapping(c: FoundColumns): PresetMapping {
  const won = c.won ? { [c.won]: oneOf(YES) } : { [c.stage!]: oneOf(HUBSPOT_WON_STAGES) };
  const proposalDate = c.created ?? c.closeDate;
  const rules: PresetRule[] = [
    { stage: 'proposal', when: { [c.stage!]: matches(HUBSPOT_PROPOSAL) }, date: proposalDate },
    { stage: 'proposal', when: won, date: proposalDate },
    { stage: 'close', when: won, date: c.closeDate },
  ];
  return { shape: 'events', columns: { rep: c.rep!, date: proposalDate, id: c.id, created: c.created }, rules: guarded(rules, c) };
}

/**
 * HubSpot deal stage history (one row per stage a deal entered): the contract stage, or a won
 * one, is the proposal; the won stage is the close; each dated by when the deal entered it.
 * Ids are the deal's, so a deal that re-enters a stage counts once.
 */
export function hubspotDealStageMapping(c: FoundColumns): PresetMapping {
  const rules: PresetRule[] = [
    { stage: 'proposal', when: { [c.stage!]: matches(HUBSPOT_PROPOSAL) } },
    { stage: 'proposal', when: { [c.stage!]: oneOf(HUBSPOT_WON_STAGES) } },
    { stage: 'close', when: { [c.stage!]: oneOf(HUBSPOT_WON_STAGES) } },
  ];
  return { shape: 'events', columns: { rep: c.rep!, date: c.entered, id: c.id }, rules: guarded(rules, c) };
}

/** Salesforce tasks: a call (by subtype, else type, else a call type) not inbound is a dial. */
export function salesforceTaskMapping(c: FoundColumns): PresetMapping {
  const isCall: Record<string, ConditionInput> = c.subtype
    ? { [c.subtype]: 'Call' }
    : c.type
      ? { [c.type]: 'Call' }
      : c.callType
        ? { [c.callType]: FILLED }
        : { [c.disposition!]: FILLED };
  const dial = { ...isCall, ...when([c.callType, noneOf(['Inbound', 'Internal'])]) };
  const rules: PresetRule[] = [{ stage: 'dial', when: dial }];
  if (c.disposition) rules.push({ stage: 'conversation', when: { ...dial, [c.disposition]: matches(LIVE_OR_BOOKED) } });
  return { shape: 'events', columns: { rep: c.rep!, date: c.date, id: c.id }, rules: guarded(rules, c) };
}

/** Salesforce events: set by creation (else start), kept through a custom outcome field, second by type or subject. */
export function salesforceEventMapping(c: FoundColumns): PresetMapping {
  const rules: PresetRule[] = dated('appointment_set', {}, [c.created, c.start]);
  if (c.outcome) {
    // A checkbox (Held__c) loads as true; a picklist as Completed/Held.
    const held = { [c.outcome]: oneOf([...HELD, ...YES]) };
    rules.push({ stage: 'appointment_kept', when: held, date: c.start });
    for (const col of [c.type, c.subject]) {
      if (col) rules.push({ stage: 'second_meeting', when: { ...held, [col]: matches(SECOND) }, date: c.start });
    }
  }
  return { shape: 'events', columns: { rep: c.rep!, date: c.start, id: c.id }, rules: guarded(rules, c) };
}

/** Default Salesforce stages from Proposal/Price Quote on, and common renames. */
const SALESFORCE_PROPOSAL = wordStart('proposal|price quote|quote|negotiation');

/** Salesforce opportunities (current state), as `opportunityMapping` with patterns every dialect reads. */
export function salesforceOpportunityMapping(c: FoundColumns): PresetMapping {
  const won = { [c.won!]: oneOf(YES) };
  const created = c.created ?? c.closeDate;
  const rules: PresetRule[] = [
    { stage: 'proposal', when: { [c.stage!]: matches(SALESFORCE_PROPOSAL) }, date: c.stageChanged ?? created },
    { stage: 'proposal', when: won, date: created },
    { stage: 'close', when: won, date: c.closeDate },
  ];
  return { shape: 'events', columns: { rep: c.rep!, date: c.closeDate, id: c.id, created: c.created }, rules: guarded(rules, c) };
}

/**
 * Salesforce opportunity history (one row per change): a row in a proposal stage, or in Closed
 * Won, is the proposal; Closed Won is the close; dated by the row's creation (when the change was
 * made). Ids are the opportunity's: the first row in each stage counts, later edits in it do not.
 */
export function salesforceOpportunityHistoryMapping(c: FoundColumns): PresetMapping {
  const won = { [c.stage!]: oneOf(['Closed Won']) };
  const rules: PresetRule[] = [
    { stage: 'proposal', when: { [c.stage!]: matches(SALESFORCE_PROPOSAL) } },
    { stage: 'proposal', when: won },
    { stage: 'close', when: won },
  ];
  return { shape: 'events', columns: { rep: c.rep!, date: c.changed, id: c.id }, rules: guarded(rules, c) };
}
