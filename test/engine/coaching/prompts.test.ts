import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPrompts } from '../../../src/config/prompts.js';
import { countText, diagnose, type DiagnosisInput } from '../../../src/engine/coaching/diagnosis.js';
import { fillTemplate, selectPrompts, templateProblems, type PromptTemplate } from '../../../src/engine/prompts.js';
import { FunnelError } from '../../../src/errors.js';

const labels = { dial: 'Dials', appointment_set: 'Appts set', appointment_kept: 'Appts kept', close: 'Closes' };
const builtIn = loadPrompts({ disable: [], add: [] }, tmpdir(), null);

// On track with a kept promise: the only diagnosis is on_track.
const base: DiagnosisInput = {
  rep: 'Jane Doe',
  goal: 10,
  closesDone: 4,
  closesInLookback: 12,
  status: 'on_track',
  probability: 0.5,
  workingDays: { total: 20, elapsed: 13, left: 7, off: 0 },
  shortfalls: [],
  needed: {},
  ratios: {},
  bottleneck: null,
  commitments: [{ stage: 'dial', committed: 60, per: 'week', actual: 160, expected: 156, periodTotal: 240, shortBy: 0, isMet: true }],
  checkIn: 'weekly',
  lastActivity: '2026-11-18',
  idleWorkingDays: 0,
};

const behind: Partial<DiagnosisInput> = {
  status: 'critical',
  shortfalls: [{ stage: 'dial', required: 400, projected: 260, gap: 140, severity: 'critical' }],
  needed: { dial: { required: 400, done: 169, remaining: 231, perWorkingDay: 33, projected: 260 } },
  ratios: { dial: 40 },
};
const missed = [{ stage: 'appointment_kept', committed: 6, per: 'week' as const, actual: 10, expected: 15.6, periodTotal: 24, shortBy: 6, isMet: false }];
const gap = { from: 'appointment_set', to: 'appointment_kept', rate: 0.25, teamRate: 0.687, low: 0.211, high: 0.293 };

function promptsFor(change: Partial<DiagnosisInput>, library: readonly PromptTemplate[] = builtIn) {
  const diagnoses = diagnose({ ...base, ...change }, labels);
  return { ids: diagnoses.map((d) => d.id), prompts: selectPrompts(diagnoses, library) };
}

