import { describe, expect, it } from 'vitest';
import { barChart, perWorkingDay, teamChart } from '../../src/report/charts.js';
import { report } from './fixtures.js';

/** The width and colour of each cell of the first bar, as drawn. */
function cells(markup: string): { width: number; colour: string }[] {
  const bar = /<table class="bar"[^>]*><tr>(.*?)<\/tr><\/table>/s.exec(markup)![1];
  return [...bar.matchAll(/<td width="([\d.]+)%" height="12" bgcolor="(#[0-9a-f]+)"/g)].map((m) => ({ width: Number(m[1]), colour: m[2] }));
}

describe('barChart', () => {
  it('fills to the share, draws the track after it and a 1 % tick at the pace', () => {
    // 40 % done, pace 65 %: fill 0–40, track 40–64.5, tick 64.5–65.5, track 65.5–100.
    const markup = barChart([{ label: 'Ann', share: 0.4, pace: 0.65, value: '2 of 5', tone: 'behind' }], 'caption').toString();
    expect(cells(markup)).toEqual([
      { width: 40, colour: '#d48806' },
      { width: 24.5, colour: '#e8ecf1' },
      { width: 1, colour: '#1d2733' },
      { width: 34.5, colour: '#e8ecf1' },
    ]);
    expect(markup).toContain('aria-label="Ann: 2 of 5 (40%), pace 65% by now"');
  });

  it('draws a share past the goal full, and no tick without a pace', () => {
    const markup = barChart([{ label: 'Bo', share: 1.25, pace: null, value: '5 of 4', tone: 'reached' }], 'c').toString();
    expect(cells(markup)).toEqual([{ width: 100, colour: '#2f6fb0' }]);
  });

  it('escapes what comes from the data', () => {
    const markup = barChart([{ label: '<b>"x"</b>', share: 0, pace: 0.5, value: '0 of 1', tone: 'critical' }], 'c').toString();
    expect(markup).not.toContain('<b>"x"');
    expect(markup).toContain('&lt;b&gt;&quot;x&quot;&lt;/b&gt;');
  });
});

describe('teamChart', () => {
  it('puts the riskiest rep first: critical (least likely first), then on track, then reached', () => {
    const markup = teamChart(report()).toString();
    const order = [...markup.matchAll(/<td class="bl"[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]);
    // Kenji (critical, 1 %), the hostile-named rep (critical, no chance known), Marisol (on track), Aisha and Tomás (reached).
    expect(order[0]).toBe('Kenji Watanabe');
    expect(order.slice(2)).toEqual(['Marisol Vega', 'Aisha Bello', 'Tomás Herrera']);
  });
});

describe('perWorkingDay', () => {
  it('divides by the working days of each week and leaves a week without any blank', () => {
    expect(perWorkingDay([85, 0, 21], [5, 0, 3])).toEqual([17, null, 7]);
  });
});
