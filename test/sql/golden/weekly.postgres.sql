-- funnel: the daily tally, the row accounting and the rejected rows of 2 inputs (postgres).
-- kind = 'tally': source, rep, date and a count per stage; 'input': rows = used + ignored + rejected per source,
-- and duplicates dropped; 'cycle': rep, close date, cycle_days (created to close) and cycle_closes;
-- 'reject': source, line, code, field, value, reason. See docs/warehouse.md.
WITH
cfg_reps AS (
  SELECT CAST(NULL AS TEXT) AS alias_key, CAST(NULL AS TEXT) AS rep_key, CAST(NULL AS TEXT) AS rep_name WHERE 1 = 0
),
raw_0 AS (
  SELECT 0 AS inp, CAST(NULL AS BIGINT) AS ord, CAST(NULL AS BIGINT) AS line, COALESCE(CAST("Rep" AS TEXT), '') AS c0, COALESCE(CAST("Week Of" AS TEXT), '') AS c1, COALESCE(CAST("Dials" AS TEXT), '') AS c2, COALESCE(CAST("Closes" AS TEXT), '') AS c3
  FROM "weekly"
),
l1_0 AS (
  SELECT inp, ord, line, c0, regexp_replace(regexp_replace(c0, '[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+', ' ', 'g'), '^[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+|[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+$', '', 'g') AS x_c0, c1, regexp_replace(regexp_replace(c1, '[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+', ' ', 'g'), '^[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+|[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+$', '', 'g') AS x_c1, c2, regexp_replace(regexp_replace(c2, '[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+', ' ', 'g'), '^[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+|[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+$', '', 'g') AS x_c2, c3, regexp_replace(regexp_replace(c3, '[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+', ' ', 'g'), '^[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+|[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+$', '', 'g') AS x_c3, regexp_replace(c1, '^[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+|[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+$', '', 'g') AS v0, regexp_replace(c2, '^[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+|[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+$', '', 'g') AS k0, regexp_replace(c3, '^[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+|[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+$', '', 'g') AS k1
  FROM raw_0
),
l2_0 AS MATERIALIZED (
  SELECT l1.*,
    CASE WHEN v0 = '' THEN 'empty' WHEN (v0 ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}($|[T ])') THEN 'iso' WHEN (v0 ~ '^[0-9]{4}/[0-9]{1,2}/[0-9]{1,2}($|[T ])') THEN 'slash' WHEN (v0 ~ '^[0-9]{5}([.][0-9]+)?$') THEN 'serial' WHEN (v0 ~ '^[0-9]{1,2}[./-][0-9]{1,2}[./-][0-9]{2,4}($|[T ,])') THEN 'dmy' ELSE 'bad' END AS d0_shape,
    CASE WHEN (v0 ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}($|[T ])') THEN CAST(SUBSTR(v0, 1, 4) AS BIGINT) WHEN (v0 ~ '^[0-9]{4}/[0-9]{1,2}/[0-9]{1,2}($|[T ])') THEN CAST(substring(v0 from '^([0-9]{4})/') AS BIGINT) END AS d0_y,
    CASE WHEN (v0 ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}($|[T ])') THEN CAST(SUBSTR(v0, 6, 2) AS BIGINT) WHEN (v0 ~ '^[0-9]{4}/[0-9]{1,2}/[0-9]{1,2}($|[T ])') THEN CAST(substring(v0 from '^[0-9]{4}/([0-9]{1,2})/') AS BIGINT) END AS d0_m,
    CASE WHEN (v0 ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}($|[T ])') THEN CAST(SUBSTR(v0, 9, 2) AS BIGINT) WHEN (v0 ~ '^[0-9]{4}/[0-9]{1,2}/[0-9]{1,2}($|[T ])') THEN CAST(substring(v0 from '^[0-9]{4}/[0-9]{1,2}/([0-9]{1,2})') AS BIGINT) END AS d0_d,
    CASE WHEN (v0 ~ '^[0-9]{5}([.][0-9]+)?$') THEN CAST(SUBSTR(v0, 1, 5) AS BIGINT) END AS d0_serial,
    CASE WHEN k0 = '' THEN 1 WHEN (k0 ~ '^[0-9]+([.]0+)?$') THEN 1 ELSE 0 END AS kok0,
    CASE WHEN k0 <> '' AND (k0 ~ '^[0-9]+([.]0+)?$') THEN CAST(substring(k0 from '^([0-9]+)') AS DOUBLE PRECISION) ELSE 0 END AS kn0,
    CASE WHEN k1 = '' THEN 1 WHEN (k1 ~ '^[0-9]+([.]0+)?$') THEN 1 ELSE 0 END AS kok1,
    CASE WHEN k1 <> '' AND (k1 ~ '^[0-9]+([.]0+)?$') THEN CAST(substring(k1 from '^([0-9]+)') AS DOUBLE PRECISION) ELSE 0 END AS kn1
  FROM l1_0 l1
),
l3_0 AS (
  SELECT l2.*,
    x_c0 AS rep_name,
    LOWER(x_c0) AS rep_key,
    CASE WHEN d0_shape IN ('iso', 'slash') AND d0_m BETWEEN 1 AND 12 AND d0_d BETWEEN 1 AND CASE WHEN d0_m = 2 THEN CASE WHEN (mod(d0_y, 4) = 0 AND mod(d0_y, 100) <> 0 OR mod(d0_y, 400) = 0) THEN 29 ELSE 28 END WHEN d0_m IN (4, 6, 9, 11) THEN 30 ELSE 31 END THEN LPAD(CAST(d0_y AS TEXT), 4, '0') || '-' || LPAD(CAST(d0_m AS TEXT), 2, '0') || '-' || LPAD(CAST(d0_d AS TEXT), 2, '0') WHEN d0_shape = 'serial' THEN to_char(DATE '1899-12-30' + CAST(d0_serial AS INTEGER), 'YYYY-MM-DD') END AS dt0,
    CASE WHEN d0_shape = 'empty' THEN 'EMPTY' WHEN (d0_shape IN ('iso', 'slash') AND d0_m BETWEEN 1 AND 12 AND d0_d BETWEEN 1 AND CASE WHEN d0_m = 2 THEN CASE WHEN (mod(d0_y, 4) = 0 AND mod(d0_y, 100) <> 0 OR mod(d0_y, 400) = 0) THEN 29 ELSE 28 END WHEN d0_m IN (4, 6, 9, 11) THEN 30 ELSE 31 END) OR d0_shape = 'serial' THEN NULL WHEN d0_shape IN ('iso', 'slash') THEN 'CALENDAR' WHEN d0_shape = 'dmy' THEN 'AMBIGUOUS' ELSE 'BAD' END AS dp0,
    CAST(NULL AS TEXT) AS id
  FROM l2_0 l2
),
st_0 AS (
  SELECT l3.*, CASE WHEN NOT ((k0 <> '' AND (kok0 = 0 OR kn0 > 0)) OR (k1 <> '' AND (kok1 = 0 OR kn1 > 0))) THEN 'ignored' WHEN x_c0 = '' THEN 'NO_REP' WHEN kok0 = 0 THEN 'count:0' WHEN kok1 = 0 THEN 'count:1' WHEN dt0 IS NULL THEN 'date:0' ELSE 'used' END AS status
  FROM l3_0 l3
),
tv_0 AS (
  SELECT inp, ord, rep_key, id, 'dial' AS stage, dt0 AS dt, CAST(kn0 AS BIGINT) AS n, CAST(NULL AS TEXT) AS cr FROM st_0 WHERE status = 'used' AND kn0 > 0
  UNION ALL
  SELECT inp, ord, rep_key, id, 'close' AS stage, dt0 AS dt, CAST(kn1 AS BIGINT) AS n, CAST(NULL AS TEXT) AS cr FROM st_0 WHERE status = 'used' AND kn1 > 0
),
tw_0 AS (
  SELECT tv.*, ROW_NUMBER() OVER (ORDER BY ord, rep_key, stage, dt, n) AS rk, (CAST(SUBSTR(dt, 9, 2) AS BIGINT) + ((153 * (CAST(SUBSTR(dt, 6, 2) AS BIGINT) + 12 * ((14 - CAST(SUBSTR(dt, 6, 2) AS BIGINT)) / (12)) - 3) + 2) / (5)) + 365 * (CAST(SUBSTR(dt, 1, 4) AS BIGINT) + 4800 - ((14 - CAST(SUBSTR(dt, 6, 2) AS BIGINT)) / (12))) + (((CAST(SUBSTR(dt, 1, 4) AS BIGINT) + 4800 - ((14 - CAST(SUBSTR(dt, 6, 2) AS BIGINT)) / (12)))) / (4)) - (((CAST(SUBSTR(dt, 1, 4) AS BIGINT) + 4800 - ((14 - CAST(SUBSTR(dt, 6, 2) AS BIGINT)) / (12)))) / (100)) + (((CAST(SUBSTR(dt, 1, 4) AS BIGINT) + 4800 - ((14 - CAST(SUBSTR(dt, 6, 2) AS BIGINT)) / (12)))) / (400)) - 32045) AS j0 FROM tv_0 tv
),
td_0 AS (
  SELECT tw.rk, tw.j0 + wk.o AS jd FROM tw_0 tw CROSS JOIN (SELECT 0 AS o UNION ALL SELECT 1 AS o UNION ALL SELECT 2 AS o UNION ALL SELECT 3 AS o UNION ALL SELECT 4 AS o UNION ALL SELECT 5 AS o UNION ALL SELECT 6 AS o) wk WHERE mod(tw.j0 + wk.o, 7) IN (0, 1, 2, 3, 4) AND tw.j0 + wk.o NOT IN (2461371) AND tw.j0 + wk.o <= 2461369
),
ts_0 AS (
  SELECT tw.inp, tw.ord, tw.rep_key, tw.id, tw.stage, tw.n, tw.cr, td.jd, COUNT(*) OVER (PARTITION BY td.rk) AS w, ROW_NUMBER() OVER (PARTITION BY td.rk ORDER BY td.jd) AS k
  FROM tw_0 tw JOIN td_0 td ON td.rk = tw.rk
),
ev_0 AS (
  SELECT inp, ord, rep_key, id, stage, day_text AS dt, ((n) / (w)) + CASE WHEN k <= n - w * ((n) / (w)) THEN 1 ELSE 0 END AS n, cr FROM (SELECT j7.*, LPAD(CAST(100 * jb + jdd - 4800 + ((jm) / (10)) AS TEXT), 4, '0') || '-' || LPAD(CAST(jm + 3 - 12 * ((jm) / (10)) AS TEXT), 2, '0') || '-' || LPAD(CAST(je - ((153 * jm + 2) / (5)) + 1 AS TEXT), 2, '0') AS day_text FROM (SELECT j6.*, ((5 * je + 2) / (153)) AS jm FROM (SELECT j5.*, jc - ((1461 * jdd) / (4)) AS je FROM (SELECT j4.*, ((4 * jc + 3) / (1461)) AS jdd FROM (SELECT j3.*, ja - ((146097 * jb) / (4)) AS jc FROM (SELECT j2.*, ((4 * ja + 3) / (146097)) AS jb FROM (SELECT j1.*, jd + 32044 AS ja FROM ts_0 j1) j2) j3) j4) j5) j6) j7) spread WHERE ((n) / (w)) + CASE WHEN k <= n - w * ((n) / (w)) THEN 1 ELSE 0 END > 0
  UNION ALL
  SELECT inp, ord, rep_key, id, stage, dt, n, cr FROM tw_0 tw WHERE NOT EXISTS (SELECT 1 FROM td_0 td WHERE td.rk = tw.rk)
),
rej_0 AS (
  SELECT inp, ord, line, CASE status WHEN 'NO_REP' THEN 'NO_REP' WHEN 'date:0' THEN CASE WHEN dp0 = 'AMBIGUOUS' THEN 'AMBIGUOUS_DATE' ELSE 'BAD_DATE' END WHEN 'count:0' THEN 'BAD_COUNT' WHEN 'count:1' THEN 'BAD_COUNT' END AS code, CASE status WHEN 'NO_REP' THEN 'Rep' WHEN 'date:0' THEN 'Week Of' WHEN 'count:0' THEN 'Dials' WHEN 'count:1' THEN 'Closes' END AS field, CASE status WHEN 'NO_REP' THEN c0 WHEN 'date:0' THEN c1 WHEN 'count:0' THEN k0 WHEN 'count:1' THEN k1 END AS value, CASE status WHEN 'NO_REP' THEN 'no rep: column "Rep" is empty' WHEN 'date:0' THEN CASE dp0 WHEN 'EMPTY' THEN 'the date is empty in column "Week Of"' WHEN 'CALENDAR' THEN '"' || CASE WHEN d0_shape = 'iso' AND char_length(v0) > 10 THEN SUBSTR(v0, 1, 10) ELSE v0 END || '" is not a date (expected a real calendar date)' || ' in column "Week Of"' WHEN 'AMBIGUOUS' THEN 'dates like "' || v0 || '" could be day-first or month-first; set dateFormat on sources[0], e.g. dd/MM/yyyy or MM/dd/yyyy' WHEN 'BAD' THEN '"' || v0 || '" is not a date (expected YYYY-MM-DD, or set dateFormat)' || ' in column "Week Of"' WHEN 'DETECTED' THEN '"' || v0 || '" is not a date (expected YYYY-MM-DD, or set dateFormat)' || ' in column "Week Of"' WHEN 'FORMAT' THEN '"' || v0 || '" is not a date (expected YYYY-MM-DD, or set dateFormat)' || ' in column "Week Of"' END WHEN 'count:0' THEN '"' || k0 || '" in column "Dials" is not a count (a whole number ≥ 0); leave the cell empty when nothing was recorded' WHEN 'count:1' THEN '"' || k1 || '" in column "Closes" is not a count (a whole number ≥ 0); leave the cell empty when nothing was recorded' END AS reason
  FROM st_0 WHERE status NOT IN ('used', 'ignored')
),
raw_1 AS (
  SELECT 1 AS inp, CAST(NULL AS BIGINT) AS ord, CAST(NULL AS BIGINT) AS line, COALESCE(CAST("Rep" AS TEXT), '') AS c0, COALESCE(CAST("W/E" AS TEXT), '') AS c1, COALESCE(CAST("Dials" AS TEXT), '') AS c2
  FROM "weekend"
),
l1_1 AS (
  SELECT inp, ord, line, c0, regexp_replace(regexp_replace(c0, '[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+', ' ', 'g'), '^[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+|[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+$', '', 'g') AS x_c0, c1, regexp_replace(regexp_replace(c1, '[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+', ' ', 'g'), '^[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+|[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+$', '', 'g') AS x_c1, c2, regexp_replace(regexp_replace(c2, '[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+', ' ', 'g'), '^[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+|[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+$', '', 'g') AS x_c2, regexp_replace(c1, '^[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+|[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+$', '', 'g') AS v0, regexp_replace(c2, '^[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+|[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+$', '', 'g') AS k0
  FROM raw_1
),
l2_1 AS MATERIALIZED (
  SELECT l1.*,
    CASE WHEN v0 = '' THEN 'empty' WHEN (v0 ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}($|[T ])') THEN 'iso' WHEN (v0 ~ '^[0-9]{4}/[0-9]{1,2}/[0-9]{1,2}($|[T ])') THEN 'slash' WHEN (v0 ~ '^[0-9]{5}([.][0-9]+)?$') THEN 'serial' WHEN (v0 ~ '^[0-9]{1,2}[./-][0-9]{1,2}[./-][0-9]{2,4}($|[T ,])') THEN 'dmy' ELSE 'bad' END AS d0_shape,
    CASE WHEN (v0 ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}($|[T ])') THEN CAST(SUBSTR(v0, 1, 4) AS BIGINT) WHEN (v0 ~ '^[0-9]{4}/[0-9]{1,2}/[0-9]{1,2}($|[T ])') THEN CAST(substring(v0 from '^([0-9]{4})/') AS BIGINT) END AS d0_y,
    CASE WHEN (v0 ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}($|[T ])') THEN CAST(SUBSTR(v0, 6, 2) AS BIGINT) WHEN (v0 ~ '^[0-9]{4}/[0-9]{1,2}/[0-9]{1,2}($|[T ])') THEN CAST(substring(v0 from '^[0-9]{4}/([0-9]{1,2})/') AS BIGINT) END AS d0_m,
    CASE WHEN (v0 ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}($|[T ])') THEN CAST(SUBSTR(v0, 9, 2) AS BIGINT) WHEN (v0 ~ '^[0-9]{4}/[0-9]{1,2}/[0-9]{1,2}($|[T ])') THEN CAST(substring(v0 from '^[0-9]{4}/[0-9]{1,2}/([0-9]{1,2})') AS BIGINT) END AS d0_d,
    CASE WHEN (v0 ~ '^[0-9]{5}([.][0-9]+)?$') THEN CAST(SUBSTR(v0, 1, 5) AS BIGINT) END AS d0_serial,
    CASE WHEN k0 = '' THEN 1 WHEN (k0 ~ '^[0-9]+([.]0+)?$') THEN 1 ELSE 0 END AS kok0,
    CASE WHEN k0 <> '' AND (k0 ~ '^[0-9]+([.]0+)?$') THEN CAST(substring(k0 from '^([0-9]+)') AS DOUBLE PRECISION) ELSE 0 END AS kn0
  FROM l1_1 l1
),
l3_1 AS (
  SELECT l2.*,
    x_c0 AS rep_name,
    LOWER(x_c0) AS rep_key,
    CASE WHEN d0_shape IN ('iso', 'slash') AND d0_m BETWEEN 1 AND 12 AND d0_d BETWEEN 1 AND CASE WHEN d0_m = 2 THEN CASE WHEN (mod(d0_y, 4) = 0 AND mod(d0_y, 100) <> 0 OR mod(d0_y, 400) = 0) THEN 29 ELSE 28 END WHEN d0_m IN (4, 6, 9, 11) THEN 30 ELSE 31 END THEN LPAD(CAST(d0_y AS TEXT), 4, '0') || '-' || LPAD(CAST(d0_m AS TEXT), 2, '0') || '-' || LPAD(CAST(d0_d AS TEXT), 2, '0') WHEN d0_shape = 'serial' THEN to_char(DATE '1899-12-30' + CAST(d0_serial AS INTEGER), 'YYYY-MM-DD') END AS dt0,
    CASE WHEN d0_shape = 'empty' THEN 'EMPTY' WHEN (d0_shape IN ('iso', 'slash') AND d0_m BETWEEN 1 AND 12 AND d0_d BETWEEN 1 AND CASE WHEN d0_m = 2 THEN CASE WHEN (mod(d0_y, 4) = 0 AND mod(d0_y, 100) <> 0 OR mod(d0_y, 400) = 0) THEN 29 ELSE 28 END WHEN d0_m IN (4, 6, 9, 11) THEN 30 ELSE 31 END) OR d0_shape = 'serial' THEN NULL WHEN d0_shape IN ('iso', 'slash') THEN 'CALENDAR' WHEN d0_shape = 'dmy' THEN 'AMBIGUOUS' ELSE 'BAD' END AS dp0,
    CAST(NULL AS TEXT) AS id
  FROM l2_1 l2
),
st_1 AS (
  SELECT l3.*, CASE WHEN NOT ((k0 <> '' AND (kok0 = 0 OR kn0 > 0))) THEN 'ignored' WHEN x_c0 = '' THEN 'NO_REP' WHEN kok0 = 0 THEN 'count:0' WHEN dt0 IS NULL THEN 'date:0' ELSE 'used' END AS status
  FROM l3_1 l3
),
tv_1 AS (
  SELECT inp, ord, rep_key, id, 'dial' AS stage, dt0 AS dt, CAST(kn0 AS BIGINT) AS n, CAST(NULL AS TEXT) AS cr FROM st_1 WHERE status = 'used' AND kn0 > 0
),
tw_1 AS (
  SELECT tv.*, ROW_NUMBER() OVER (ORDER BY ord, rep_key, stage, dt, n) AS rk, (CAST(SUBSTR(dt, 9, 2) AS BIGINT) + ((153 * (CAST(SUBSTR(dt, 6, 2) AS BIGINT) + 12 * ((14 - CAST(SUBSTR(dt, 6, 2) AS BIGINT)) / (12)) - 3) + 2) / (5)) + 365 * (CAST(SUBSTR(dt, 1, 4) AS BIGINT) + 4800 - ((14 - CAST(SUBSTR(dt, 6, 2) AS BIGINT)) / (12))) + (((CAST(SUBSTR(dt, 1, 4) AS BIGINT) + 4800 - ((14 - CAST(SUBSTR(dt, 6, 2) AS BIGINT)) / (12)))) / (4)) - (((CAST(SUBSTR(dt, 1, 4) AS BIGINT) + 4800 - ((14 - CAST(SUBSTR(dt, 6, 2) AS BIGINT)) / (12)))) / (100)) + (((CAST(SUBSTR(dt, 1, 4) AS BIGINT) + 4800 - ((14 - CAST(SUBSTR(dt, 6, 2) AS BIGINT)) / (12)))) / (400)) - 32045) - 6 AS j0 FROM tv_1 tv
),
td_1 AS (
  SELECT tw.rk, tw.j0 + wk.o AS jd FROM tw_1 tw CROSS JOIN (SELECT 0 AS o UNION ALL SELECT 1 AS o UNION ALL SELECT 2 AS o UNION ALL SELECT 3 AS o UNION ALL SELECT 4 AS o UNION ALL SELECT 5 AS o UNION ALL SELECT 6 AS o) wk WHERE mod(tw.j0 + wk.o, 7) IN (0, 1, 2, 3, 4) AND tw.j0 + wk.o NOT IN (2461371) AND tw.j0 + wk.o <= 2461369
),
ts_1 AS (
  SELECT tw.inp, tw.ord, tw.rep_key, tw.id, tw.stage, tw.n, tw.cr, td.jd, COUNT(*) OVER (PARTITION BY td.rk) AS w, ROW_NUMBER() OVER (PARTITION BY td.rk ORDER BY td.jd) AS k
  FROM tw_1 tw JOIN td_1 td ON td.rk = tw.rk
),
ev_1 AS (
  SELECT inp, ord, rep_key, id, stage, day_text AS dt, ((n) / (w)) + CASE WHEN k <= n - w * ((n) / (w)) THEN 1 ELSE 0 END AS n, cr FROM (SELECT j7.*, LPAD(CAST(100 * jb + jdd - 4800 + ((jm) / (10)) AS TEXT), 4, '0') || '-' || LPAD(CAST(jm + 3 - 12 * ((jm) / (10)) AS TEXT), 2, '0') || '-' || LPAD(CAST(je - ((153 * jm + 2) / (5)) + 1 AS TEXT), 2, '0') AS day_text FROM (SELECT j6.*, ((5 * je + 2) / (153)) AS jm FROM (SELECT j5.*, jc - ((1461 * jdd) / (4)) AS je FROM (SELECT j4.*, ((4 * jc + 3) / (1461)) AS jdd FROM (SELECT j3.*, ja - ((146097 * jb) / (4)) AS jc FROM (SELECT j2.*, ((4 * ja + 3) / (146097)) AS jb FROM (SELECT j1.*, jd + 32044 AS ja FROM ts_1 j1) j2) j3) j4) j5) j6) j7) spread WHERE ((n) / (w)) + CASE WHEN k <= n - w * ((n) / (w)) THEN 1 ELSE 0 END > 0
  UNION ALL
  SELECT inp, ord, rep_key, id, stage, dt, n, cr FROM tw_1 tw WHERE NOT EXISTS (SELECT 1 FROM td_1 td WHERE td.rk = tw.rk)
),
rej_1 AS (
  SELECT inp, ord, line, CASE status WHEN 'NO_REP' THEN 'NO_REP' WHEN 'date:0' THEN CASE WHEN dp0 = 'AMBIGUOUS' THEN 'AMBIGUOUS_DATE' ELSE 'BAD_DATE' END WHEN 'count:0' THEN 'BAD_COUNT' END AS code, CASE status WHEN 'NO_REP' THEN 'Rep' WHEN 'date:0' THEN 'W/E' WHEN 'count:0' THEN 'Dials' END AS field, CASE status WHEN 'NO_REP' THEN c0 WHEN 'date:0' THEN c1 WHEN 'count:0' THEN k0 END AS value, CASE status WHEN 'NO_REP' THEN 'no rep: column "Rep" is empty' WHEN 'date:0' THEN CASE dp0 WHEN 'EMPTY' THEN 'the date is empty in column "W/E"' WHEN 'CALENDAR' THEN '"' || CASE WHEN d0_shape = 'iso' AND char_length(v0) > 10 THEN SUBSTR(v0, 1, 10) ELSE v0 END || '" is not a date (expected a real calendar date)' || ' in column "W/E"' WHEN 'AMBIGUOUS' THEN 'dates like "' || v0 || '" could be day-first or month-first; set dateFormat on sources[1], e.g. dd/MM/yyyy or MM/dd/yyyy' WHEN 'BAD' THEN '"' || v0 || '" is not a date (expected YYYY-MM-DD, or set dateFormat)' || ' in column "W/E"' WHEN 'DETECTED' THEN '"' || v0 || '" is not a date (expected YYYY-MM-DD, or set dateFormat)' || ' in column "W/E"' WHEN 'FORMAT' THEN '"' || v0 || '" is not a date (expected YYYY-MM-DD, or set dateFormat)' || ' in column "W/E"' END WHEN 'count:0' THEN '"' || k0 || '" in column "Dials" is not a count (a whole number ≥ 0); leave the cell empty when nothing was recorded' END AS reason
  FROM st_1 WHERE status NOT IN ('used', 'ignored')
),
ev AS (
  SELECT inp, ord, rep_key, id, stage, dt, n, cr FROM ev_0
  UNION ALL
  SELECT inp, ord, rep_key, id, stage, dt, n, cr FROM ev_1
),
ranked AS (
  SELECT ev.*, CASE WHEN id IS NULL THEN 1 ELSE ROW_NUMBER() OVER (PARTITION BY id, stage ORDER BY inp, ord, dt, rep_key) END AS rn
  FROM ev
),
seen AS (
  SELECT rep_key, rep_name, inp, ord FROM st_0 WHERE status <> 'ignored' AND rep_name <> ''
  UNION ALL
  SELECT rep_key, rep_name, inp, ord FROM st_1 WHERE status <> 'ignored' AND rep_name <> ''
),
names AS (
  SELECT rep_key, rep_name FROM (
    SELECT rep_key, rep_name, ROW_NUMBER() OVER (PARTITION BY rep_key ORDER BY inp, ord, rep_name) AS rn FROM seen
  ) first_seen WHERE rn = 1
),
kept AS (
  SELECT r.inp, COALESCE(cfg.rep_key, r.rep_key) AS rep_key, COALESCE(cfg.rep_name, nm.rep_name) AS rep_name, r.dt, r.stage, r.n, r.cr
  FROM ranked r LEFT JOIN cfg_reps cfg ON cfg.alias_key = r.rep_key LEFT JOIN names nm ON nm.rep_key = r.rep_key
  WHERE r.rn = 1
),
acct AS (
  SELECT 0 AS inp, COUNT(*) AS n_rows, COALESCE(SUM(CASE WHEN status = 'used' THEN 1 ELSE 0 END), 0) AS n_used, COALESCE(SUM(CASE WHEN status = 'ignored' THEN 1 ELSE 0 END), 0) AS n_ignored, COALESCE(SUM(CASE WHEN status NOT IN ('used', 'ignored') THEN 1 ELSE 0 END), 0) AS n_rejected FROM st_0
  UNION ALL
  SELECT 1 AS inp, COUNT(*) AS n_rows, COALESCE(SUM(CASE WHEN status = 'used' THEN 1 ELSE 0 END), 0) AS n_used, COALESCE(SUM(CASE WHEN status = 'ignored' THEN 1 ELSE 0 END), 0) AS n_ignored, COALESCE(SUM(CASE WHEN status NOT IN ('used', 'ignored') THEN 1 ELSE 0 END), 0) AS n_rejected FROM st_1
),
dups AS (
  SELECT inp, COUNT(*) AS n FROM ranked WHERE rn > 1 GROUP BY inp
),
cyc AS (
  SELECT inp, rep_key, rep_name, dt, days, COUNT(*) AS n FROM (
    SELECT inp, rep_key, rep_name, dt, (CAST(SUBSTR(dt, 9, 2) AS BIGINT) + ((153 * (CAST(SUBSTR(dt, 6, 2) AS BIGINT) + 12 * ((14 - CAST(SUBSTR(dt, 6, 2) AS BIGINT)) / (12)) - 3) + 2) / (5)) + 365 * (CAST(SUBSTR(dt, 1, 4) AS BIGINT) + 4800 - ((14 - CAST(SUBSTR(dt, 6, 2) AS BIGINT)) / (12))) + (((CAST(SUBSTR(dt, 1, 4) AS BIGINT) + 4800 - ((14 - CAST(SUBSTR(dt, 6, 2) AS BIGINT)) / (12)))) / (4)) - (((CAST(SUBSTR(dt, 1, 4) AS BIGINT) + 4800 - ((14 - CAST(SUBSTR(dt, 6, 2) AS BIGINT)) / (12)))) / (100)) + (((CAST(SUBSTR(dt, 1, 4) AS BIGINT) + 4800 - ((14 - CAST(SUBSTR(dt, 6, 2) AS BIGINT)) / (12)))) / (400)) - 32045) - (CAST(SUBSTR(cr, 9, 2) AS BIGINT) + ((153 * (CAST(SUBSTR(cr, 6, 2) AS BIGINT) + 12 * ((14 - CAST(SUBSTR(cr, 6, 2) AS BIGINT)) / (12)) - 3) + 2) / (5)) + 365 * (CAST(SUBSTR(cr, 1, 4) AS BIGINT) + 4800 - ((14 - CAST(SUBSTR(cr, 6, 2) AS BIGINT)) / (12))) + (((CAST(SUBSTR(cr, 1, 4) AS BIGINT) + 4800 - ((14 - CAST(SUBSTR(cr, 6, 2) AS BIGINT)) / (12)))) / (4)) - (((CAST(SUBSTR(cr, 1, 4) AS BIGINT) + 4800 - ((14 - CAST(SUBSTR(cr, 6, 2) AS BIGINT)) / (12)))) / (100)) + (((CAST(SUBSTR(cr, 1, 4) AS BIGINT) + 4800 - ((14 - CAST(SUBSTR(cr, 6, 2) AS BIGINT)) / (12)))) / (400)) - 32045) AS days FROM kept WHERE stage = 'close' AND cr IS NOT NULL
  ) closes GROUP BY inp, rep_key, rep_name, dt, days
),
rej AS (
  SELECT inp, ord, line, code, field, value, reason FROM rej_0
  UNION ALL
  SELECT inp, ord, line, code, field, value, reason FROM rej_1
)
SELECT "kind", "source", "line", "rep", "date", "dial", "close", "rows", "used", "ignored", "rejected", "duplicates", "code", "field", "value", "reason", "cycle_days", "cycle_closes" FROM (
  SELECT 'tally' AS "kind", CASE inp WHEN 0 THEN 'weekly' WHEN 1 THEN 'weekend' END AS "source", CAST(NULL AS BIGINT) AS "line", rep_name AS "rep", dt AS "date", CAST(COALESCE(SUM(CASE WHEN stage = 'dial' THEN n END), 0) AS BIGINT) AS "dial", CAST(COALESCE(SUM(CASE WHEN stage = 'close' THEN n END), 0) AS BIGINT) AS "close", CAST(NULL AS BIGINT) AS "rows", CAST(NULL AS BIGINT) AS "used", CAST(NULL AS BIGINT) AS "ignored", CAST(NULL AS BIGINT) AS "rejected", CAST(NULL AS BIGINT) AS "duplicates", CAST(NULL AS TEXT) AS "code", CAST(NULL AS TEXT) AS "field", CAST(NULL AS TEXT) AS "value", CAST(NULL AS TEXT) AS "reason", CAST(NULL AS BIGINT) AS "cycle_days", CAST(NULL AS BIGINT) AS "cycle_closes", 1 AS k_order, inp AS k_inp, CAST(NULL AS BIGINT) AS k_ord, rep_key AS k_rep FROM kept GROUP BY inp, rep_key, rep_name, dt
  UNION ALL
  SELECT 'input', CASE a.inp WHEN 0 THEN 'weekly' WHEN 1 THEN 'weekend' END, CAST(NULL AS BIGINT), CAST(NULL AS TEXT), CAST(NULL AS TEXT), CAST(NULL AS BIGINT), CAST(NULL AS BIGINT), a.n_rows, a.n_used, a.n_ignored, a.n_rejected, COALESCE(dp.n, 0), CAST(NULL AS TEXT), CAST(NULL AS TEXT), CAST(NULL AS TEXT), CAST(NULL AS TEXT), CAST(NULL AS BIGINT), CAST(NULL AS BIGINT), 0, a.inp, CAST(NULL AS BIGINT), CAST(NULL AS TEXT) FROM acct a LEFT JOIN dups dp ON dp.inp = a.inp
  UNION ALL
  SELECT 'cycle', CASE inp WHEN 0 THEN 'weekly' WHEN 1 THEN 'weekend' END, CAST(NULL AS BIGINT), rep_name, dt, CAST(NULL AS BIGINT), CAST(NULL AS BIGINT), CAST(NULL AS BIGINT), CAST(NULL AS BIGINT), CAST(NULL AS BIGINT), CAST(NULL AS BIGINT), CAST(NULL AS BIGINT), CAST(NULL AS TEXT), CAST(NULL AS TEXT), CAST(NULL AS TEXT), CAST(NULL AS TEXT), CAST(days AS BIGINT), CAST(n AS BIGINT), 2, inp, days, rep_key FROM cyc
  UNION ALL
  SELECT 'reject', CASE inp WHEN 0 THEN 'weekly' WHEN 1 THEN 'weekend' END, line, CAST(NULL AS TEXT), CAST(NULL AS TEXT), CAST(NULL AS BIGINT), CAST(NULL AS BIGINT), CAST(NULL AS BIGINT), CAST(NULL AS BIGINT), CAST(NULL AS BIGINT), CAST(NULL AS BIGINT), CAST(NULL AS BIGINT), code, field, value, reason, CAST(NULL AS BIGINT), CAST(NULL AS BIGINT), 3, inp, ord, CAST(NULL AS TEXT) FROM rej
) result
ORDER BY k_order, k_inp, k_rep, "date", k_ord
