// The presets for loader-written tables: which headers they recognise (as the warehouse spells
// them, views of the docs included), the delete guards their rules carry, and patterns that
// every SQL dialect can express.
import { describe, expect, it } from 'vitest';
import { checkCondition } from '../../src/config/conditions.js';
import { DEFAULT_STAGES } from '../../src/engine/model.js';
import { detectPreset } from '../../src/presets/detect.js';
import { getPreset } from '../../src/presets/index.js';
import { applyPreset } from '../../src/presets/resolve.js';
import { LIVE_OR_BOOKED, SECOND, wholeWord, wordStart } from '../../src/presets/warehouse.js';
import { getDialect } from '../../src/sql/dialect.js';
import { translateRegex } from '../../src/sql/regex.js';

const detect = (headers: string) => detectPreset(headers.split(','), 'export.csv').preset;

describe('loader presets: detection', () => {
  it('Snowflake spells Fivetran tables upper-case: the same preset', () => {
    expect(detect('ENGAGEMENT_ID,_FIVETRAN_DELETED,_FIVETRAN_SYNCED,TYPE,PROPERTY_HS_TIMESTAMP,PROPERTY_HUBSPOT_OWNER_ID,PROPERTY_HS_CALL_DISPOSITION')).toBe('fivetran-hubspot-calls');
    expect(detect('ID,_FIVETRAN_SYNCED,IS_DELETED,OWNER_ID,ACTIVITY_DATE,TASK_SUBTYPE,CALL_TYPE,CALL_DISPOSITION')).toBe('fivetran-salesforce-task');
  });

  it('the views of docs/warehouse.md: legacy engagement calls, stage history with the owner joined', () => {
    expect(detect('engagement_id,owner_id,timestamp,disposition,duration_milliseconds')).toBe('fivetran-hubspot-calls');
    expect(detect('deal_id,value,date_entered,_fivetran_start,property_hubspot_owner_id,is_deleted,_fivetran_deleted')).toBe('fivetran-hubspot-deal-stages');
  });

  it('tables that look alike go to their own preset', () => {
    // Fivetran meetings and calls share the owner and timestamp columns.
    expect(detect('engagement_id,_fivetran_deleted,property_hs_timestamp,property_hubspot_owner_id,property_hs_meeting_outcome,property_hs_meeting_start_time')).toBe('fivetran-hubspot-meetings');
    // Salesforce opportunity and its history share owner, stage and dates; is_won / opportunity_id tell them apart.
    expect(detect('id,_fivetran_synced,owner_id,stage_name,close_date,created_date,is_won')).toBe('fivetran-salesforce-opportunity');
    expect(detect('id,_fivetran_synced,opportunity_id,owner_id,stage_name,close_date,created_date')).toBe('fivetran-salesforce-opportunity-history');
    // A Data Loader export (API names, no loader columns) keeps its own preset.
    expect(detect('Id,OwnerId,StageName,CloseDate,CreatedDate,IsWon')).toBe('salesforce-dataloader-opportunity');
    // HubSpot's own export names are not Airbyte's flattened ones.
    expect(detect('hs_object_id,hubspot_owner_id,hs_timestamp,hs_call_disposition')).toBe('hubspot-calls');
    expect(detect('id,archived,properties_hubspot_owner_id,properties_hs_timestamp,properties_hs_call_disposition')).toBe('airbyte-hubspot-calls');
  });

  it('a stage history without the owner joined is recognised by no preset, naming the missing owner', () => {
    const d = detectPreset(['deal_id', '_fivetran_start', 'date_entered', 'value'], 'deal_stage.csv');
    expect(d.preset).toBeNull();
    expect(d.candidates[0]).toMatchObject({ preset: 'fivetran-hubspot-deal-stages', missingColumns: ['rep'] });
  });
});