describe('prompt selection, one diagnosis at a time', () => {
  it('on track: asks what is working', () => {
    const { ids, prompts } = promptsFor({});
    expect(ids).toEqual(['on_track']);
    expect(prompts.map((p) => p.id)).toEqual(['on-track-what-works', 'on-track-share']);
    expect(prompts[0].text).toBe('Jane, you are on pace for your goal of 10 closes. What is working that you want to keep doing?');
  });

  it('idle: no event in 5 working days or more', () => {
    const { ids, prompts } = promptsFor({ lastActivity: '2026-11-10', idleWorkingDays: 6 });
    expect(ids).toEqual(['idle']);
    expect(prompts[0]).toEqual({
      id: 'idle-what-happened',
      when: 'idle',
      text: 'Jane, nothing is recorded for you since 2026-11-10 (6 working days). What has been taking your time, and what will you have done by the end of tomorrow?',
      repText: 'Nothing is recorded for you since 2026-11-10 (6 working days). What has been taking your time, and what will you have done by the end of tomorrow?',
    });
    expect(promptsFor({ idleWorkingDays: 4 }).ids).toEqual(['on_track']);
  });

  it('activity shortfall: the consequence of missing the goal, then this week', () => {
    const { ids, prompts } = promptsFor(behind);
    expect(ids).toEqual(['activity_shortfall']);
    expect(prompts.map((p) => p.id)).toEqual(['shortfall-consequence', 'shortfall-how-will-you', 'shortfall-turn-back']);
    expect(prompts[0].text).toBe(
      'Jane, your goal is 10 closes. That takes 400 dials, and you are on pace for 260. What happens if you miss the goal you set? ' +
        '[wait for the answer] What will you change this week to make 33.0 dials a day?',
    );
  });

  it('commitment missed: the promise against what is due by now', () => {
    const { ids, prompts } = promptsFor({ commitments: missed });
    expect(ids).toEqual(['commitment_missed', 'on_track']);
    expect(prompts[0].text).toBe('Jane, you committed to 6 appts kept a week. By now that is 16, and you have 10. What got in the way, in your own words?');
  });

  it('conversion gap: the prompt for that step first', () => {
    const { ids, prompts } = promptsFor({ bottleneck: gap });
    expect(ids).toEqual(['conversion_gap', 'on_track']);
    expect(prompts[0].id).toBe('gap-appointment-kept');
    expect(prompts[0].text).toBe(
      'Jane, 25% of the appointments you set are kept, against 69% for the team. How do you confirm a meeting once it is booked, and what happens the day before?',
    );
  });

  it('conversion gap at a step without its own prompt: the general one, naming the step', () => {
    const demo = { from: 'appointment_kept', to: 'close', rate: 0.1, teamRate: 0.3, low: 0.05, high: 0.2 };
    const library = builtIn.filter((t) => t.id !== 'gap-close');
    const { prompts } = promptsFor({ bottleneck: demo }, library);
    expect(prompts[0].id).toBe('gap-step');
    expect(prompts[0].text).toBe('Jane, 10% of your appts kept lead to closes, against 30% for the team. How did you handle that step the last time, from start to finish?');
  });

  it('too little history: fewer than 3 closes in the lookback', () => {
    const { ids, prompts } = promptsFor({ closesInLookback: 2 });
    expect(ids).toEqual(['too_little_history', 'on_track']);
    expect(prompts[0].text).toMatch(/^Jane, your ratios rest on 2 closes, so we plan with the team's\./);
  });

  it('no goal', () => {
    const { ids, prompts } = promptsFor({ goal: null });
    expect(ids).toEqual(['no_goal']);
    expect(prompts[0].id).toBe('no-goal-set');
  });

  it('goal reached: the next number, and no shortfall prompt', () => {
    const { ids, prompts } = promptsFor({ ...behind, closesDone: 10 });
    expect(ids).toEqual(['goal_reached']);
    expect(prompts[0].text).toBe('Jane, you have reached your goal of 10 closes with 7 working days left. What is your next number, and what will it take?');
  });

  it('no commitment recorded: how the rep wants to be held accountable', () => {
    const { ids, prompts } = promptsFor({ commitments: [] });
    expect(ids).toEqual(['on_track', 'no_commitment']);
    expect(prompts.map((p) => p.id)).toEqual(['on-track-what-works', 'no-commitment-accountability', 'on-track-share']);
  });
});

describe('prompt selection across diagnoses', () => {
  const many: Partial<DiagnosisInput> = { ...behind, lastActivity: '2026-11-09', idleWorkingDays: 7, commitments: missed, bottleneck: gap, closesInLookback: 1 };

  it('takes the first prompt of the most important diagnoses, at most 3', () => {
    const { ids, prompts } = promptsFor(many);
    expect(ids).toEqual(['idle', 'activity_shortfall', 'commitment_missed', 'conversion_gap', 'too_little_history']);
    expect(prompts.map((p) => p.id)).toEqual(['idle-what-happened', 'shortfall-consequence', 'commitment-missed-own-words']);
  });

  it('is deterministic', () => {
    expect(promptsFor(many)).toEqual(promptsFor(many));
  });

  it('goes round the diagnoses again when there is room', () => {
    const { prompts } = promptsFor({ commitments: [], closesInLookback: 2 });
    // too_little_history (1 prompt), on_track (2), no_commitment (1): round one takes one each.
    expect(prompts.map((p) => p.id)).toEqual(['history-few-closes', 'on-track-what-works', 'no-commitment-accountability']);
  });

  it('says nothing when the library has nothing for the diagnosis', () => {
    expect(promptsFor({}, builtIn.filter((t) => t.when !== 'on_track')).prompts).toEqual([]);
  });
});

describe('templates', () => {
  it('fills placeholders and leaves unknown ones as written', () => {
    expect(fillTemplate('{first}, {x} and {goal}', { first: 'Jane', goal: '10' })).toBe('Jane, {x} and 10');
  });

  it('knows which placeholders a diagnosis offers', () => {
    expect(templateProblems('on_track', '{first}: {goalText}')).toEqual([]);
    expect(templateProblems('on_track', '{first}: {rate}')[0]).toMatch(/^unknown placeholder \{rate\} for "on_track"; it may use \{name\}, \{first\}/);
  });

  it('writes one of a plural label in the singular', () => {
    expect([countText(1, 'closes'), countText(2, 'closes'), countText(1, 'appts set'), countText(1, 'deals won')]).toEqual([
      '1 close',
      '2 closes',
      '1 appt set',
      '1 deal won',
    ]);
  });

  it('every built-in prompt is a question addressed to the rep by first name', () => {
    for (const t of builtIn) {
      expect(t.text, t.id).toMatch(/^\{first\}, /);
      expect(t.text, t.id).toMatch(/\?$/);
      expect(templateProblems(t.when, t.text), t.id).toEqual([]);
    }
  });
});

describe('loadPrompts', () => {
  it('replaces a prompt with the same id in place, appends new ones, and drops disabled ones', () => {
    const mine = { id: 'on-track-what-works', when: 'on_track' as const, text: '{first}, what should we bottle?' };
    const extra = { id: 'my-own', when: 'on_track' as const, text: '{first}, who helped you this month?' };
    const list = loadPrompts({ disable: ['on-track-share'], add: [mine, extra] }, tmpdir(), null);
    const onTrack = list.filter((t) => t.when === 'on_track');
    expect(onTrack).toEqual([mine, extra]);
    expect(list.length).toBe(builtIn.length);
  });

  it('names an unknown id to disable, with a suggestion', () => {
    try {
      loadPrompts({ disable: ['on-track-shar'], add: [] }, tmpdir(), 'funnel.config.yaml');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(FunnelError);
      expect((err as FunnelError).message).toBe('no prompt has the id "on-track-shar" (did you mean "on-track-share"?)');
      expect((err as FunnelError).where).toEqual({ file: 'funnel.config.yaml', key: 'prompts.disable[0]' });
    }
  });

  it('reads a library file instead of the built-in one, checking it whole', () => {
    const dir = mkdtempSync(join(tmpdir(), 'funnel-prompts-'));
    writeFileSync(join(dir, 'mine.yaml'), 'prompts:\n  - { id: a, when: idle, text: "{first}, where were you?" }\n');
    expect(loadPrompts({ library: 'mine.yaml', disable: [], add: [] }, dir, null)).toEqual([{ id: 'a', when: 'idle', text: '{first}, where were you?' }]);

    writeFileSync(join(dir, 'bad.yaml'), 'prompts:\n  - { id: a, when: idel, text: "{frist}" }\n  - { id: a, when: idle, text: "x" }\n');
    expect(() => loadPrompts({ library: 'bad.yaml', disable: [], add: [] }, dir, null)).toThrow('1 problem in the prompt library');
    writeFileSync(join(dir, 'twice.yaml'), 'prompts:\n  - { id: a, when: idle, text: "x" }\n  - { id: a, when: idle, text: "y" }\n');
    expect(() => loadPrompts({ library: 'twice.yaml', disable: [], add: [] }, dir, null)).toThrow('prompts[1]: the id "a" is used twice');
  });
});
