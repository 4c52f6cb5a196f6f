import { describe, expect, it } from 'vitest';
import { promptTemplateSchema } from '../../src/config/prompts.js';

const messages = (input: unknown) => {
  const r = promptTemplateSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('a prompt with a rep text', () => {
  const base = { id: 'decline-x', when: 'activity_decline', text: '{first}, your {stage} fell to {after}. [pause] What changed?' };

  it('accepts both texts with the placeholders of their diagnosis', () => {
    expect(messages({ ...base, repText: 'Your {stage} fell to {after} {weeksAgo}. What changed?' })).toEqual([]);
    expect(messages(base)).toEqual([]);
  });

  it('checks the rep text placeholders like the text', () => {
    expect(messages({ ...base, repText: 'Your {stag} fell.' })).toEqual([
      expect.stringMatching(/^repText: unknown placeholder \{stag\} for "activity_decline"; it may use .*\{weeksAgo\}/),
    ]);
  });

  it('refuses stage directions in the rep text, which the rep would read', () => {
    expect(messages({ ...base, repText: 'What changed? [wait for the answer]' })).toEqual(['repText: repText is read by the rep: leave [stage directions] to text']);
  });

  it('refuses an empty rep text', () => {
    expect(messages({ ...base, repText: '  ' })).toEqual(['repText: expected the text for the rep, or leave repText out']);
  });
});