describe('loader presets: rules', () => {
  const rules = (name: string, headers: string) =>
    applyPreset(getPreset(name)!, headers.split(','), null, { display: 'x.csv' }, null, DEFAULT_STAGES).rules ?? [];

  it('every rule carries the guards of the flags the table has, and none it lacks', () => {
    const sf = rules('fivetran-salesforce-event', 'id,_fivetran_synced,_fivetran_active,_fivetran_deleted,is_deleted,owner_id,start_date_time,created_date,meeting_outcome_c');
    expect(sf.length).toBe(3);
    for (const r of sf) {
      expect(r.when).toMatchObject({
        _fivetran_deleted: { not: { in: ['true', 't', '1', 'yes'] } },
        is_deleted: { not: { in: ['true', 't', '1', 'yes'] } },
        _fivetran_active: { not: { in: ['false', 'f', '0', 'no'] } },
      });
    }
    const view = rules('fivetran-hubspot-calls', 'engagement_id,owner_id,timestamp,disposition');
    expect(view).toEqual([
      { stage: 'dial', when: {} },
      { stage: 'conversation', when: { disposition: { in: ['f240bbac-87c9-4f6e-bf70-924b57d47db7', 'Connected'] } } },
    ]);
    // Stage history: _fivetran_active marks the current stage, not an old version: no guard on it.
    const history = rules('fivetran-hubspot-deal-stages', 'deal_id,value,date_entered,_fivetran_active,owner_id');
    for (const r of history) expect(Object.keys(r.when)).toEqual(['value']);
  });

  it('a view that joins the owner\'s name as owner_name: the rep is the name', () => {
    const src = applyPreset(getPreset('fivetran-salesforce-task')!, 'id,_fivetran_synced,owner_id,activity_date,task_subtype,owner_name'.split(','), null, { display: 'x.csv' }, null, DEFAULT_STAGES);
    expect(src.columns).toMatchObject({ rep: 'owner_name', date: 'activity_date', id: 'id' });
  });

  it('the word-boundary spellings match what \\b would, in JavaScript', () => {
    const re = (p: string) => new RegExp(p, 'iu');
    expect(['Proposal', 'Sent proposal', 'contractsent', 'Contract Sent'].map((v) => re(wordStart('contract ?sent|proposal')).test(v))).toEqual([true, true, true, true]);
    expect(['Counterproposal', 'x_proposal'].map((v) => re(wordStart('proposal')).test(v))).toEqual([false, false]);
    expect(['Follow-up', 'follow up call', '2nd meeting', 'Second', 'Secondary', '22nd'].map((v) => re(SECOND).test(v))).toEqual([true, true, true, true, false, false]);
    expect(['Connected - interested', 'Connected', 'Connectedness', 'Spoke with gatekeeper', 'Meeting booked!', 'No answer'].map((v) => re(LIVE_OR_BOOKED).test(v))).toEqual([
      true, true, false, true, true, false,
    ]);
    expect(re(wholeWord('set')).test('reset')).toBe(false);
  });

  it('every pattern of every loader preset is a valid condition and translates for Snowflake (no \\b)', () => {
    const names = ['fivetran-hubspot-meetings', 'fivetran-hubspot-deals', 'fivetran-salesforce-task', 'fivetran-salesforce-event', 'fivetran-salesforce-opportunity', 'fivetran-salesforce-opportunity-history'];
    const headers: Record<string, string> = {
      'fivetran-hubspot-meetings': 'engagement_id,property_hubspot_owner_id,property_hs_meeting_start_time,property_hs_meeting_outcome,property_hs_activity_type,property_hs_meeting_title',
      'fivetran-hubspot-deals': 'deal_id,property_hubspot_owner_id,property_dealstage,property_closedate',
      'fivetran-salesforce-task': 'id,_fivetran_synced,owner_id,activity_date,task_subtype,call_disposition',
      'fivetran-salesforce-event': 'id,_fivetran_synced,owner_id,start_date_time,meeting_outcome_c,subject,type',
      'fivetran-salesforce-opportunity': 'id,_fivetran_synced,owner_id,stage_name,close_date,is_won',
      'fivetran-salesforce-opportunity-history': 'opportunity_id,owner_id,stage_name,created_date',
    };
    const snowflake = getDialect('snowflake');
    let patterns = 0;
    for (const name of names) {
      for (const r of rules(name, headers[name])) {
        for (const cond of Object.values(r.when)) {
          expect(checkCondition(cond)).toEqual([]);
          if (typeof cond === 'object' && 'match' in cond) {
            patterns++;
            expect(() => translateRegex(cond.match, snowflake)).not.toThrow();
          }
        }
      }
    }
    // Meetings and events: second meeting by type and by title/subject (2 each); deals, task,
    // opportunity, history: one each.
    expect(patterns).toBe(8);
  });
});
