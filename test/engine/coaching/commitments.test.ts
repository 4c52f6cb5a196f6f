import { describe, expect, it } from 'vitest';
import { checkCommitments } from '../../../src/engine/coaching/commitments.js';

const stages = ['dial', 'appointment_kept', 'close'];
// As of Nov 18 in November 2026: 20 working days, 13 done, 7 left; 5 working days a week.
const days = { total: 20, elapsed: 13, left: 7, off: 0 };

describe('checkCommitments', () => {
  it('compares a weekly promise with what is due over the working weeks elapsed', () => {
    // 60 dials a week × 13 / 5 weeks = 156 due; 96 done: 60 short. Whole period: 60 × 20 / 5 = 240.
    const [c] = checkCommitments({ dial: 60 }, {}, { dial: 96 }, stages, days, 5);
    expect(c).toEqual({ stage: 'dial', committed: 60, per: 'week', actual: 96, expected: 156, periodTotal: 240, shortBy: 60, isMet: false });
  });

  it('rounds a fractional shortfall up', () => {
    // 6 kept a week × 2.6 weeks = 15.6 due; 15 done: ceil(0.6) = 1 short.
    const [c] = checkCommitments({ appointment_kept: 6 }, {}, { appointment_kept: 15 }, stages, days, 5);
    expect(c.expected).toBeCloseTo(15.6, 12);
    expect(c.shortBy).toBe(1);
    expect(c.isMet).toBe(false);
  });

  it('prorates a promise for the period', () => {
    // 200 dials this period × 13 / 20 = 130 due; 130 done: kept.
    const [c] = checkCommitments({ dial: 200 }, { dial: 'period' }, { dial: 130 }, stages, days, 5);
    expect(c).toMatchObject({ per: 'period', expected: 130, periodTotal: 200, shortBy: 0, isMet: true });
  });

  it('expects less of a rep whose days were off', () => {
    // Two of the elapsed days off: 60 × 11 / 5 = 132 due.
    const [c] = checkCommitments({ dial: 60 }, {}, { dial: 132 }, stages, { total: 18, elapsed: 11, left: 7, off: 2 }, 5);
    expect(c).toMatchObject({ expected: 132, shortBy: 0, isMet: true });
  });

  it('follows the stage order, and leaves out stages that are not tracked', () => {
    const checks = checkCommitments({ close: 1, proposal: 2, dial: 10 }, {}, { dial: 30, close: 0 }, stages, days, 5);
    expect(checks.map((c) => c.stage)).toEqual(['dial', 'close']);
  });
});
