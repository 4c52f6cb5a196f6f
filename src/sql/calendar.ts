import type { Dialect } from './dialect.js';

// Calendar arithmetic in plain integer SQL, the same in every dialect: a YYYY-MM-DD text becomes
// its Julian day number (JDN), days are added as integers, and a JDN becomes text again. No
// DATE casts, so a date a dialect's DATE type would refuse (year 0000) cannot fail the query.
// JDN mod 7 is the weekday: 0 = Monday … 6 = Sunday.

/** The weekday index of `funnel`'s weekday names in JDN order (0 = Monday). */
export const JDN_WEEKDAY: Readonly<Record<string, number>> = { mon: 0, tue: 1, wed: 2, thu: 3, fri: 4, sat: 5, sun: 6 };

/** The JDN of a YYYY-MM-DD date, computed here (for literals). */
export function julianDay(date: string): number {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  const a = Math.floor((14 - m) / 12);
  const yy = y + 4800 - a;
  const mm = m + 12 * a - 3;
  return d + Math.floor((153 * mm + 2) / 5) + 365 * yy + Math.floor(yy / 4) - Math.floor(yy / 100) + Math.floor(yy / 400) - 32045;
}

/** SQL: the JDN of the YYYY-MM-DD text `t` (a column name or a parenthesized expression). */
export function julianDaySql(d: Dialect, t: string): string {
  const part = (from: number, n: number) => d.int(`SUBSTR(${t}, ${from}, ${n})`);
  const y = part(1, 4);
  const m = part(6, 2);
  const a = d.div(`14 - ${m}`, '12');
  const yy = `(${y} + 4800 - ${a})`;
  const mm = `(${m} + 12 * ${a} - 3)`;
  return `(${part(9, 2)} + ${d.div(`153 * ${mm} + 2`, '5')} + 365 * ${yy} + ${d.div(yy, '4')} - ${d.div(yy, '100')} + ${d.div(yy, '400')} - 32045)`;
}

/**
 * SQL: `from` (a relation with an integer column `jd`) with one more column, `day_text`: the
 * YYYY-MM-DD text of `jd`. Richards' algorithm, one step per subquery.
 */
export function withDayText(d: Dialect, from: string): string {
  const div = d.div;
  const pad = (e: string, n: number) => `LPAD(CAST(${e} AS ${d.text}), ${n}, '0')`;
  const s1 = `SELECT j1.*, jd + 32044 AS ja FROM ${from} j1`;
  const s2 = `SELECT j2.*, ${div('4 * ja + 3', '146097')} AS jb FROM (${s1}) j2`;
  const s3 = `SELECT j3.*, ja - ${div('146097 * jb', '4')} AS jc FROM (${s2}) j3`;
  const s4 = `SELECT j4.*, ${div('4 * jc + 3', '1461')} AS jdd FROM (${s3}) j4`;
  const s5 = `SELECT j5.*, jc - ${div('1461 * jdd', '4')} AS je FROM (${s4}) j5`;
  const s6 = `SELECT j6.*, ${div('5 * je + 2', '153')} AS jm FROM (${s5}) j6`;
  const year = `100 * jb + jdd - 4800 + ${div('jm', '10')}`;
  const month = `jm + 3 - 12 * ${div('jm', '10')}`;
  const day = `je - ${div('153 * jm + 2', '5')} + 1`;
  return `(SELECT j7.*, ${pad(year, 4)} || '-' || ${pad(month, 2)} || '-' || ${pad(day, 2)} AS day_text FROM (${s6}) j7)`;
}
