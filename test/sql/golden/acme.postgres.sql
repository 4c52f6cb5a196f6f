-- funnel: the daily tally, the row accounting and the rejected rows of 3 inputs (postgres).
-- kind = 'tally': source, rep, date and a count per stage; 'input': rows = used + ignored + rejected per source,
-- and duplicates dropped; 'cycle': rep, close date, cycle_days (created to close) and cycle_closes;
-- 'reject': source, line, code, field, value, reason. See docs/warehouse.md.
WITH
cfg_reps AS (
  SELECT 'priya raman' AS alias_key, 'priya raman' AS rep_key, 'Priya Raman' AS rep_name
  UNION ALL
  SELECT 'priya.raman@acme.example' AS alias_key, 'priya raman' AS rep_key, 'Priya Raman' AS rep_name
  UNION ALL
  SELECT 'marisol vega' AS alias_key, 'marisol vega' AS rep_key, 'Marisol Vega' AS rep_name
  UNION ALL
  SELECT 'connor walsh' AS alias_key, 'connor walsh' AS rep_key, 'Connor Walsh' AS rep_name
  UNION ALL
  SELECT 'aisha bello' AS alias_key, 'aisha bello' AS rep_key, 'Aisha Bello' AS rep_name
  UNION ALL
  SELECT 'grace mwangi' AS alias_key, 'grace mwangi' AS rep_key, 'Grace Mwangi' AS rep_name
),
raw_0 AS (
  SELECT 0 AS inp, CAST("_row" AS BIGINT) AS ord, CAST("_row" AS BIGINT) AS line, COALESCE(CAST("Activity assigned to" AS TEXT), '') AS c0, COALESCE(CAST("Record ID" AS TEXT), '') AS c1, COALESCE(CAST("Activity date" AS TEXT), '') AS c2, COALESCE(CAST("Call direction" AS TEXT), '') AS c3, COALESCE(CAST("Call outcome" AS TEXT), '') AS c4
  FROM "hubspot_calls"
),
l1_0 AS (
  SELECT inp, ord, line, c0, regexp_replace(regexp_replace(c0, '[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+', ' ', 'g'), '^[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+|[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+$', '', 'g') AS x_c0, c1, regexp_replace(regexp_replace(c1, '[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+', ' ', 'g'), '^[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+|[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+$', '', 'g') AS x_c1, c2, regexp_replace(regexp_replace(c2, '[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+', ' ', 'g'), '^[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+|[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+$', '', 'g') AS x_c2, c3, regexp_replace(regexp_replace(c3, '[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+', ' ', 'g'), '^[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+|[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+$', '', 'g') AS x_c3, c4, regexp_replace(regexp_replace(c4, '[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+', ' ', 'g'), '^[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+|[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+$', '', 'g') AS x_c4, regexp_replace(c2, '^[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+|[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+$', '', 'g') AS v0, regexp_replace(c1, '^[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+|[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+$', '', 'g') AS id_text
  FROM raw_0
),
l2_0 AS MATERIALIZED (
  SELECT l1.*,
    CASE WHEN v0 = '' THEN 'empty' WHEN (v0 ~ '^[0-9]{1,4}\-[0-9]{1,2}\-[0-9]{1,2} [0-9]{1,2}:[0-9]{1,2}$') THEN 'fmt' ELSE 'bad' END AS d0_shape,
    CASE WHEN (v0 ~ '^[0-9]{1,4}\-[0-9]{1,2}\-[0-9]{1,2} [0-9]{1,2}:[0-9]{1,2}$') THEN CAST(substring(v0 from '^([0-9]{1,4})') AS BIGINT) END AS d0_y,
    CASE WHEN (v0 ~ '^[0-9]{1,4}\-[0-9]{1,2}\-[0-9]{1,2} [0-9]{1,2}:[0-9]{1,2}$') THEN CAST(substring(v0 from '^[0-9]{1,4}\-([0-9]{1,2})') AS BIGINT) END AS d0_m,
    CASE WHEN (v0 ~ '^[0-9]{1,4}\-[0-9]{1,2}\-[0-9]{1,2} [0-9]{1,2}:[0-9]{1,2}$') THEN CAST(substring(v0 from '^[0-9]{1,4}\-[0-9]{1,2}\-([0-9]{1,2})') AS BIGINT) END AS d0_d,
    CASE WHEN (v0 ~ '^[0-9]{1,4}\-[0-9]{1,2}\-[0-9]{1,2} [0-9]{1,2}:[0-9]{1,2}$') THEN CAST(substring(v0 from '^[0-9]{1,4}\-[0-9]{1,2}\-[0-9]{1,2} ([0-9]{1,2})') AS BIGINT) END AS d0_hour23,
    CASE WHEN (v0 ~ '^[0-9]{1,4}\-[0-9]{1,2}\-[0-9]{1,2} [0-9]{1,2}:[0-9]{1,2}$') THEN CAST(substring(v0 from '^[0-9]{1,4}\-[0-9]{1,2}\-[0-9]{1,2} [0-9]{1,2}:([0-9]{1,2})') AS BIGINT) END AS d0_minute,
    CASE WHEN (LOWER(x_c3) = 'outbound') THEN 1 ELSE 0 END AS m0,
    CASE WHEN (LOWER(x_c3) = 'outbound' AND LOWER(x_c4) IN ('connected', 'meeting booked')) THEN 1 ELSE 0 END AS m1
  FROM l1_0 l1
),
l3_0 AS (
  SELECT l2.*,
    x_c0 AS rep_name,
    LOWER(x_c0) AS rep_key,
    CASE WHEN d0_shape = 'fmt' AND d0_y BETWEEN 1900 AND 2199 AND d0_m BETWEEN 1 AND 12 AND d0_d BETWEEN 1 AND CASE WHEN d0_m = 2 THEN CASE WHEN (mod(d0_y, 4) = 0 AND mod(d0_y, 100) <> 0 OR mod(d0_y, 400) = 0) THEN 29 ELSE 28 END WHEN d0_m IN (4, 6, 9, 11) THEN 30 ELSE 31 END AND d0_hour23 BETWEEN 0 AND 23 AND d0_minute BETWEEN 0 AND 59 THEN LPAD(CAST(d0_y AS TEXT), 4, '0') || '-' || LPAD(CAST(d0_m AS TEXT), 2, '0') || '-' || LPAD(CAST(d0_d AS TEXT), 2, '0') END AS dt0,
    CASE WHEN d0_shape = 'empty' THEN 'EMPTY' WHEN d0_shape = 'fmt' AND d0_y BETWEEN 1900 AND 2199 AND d0_m BETWEEN 1 AND 12 AND d0_d BETWEEN 1 AND CASE WHEN d0_m = 2 THEN CASE WHEN (mod(d0_y, 4) = 0 AND mod(d0_y, 100) <> 0 OR mod(d0_y, 400) = 0) THEN 29 ELSE 28 END WHEN d0_m IN (4, 6, 9, 11) THEN 30 ELSE 31 END AND d0_hour23 BETWEEN 0 AND 23 AND d0_minute BETWEEN 0 AND 59 THEN NULL ELSE 'FORMAT' END AS dp0,
    CASE WHEN id_text = '' THEN NULL ELSE id_text END AS id
  FROM l2_0 l2
),
st_0 AS (
  SELECT l3.*, CASE WHEN m0 = 0 AND m1 = 0 THEN 'ignored' WHEN x_c0 = '' THEN 'NO_REP' WHEN m0 = 1 AND dt0 IS NULL THEN 'date:0' WHEN m1 = 1 AND dt0 IS NULL THEN 'date:0' ELSE 'used' END AS status
  FROM l3_0 l3
),
ev_0 AS (
  SELECT inp, ord, rep_key, id, 'dial' AS stage, dt0 AS dt, 1 AS n, CAST(NULL AS TEXT) AS cr FROM st_0 WHERE status = 'used' AND m0 = 1
  UNION ALL
  SELECT inp, ord, rep_key, id, 'conversation' AS stage, dt0 AS dt, 1 AS n, CAST(NULL AS TEXT) AS cr FROM st_0 WHERE status = 'used' AND m1 = 1
),
rej_0 AS (
  SELECT inp, ord, line, CASE status WHEN 'NO_REP' THEN 'NO_REP' WHEN 'date:0' THEN CASE WHEN dp0 = 'AMBIGUOUS' THEN 'AMBIGUOUS_DATE' ELSE 'BAD_DATE' END END AS code, CASE status WHEN 'NO_REP' THEN 'Activity assigned to' WHEN 'date:0' THEN 'Activity date' END AS field, CASE status WHEN 'NO_REP' THEN c0 WHEN 'date:0' THEN c2 END AS value, CASE status WHEN 'NO_REP' THEN 'no rep: column "Activity assigned to" is empty' WHEN 'date:0' THEN CASE dp0 WHEN 'EMPTY' THEN 'the date is empty in column "Activity date"' WHEN 'CALENDAR' THEN '"' || CASE WHEN d0_shape = 'iso' AND char_length(v0) > 10 THEN SUBSTR(v0, 1, 10) ELSE v0 END || '" is not a date (expected a real calendar date)' || ' in column "Activity date"' WHEN 'AMBIGUOUS' THEN 'dates like "' || v0 || '" could be day-first or month-first; set dateFormat on sources[0], e.g. dd/MM/yyyy or MM/dd/yyyy' WHEN 'BAD' THEN '"' || v0 || '" is not a date (expected dateFormat "yyyy-MM-dd HH:mm")' || ' in column "Activity date"' WHEN 'DETECTED' THEN '"' || v0 || '" is not a date (expected dateFormat "yyyy-MM-dd HH:mm")' || ' in column "Activity date"' WHEN 'FORMAT' THEN '"' || v0 || '" is not a date (expected dateFormat "yyyy-MM-dd HH:mm")' || ' in column "Activity date"' END END AS reason
  FROM st_0 WHERE status NOT IN ('used', 'ignored')
),
raw_1 AS (
  SELECT 1 AS inp, CAST("_row" AS BIGINT) AS ord, CAST("_row" AS BIGINT) AS line, COALESCE(CAST("Activity assigned to" AS TEXT), '') AS c0, COALESCE(CAST("Record ID" AS TEXT), '') AS c1, COALESCE(CAST("Create date" AS TEXT), '') AS c2, COALESCE(CAST("Activity date" AS TEXT), '') AS c3, COALESCE(CAST("Meeting outcome" AS TEXT), '') AS c4, COALESCE(CAST("Call and meeting type" AS TEXT), '') AS c5
  FROM "hubspot_meetings"
),
l1_1 AS (
  SELECT inp, ord, line, c0, regexp_replace(regexp_replace(c0, '[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+', ' ', 'g'), '^[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+|[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+$', '', 'g') AS x_c0, c1, regexp_replace(regexp_replace(c1, '[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+', ' ', 'g'), '^[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+|[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+$', '', 'g') AS x_c1, c2, regexp_replace(regexp_replace(c2, '[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+', ' ', 'g'), '^[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+|[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+$', '', 'g') AS x_c2, c3, regexp_replace(regexp_replace(c3, '[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+', ' ', 'g'), '^[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+|[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+$', '', 'g') AS x_c3, c4, regexp_replace(regexp_replace(c4, '[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+', ' ', 'g'), '^[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+|[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+$', '', 'g') AS x_c4, c5, regexp_replace(regexp_replace(c5, '[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+', ' ', 'g'), '^[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+|[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+$', '', 'g') AS x_c5, regexp_replace(c2, '^[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+|[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+$', '', 'g') AS v0, regexp_replace(c3, '^[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+|[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+$', '', 'g') AS v1, regexp_replace(c1, '^[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+|[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+$', '', 'g') AS id_text
  FROM raw_1
),
l2_1 AS MATERIALIZED (
  SELECT l1.*,
    CASE WHEN v0 = '' THEN 'empty' WHEN (v0 ~ '^[0-9]{1,4}\-[0-9]{1,2}\-[0-9]{1,2} [0-9]{1,2}:[0-9]{1,2}$') THEN 'fmt' ELSE 'bad' END AS d0_shape,
    CASE WHEN (v0 ~ '^[0-9]{1,4}\-[0-9]{1,2}\-[0-9]{1,2} [0-9]{1,2}:[0-9]{1,2}$') THEN CAST(substring(v0 from '^([0-9]{1,4})') AS BIGINT) END AS d0_y,
    CASE WHEN (v0 ~ '^[0-9]{1,4}\-[0-9]{1,2}\-[0-9]{1,2} [0-9]{1,2}:[0-9]{1,2}$') THEN CAST(substring(v0 from '^[0-9]{1,4}\-([0-9]{1,2})') AS BIGINT) END AS d0_m,
    CASE WHEN (v0 ~ '^[0-9]{1,4}\-[0-9]{1,2}\-[0-9]{1,2} [0-9]{1,2}:[0-9]{1,2}$') THEN CAST(substring(v0 from '^[0-9]{1,4}\-[0-9]{1,2}\-([0-9]{1,2})') AS BIGINT) END AS d0_d,
    CASE WHEN (v0 ~ '^[0-9]{1,4}\-[0-9]{1,2}\-[0-9]{1,2} [0-9]{1,2}:[0-9]{1,2}$') THEN CAST(substring(v0 from '^[0-9]{1,4}\-[0-9]{1,2}\-[0-9]{1,2} ([0-9]{1,2})') AS BIGINT) END AS d0_hour23,
    CASE WHEN (v0 ~ '^[0-9]{1,4}\-[0-9]{1,2}\-[0-9]{1,2} [0-9]{1,2}:[0-9]{1,2}$') THEN CAST(substring(v0 from '^[0-9]{1,4}\-[0-9]{1,2}\-[0-9]{1,2} [0-9]{1,2}:([0-9]{1,2})') AS BIGINT) END AS d0_minute,
    CASE WHEN v1 = '' THEN 'empty' WHEN (v1 ~ '^[0-9]{1,4}\-[0-9]{1,2}\-[0-9]{1,2} [0-9]{1,2}:[0-9]{1,2}$') THEN 'fmt' ELSE 'bad' END AS d1_shape,
    CASE WHEN (v1 ~ '^[0-9]{1,4}\-[0-9]{1,2}\-[0-9]{1,2} [0-9]{1,2}:[0-9]{1,2}$') THEN CAST(substring(v1 from '^([0-9]{1,4})') AS BIGINT) END AS d1_y,
    CASE WHEN (v1 ~ '^[0-9]{1,4}\-[0-9]{1,2}\-[0-9]{1,2} [0-9]{1,2}:[0-9]{1,2}$') THEN CAST(substring(v1 from '^[0-9]{1,4}\-([0-9]{1,2})') AS BIGINT) END AS d1_m,
    CASE WHEN (v1 ~ '^[0-9]{1,4}\-[0-9]{1,2}\-[0-9]{1,2} [0-9]{1,2}:[0-9]{1,2}$') THEN CAST(substring(v1 from '^[0-9]{1,4}\-[0-9]{1,2}\-([0-9]{1,2})') AS BIGINT) END AS d1_d,
    CASE WHEN (v1 ~ '^[0-9]{1,4}\-[0-9]{1,2}\-[0-9]{1,2} [0-9]{1,2}:[0-9]{1,2}$') THEN CAST(substring(v1 from '^[0-9]{1,4}\-[0-9]{1,2}\-[0-9]{1,2} ([0-9]{1,2})') AS BIGINT) END AS d1_hour23,
    CASE WHEN (v1 ~ '^[0-9]{1,4}\-[0-9]{1,2}\-[0-9]{1,2} [0-9]{1,2}:[0-9]{1,2}$') THEN CAST(substring(v1 from '^[0-9]{1,4}\-[0-9]{1,2}\-[0-9]{1,2} [0-9]{1,2}:([0-9]{1,2})') AS BIGINT) END AS d1_minute,
    CASE WHEN (x_c1 <> '') THEN 1 ELSE 0 END AS m0,
    CASE WHEN (LOWER(x_c4) = 'completed') THEN 1 ELSE 0 END AS m1,
    CASE WHEN (LOWER(x_c4) = 'completed' AND LOWER(x_c5) = 'follow-up') THEN 1 ELSE 0 END AS m2
  FROM l1_1 l1
),
l3_1 AS (
  SELECT l2.*,
    x_c0 AS rep_name,
    LOWER(x_c0) AS rep_key,
    CASE WHEN d0_shape = 'fmt' AND d0_y BETWEEN 1900 AND 2199 AND d0_m BETWEEN 1 AND 12 AND d0_d BETWEEN 1 AND CASE WHEN d0_m = 2 THEN CASE WHEN (mod(d0_y, 4) = 0 AND mod(d0_y, 100) <> 0 OR mod(d0_y, 400) = 0) THEN 29 ELSE 28 END WHEN d0_m IN (4, 6, 9, 11) THEN 30 ELSE 31 END AND d0_hour23 BETWEEN 0 AND 23 AND d0_minute BETWEEN 0 AND 59 THEN LPAD(CAST(d0_y AS TEXT), 4, '0') || '-' || LPAD(CAST(d0_m AS TEXT), 2, '0') || '-' || LPAD(CAST(d0_d AS TEXT), 2, '0') END AS dt0,
    CASE WHEN d0_shape = 'empty' THEN 'EMPTY' WHEN d0_shape = 'fmt' AND d0_y BETWEEN 1900 AND 2199 AND d0_m BETWEEN 1 AND 12 AND d0_d BETWEEN 1 AND CASE WHEN d0_m = 2 THEN CASE WHEN (mod(d0_y, 4) = 0 AND mod(d0_y, 100) <> 0 OR mod(d0_y, 400) = 0) THEN 29 ELSE 28 END WHEN d0_m IN (4, 6, 9, 11) THEN 30 ELSE 31 END AND d0_hour23 BETWEEN 0 AND 23 AND d0_minute BETWEEN 0 AND 59 THEN NULL ELSE 'FORMAT' END AS dp0,
    CASE WHEN d1_shape = 'fmt' AND d1_y BETWEEN 1900 AND 2199 AND d1_m BETWEEN 1 AND 12 AND d1_d BETWEEN 1 AND CASE WHEN d1_m = 2 THEN CASE WHEN (mod(d1_y, 4) = 0 AND mod(d1_y, 100) <> 0 OR mod(d1_y, 400) = 0) THEN 29 ELSE 28 END WHEN d1_m IN (4, 6, 9, 11) THEN 30 ELSE 31 END AND d1_hour23 BETWEEN 0 AND 23 AND d1_minute BETWEEN 0 AND 59 THEN LPAD(CAST(d1_y AS TEXT), 4, '0') || '-' || LPAD(CAST(d1_m AS TEXT), 2, '0') || '-' || LPAD(CAST(d1_d AS TEXT), 2, '0') END AS dt1,
    CASE WHEN d1_shape = 'empty' THEN 'EMPTY' WHEN d1_shape = 'fmt' AND d1_y BETWEEN 1900 AND 2199 AND d1_m BETWEEN 1 AND 12 AND d1_d BETWEEN 1 AND CASE WHEN d1_m = 2 THEN CASE WHEN (mod(d1_y, 4) = 0 AND mod(d1_y, 100) <> 0 OR mod(d1_y, 400) = 0) THEN 29 ELSE 28 END WHEN d1_m IN (4, 6, 9, 11) THEN 30 ELSE 31 END AND d1_hour23 BETWEEN 0 AND 23 AND d1_minute BETWEEN 0 AND 59 THEN NULL ELSE 'FORMAT' END AS dp1,
    CASE WHEN id_text = '' THEN NULL ELSE id_text END AS id
  FROM l2_1 l2
),
st_1 AS (
  SELECT l3.*, CASE WHEN m0 = 0 AND m1 = 0 AND m2 = 0 THEN 'ignored' WHEN x_c0 = '' THEN 'NO_REP' WHEN m0 = 1 AND dt0 IS NULL THEN 'date:0' WHEN m1 = 1 AND dt1 IS NULL THEN 'date:1' WHEN m2 = 1 AND dt1 IS NULL THEN 'date:1' ELSE 'used' END AS status
  FROM l3_1 l3
),
ev_1 AS (
  SELECT inp, ord, rep_key, id, 'appointment_set' AS stage, dt0 AS dt, 1 AS n, CAST(NULL AS TEXT) AS cr FROM st_1 WHERE status = 'used' AND m0 = 1
  UNION ALL
  SELECT inp, ord, rep_key, id, 'appointment_kept' AS stage, dt1 AS dt, 1 AS n, CAST(NULL AS TEXT) AS cr FROM st_1 WHERE status = 'used' AND m1 = 1
  UNION ALL
  SELECT inp, ord, rep_key, id, 'second_meeting' AS stage, dt1 AS dt, 1 AS n, CAST(NULL AS TEXT) AS cr FROM st_1 WHERE status = 'used' AND m2 = 1
),
rej_1 AS (
  SELECT inp, ord, line, CASE status WHEN 'NO_REP' THEN 'NO_REP' WHEN 'date:0' THEN CASE WHEN dp0 = 'AMBIGUOUS' THEN 'AMBIGUOUS_DATE' ELSE 'BAD_DATE' END WHEN 'date:1' THEN CASE WHEN dp1 = 'AMBIGUOUS' THEN 'AMBIGUOUS_DATE' ELSE 'BAD_DATE' END END AS code, CASE status WHEN 'NO_REP' THEN 'Activity assigned to' WHEN 'date:0' THEN 'Create date' WHEN 'date:1' THEN 'Activity date' END AS field, CASE status WHEN 'NO_REP' THEN c0 WHEN 'date:0' THEN c2 WHEN 'date:1' THEN c3 END AS value, CASE status WHEN 'NO_REP' THEN 'no rep: column "Activity assigned to" is empty' WHEN 'date:0' THEN CASE dp0 WHEN 'EMPTY' THEN 'the date is empty in column "Create date"' WHEN 'CALENDAR' THEN '"' || CASE WHEN d0_shape = 'iso' AND char_length(v0) > 10 THEN SUBSTR(v0, 1, 10) ELSE v0 END || '" is not a date (expected a real calendar date)' || ' in column "Create date"' WHEN 'AMBIGUOUS' THEN 'dates like "' || v0 || '" could be day-first or month-first; set dateFormat on sources[1], e.g. dd/MM/yyyy or MM/dd/yyyy' WHEN 'BAD' THEN '"' || v0 || '" is not a date (expected dateFormat "yyyy-MM-dd HH:mm")' || ' in column "Create date"' WHEN 'DETECTED' THEN '"' || v0 || '" is not a date (expected dateFormat "yyyy-MM-dd HH:mm")' || ' in column "Create date"' WHEN 'FORMAT' THEN '"' || v0 || '" is not a date (expected dateFormat "yyyy-MM-dd HH:mm")' || ' in column "Create date"' END WHEN 'date:1' THEN CASE dp1 WHEN 'EMPTY' THEN 'the date is empty in column "Activity date"' WHEN 'CALENDAR' THEN '"' || CASE WHEN d1_shape = 'iso' AND char_length(v1) > 10 THEN SUBSTR(v1, 1, 10) ELSE v1 END || '" is not a date (expected a real calendar date)' || ' in column "Activity date"' WHEN 'AMBIGUOUS' THEN 'dates like "' || v1 || '" could be day-first or month-first; set dateFormat on sources[1], e.g. dd/MM/yyyy or MM/dd/yyyy' WHEN 'BAD' THEN '"' || v1 || '" is not a date (expected dateFormat "yyyy-MM-dd HH:mm")' || ' in column "Activity date"' WHEN 'DETECTED' THEN '"' || v1 || '" is not a date (expected dateFormat "yyyy-MM-dd HH:mm")' || ' in column "Activity date"' WHEN 'FORMAT' THEN '"' || v1 || '" is not a date (expected dateFormat "yyyy-MM-dd HH:mm")' || ' in column "Activity date"' END END AS reason
  FROM st_1 WHERE status NOT IN ('used', 'ignored')
),
raw_2 AS (
  SELECT 2 AS inp, CAST("_row" AS BIGINT) AS ord, CAST("_row" AS BIGINT) AS line, COALESCE(CAST("Deal owner" AS TEXT), '') AS c0, COALESCE(CAST("Record ID" AS TEXT), '') AS c1, COALESCE(CAST("Create Date" AS TEXT), '') AS c2, COALESCE(CAST("Close Date" AS TEXT), '') AS c3, COALESCE(CAST("Deal Stage" AS TEXT), '') AS c4, COALESCE(CAST("Is Closed Won" AS TEXT), '') AS c5
  FROM "crm"."deals"
),
l1_2 AS (
  SELECT inp, ord, line, c0, regexp_replace(regexp_replace(c0, '[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+', ' ', 'g'), '^[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+|[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+$', '', 'g') AS x_c0, c1, regexp_replace(regexp_replace(c1, '[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+', ' ', 'g'), '^[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+|[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+$', '', 'g') AS x_c1, c2, regexp_replace(regexp_replace(c2, '[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+', ' ', 'g'), '^[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+|[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+$', '', 'g') AS x_c2, c3, regexp_replace(regexp_replace(c3, '[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+', ' ', 'g'), '^[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+|[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+$', '', 'g') AS x_c3, c4, regexp_replace(regexp_replace(c4, '[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+', ' ', 'g'), '^[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+|[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+$', '', 'g') AS x_c4, c5, regexp_replace(regexp_replace(c5, '[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+', ' ', 'g'), '^[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+|[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+$', '', 'g') AS x_c5, regexp_replace(c2, '^[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+|[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+$', '', 'g') AS v0, regexp_replace(c3, '^[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+|[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+$', '', 'g') AS v1, regexp_replace(c1, '^[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+|[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+$', '', 'g') AS id_text
  FROM raw_2
),
l2_2 AS MATERIALIZED (
  SELECT l1.*,
    CASE WHEN v0 = '' THEN 'empty' WHEN (v0 ~ '^[0-9]{1,4}\-[0-9]{1,2}\-[0-9]{1,2} [0-9]{1,2}:[0-9]{1,2}$') THEN 'fmt' ELSE 'bad' END AS d0_shape,
    CASE WHEN (v0 ~ '^[0-9]{1,4}\-[0-9]{1,2}\-[0-9]{1,2} [0-9]{1,2}:[0-9]{1,2}$') THEN CAST(substring(v0 from '^([0-9]{1,4})') AS BIGINT) END AS d0_y,
    CASE WHEN (v0 ~ '^[0-9]{1,4}\-[0-9]{1,2}\-[0-9]{1,2} [0-9]{1,2}:[0-9]{1,2}$') THEN CAST(substring(v0 from '^[0-9]{1,4}\-([0-9]{1,2})') AS BIGINT) END AS d0_m,
    CASE WHEN (v0 ~ '^[0-9]{1,4}\-[0-9]{1,2}\-[0-9]{1,2} [0-9]{1,2}:[0-9]{1,2}$') THEN CAST(substring(v0 from '^[0-9]{1,4}\-[0-9]{1,2}\-([0-9]{1,2})') AS BIGINT) END AS d0_d,
    CASE WHEN (v0 ~ '^[0-9]{1,4}\-[0-9]{1,2}\-[0-9]{1,2} [0-9]{1,2}:[0-9]{1,2}$') THEN CAST(substring(v0 from '^[0-9]{1,4}\-[0-9]{1,2}\-[0-9]{1,2} ([0-9]{1,2})') AS BIGINT) END AS d0_hour23,
    CASE WHEN (v0 ~ '^[0-9]{1,4}\-[0-9]{1,2}\-[0-9]{1,2} [0-9]{1,2}:[0-9]{1,2}$') THEN CAST(substring(v0 from '^[0-9]{1,4}\-[0-9]{1,2}\-[0-9]{1,2} [0-9]{1,2}:([0-9]{1,2})') AS BIGINT) END AS d0_minute,
    CASE WHEN v1 = '' THEN 'empty' WHEN (v1 ~ '^[0-9]{1,4}\-[0-9]{1,2}\-[0-9]{1,2} [0-9]{1,2}:[0-9]{1,2}$') THEN 'fmt' ELSE 'bad' END AS d1_shape,
    CASE WHEN (v1 ~ '^[0-9]{1,4}\-[0-9]{1,2}\-[0-9]{1,2} [0-9]{1,2}:[0-9]{1,2}$') THEN CAST(substring(v1 from '^([0-9]{1,4})') AS BIGINT) END AS d1_y,
    CASE WHEN (v1 ~ '^[0-9]{1,4}\-[0-9]{1,2}\-[0-9]{1,2} [0-9]{1,2}:[0-9]{1,2}$') THEN CAST(substring(v1 from '^[0-9]{1,4}\-([0-9]{1,2})') AS BIGINT) END AS d1_m,
    CASE WHEN (v1 ~ '^[0-9]{1,4}\-[0-9]{1,2}\-[0-9]{1,2} [0-9]{1,2}:[0-9]{1,2}$') THEN CAST(substring(v1 from '^[0-9]{1,4}\-[0-9]{1,2}\-([0-9]{1,2})') AS BIGINT) END AS d1_d,
    CASE WHEN (v1 ~ '^[0-9]{1,4}\-[0-9]{1,2}\-[0-9]{1,2} [0-9]{1,2}:[0-9]{1,2}$') THEN CAST(substring(v1 from '^[0-9]{1,4}\-[0-9]{1,2}\-[0-9]{1,2} ([0-9]{1,2})') AS BIGINT) END AS d1_hour23,
    CASE WHEN (v1 ~ '^[0-9]{1,4}\-[0-9]{1,2}\-[0-9]{1,2} [0-9]{1,2}:[0-9]{1,2}$') THEN CAST(substring(v1 from '^[0-9]{1,4}\-[0-9]{1,2}\-[0-9]{1,2} [0-9]{1,2}:([0-9]{1,2})') AS BIGINT) END AS d1_minute,
    CASE WHEN (LOWER(x_c4) IN ('contract sent', 'closed won')) THEN 1 ELSE 0 END AS m0,
    CASE WHEN (LOWER(x_c5) = 'true') THEN 1 ELSE 0 END AS m1
  FROM l1_2 l1
),
l3_2 AS (
  SELECT l2.*,
    x_c0 AS rep_name,
    LOWER(x_c0) AS rep_key,
    CASE WHEN d0_shape = 'fmt' AND d0_y BETWEEN 1900 AND 2199 AND d0_m BETWEEN 1 AND 12 AND d0_d BETWEEN 1 AND CASE WHEN d0_m = 2 THEN CASE WHEN (mod(d0_y, 4) = 0 AND mod(d0_y, 100) <> 0 OR mod(d0_y, 400) = 0) THEN 29 ELSE 28 END WHEN d0_m IN (4, 6, 9, 11) THEN 30 ELSE 31 END AND d0_hour23 BETWEEN 0 AND 23 AND d0_minute BETWEEN 0 AND 59 THEN LPAD(CAST(d0_y AS TEXT), 4, '0') || '-' || LPAD(CAST(d0_m AS TEXT), 2, '0') || '-' || LPAD(CAST(d0_d AS TEXT), 2, '0') END AS dt0,
    CASE WHEN d0_shape = 'empty' THEN 'EMPTY' WHEN d0_shape = 'fmt' AND d0_y BETWEEN 1900 AND 2199 AND d0_m BETWEEN 1 AND 12 AND d0_d BETWEEN 1 AND CASE WHEN d0_m = 2 THEN CASE WHEN (mod(d0_y, 4) = 0 AND mod(d0_y, 100) <> 0 OR mod(d0_y, 400) = 0) THEN 29 ELSE 28 END WHEN d0_m IN (4, 6, 9, 11) THEN 30 ELSE 31 END AND d0_hour23 BETWEEN 0 AND 23 AND d0_minute BETWEEN 0 AND 59 THEN NULL ELSE 'FORMAT' END AS dp0,
    CASE WHEN d1_shape = 'fmt' AND d1_y BETWEEN 1900 AND 2199 AND d1_m BETWEEN 1 AND 12 AND d1_d BETWEEN 1 AND CASE WHEN d1_m = 2 THEN CASE WHEN (mod(d1_y, 4) = 0 AND mod(d1_y, 100) <> 0 OR mod(d1_y, 400) = 0) THEN 29 ELSE 28 END WHEN d1_m IN (4, 6, 9, 11) THEN 30 ELSE 31 END AND d1_hour23 BETWEEN 0 AND 23 AND d1_minute BETWEEN 0 AND 59 THEN LPAD(CAST(d1_y AS TEXT), 4, '0') || '-' || LPAD(CAST(d1_m AS TEXT), 2, '0') || '-' || LPAD(CAST(d1_d AS TEXT), 2, '0') END AS dt1,
    CASE WHEN d1_shape = 'empty' THEN 'EMPTY' WHEN d1_shape = 'fmt' AND d1_y BETWEEN 1900 AND 2199 AND d1_m BETWEEN 1 AND 12 AND d1_d BETWEEN 1 AND CASE WHEN d1_m = 2 THEN CASE WHEN (mod(d1_y, 4) = 0 AND mod(d1_y, 100) <> 0 OR mod(d1_y, 400) = 0) THEN 29 ELSE 28 END WHEN d1_m IN (4, 6, 9, 11) THEN 30 ELSE 31 END AND d1_hour23 BETWEEN 0 AND 23 AND d1_minute BETWEEN 0 AND 59 THEN NULL ELSE 'FORMAT' END AS dp1,
    CASE WHEN id_text = '' THEN NULL ELSE id_text END AS id
  FROM l2_2 l2
),
st_2 AS (
  SELECT l3.*, CASE WHEN m0 = 0 AND m1 = 0 THEN 'ignored' WHEN x_c0 = '' THEN 'NO_REP' WHEN m0 = 1 AND dt0 IS NULL THEN 'date:0' WHEN m1 = 1 AND dt1 IS NULL THEN 'date:1' ELSE 'used' END AS status
  FROM l3_2 l3
),
ev_2 AS (
  SELECT inp, ord, rep_key, id, 'proposal' AS stage, dt0 AS dt, 1 AS n, dt0 AS cr FROM st_2 WHERE status = 'used' AND m0 = 1
  UNION ALL
  SELECT inp, ord, rep_key, id, 'close' AS stage, dt1 AS dt, 1 AS n, dt0 AS cr FROM st_2 WHERE status = 'used' AND m1 = 1
),
rej_2 AS (
  SELECT inp, ord, line, CASE status WHEN 'NO_REP' THEN 'NO_REP' WHEN 'date:0' THEN CASE WHEN dp0 = 'AMBIGUOUS' THEN 'AMBIGUOUS_DATE' ELSE 'BAD_DATE' END WHEN 'date:1' THEN CASE WHEN dp1 = 'AMBIGUOUS' THEN 'AMBIGUOUS_DATE' ELSE 'BAD_DATE' END END AS code, CASE status WHEN 'NO_REP' THEN 'Deal owner' WHEN 'date:0' THEN 'Create Date' WHEN 'date:1' THEN 'Close Date' END AS field, CASE status WHEN 'NO_REP' THEN c0 WHEN 'date:0' THEN c2 WHEN 'date:1' THEN c3 END AS value, CASE status WHEN 'NO_REP' THEN 'no rep: column "Deal owner" is empty' WHEN 'date:0' THEN CASE dp0 WHEN 'EMPTY' THEN 'the date is empty in column "Create Date"' WHEN 'CALENDAR' THEN '"' || CASE WHEN d0_shape = 'iso' AND char_length(v0) > 10 THEN SUBSTR(v0, 1, 10) ELSE v0 END || '" is not a date (expected a real calendar date)' || ' in column "Create Date"' WHEN 'AMBIGUOUS' THEN 'dates like "' || v0 || '" could be day-first or month-first; set dateFormat on sources[2], e.g. dd/MM/yyyy or MM/dd/yyyy' WHEN 'BAD' THEN '"' || v0 || '" is not a date (expected dateFormat "yyyy-MM-dd HH:mm")' || ' in column "Create Date"' WHEN 'DETECTED' THEN '"' || v0 || '" is not a date (expected dateFormat "yyyy-MM-dd HH:mm")' || ' in column "Create Date"' WHEN 'FORMAT' THEN '"' || v0 || '" is not a date (expected dateFormat "yyyy-MM-dd HH:mm")' || ' in column "Create Date"' END WHEN 'date:1' THEN CASE dp1 WHEN 'EMPTY' THEN 'the date is empty in column "Close Date"' WHEN 'CALENDAR' THEN '"' || CASE WHEN d1_shape = 'iso' AND char_length(v1) > 10 THEN SUBSTR(v1, 1, 10) ELSE v1 END || '" is not a date (expected a real calendar date)' || ' in column "Close Date"' WHEN 'AMBIGUOUS' THEN 'dates like "' || v1 || '" could be day-first or month-first; set dateFormat on sources[2], e.g. dd/MM/yyyy or MM/dd/yyyy' WHEN 'BAD' THEN '"' || v1 || '" is not a date (expected dateFormat "yyyy-MM-dd HH:mm")' || ' in column "Close Date"' WHEN 'DETECTED' THEN '"' || v1 || '" is not a date (expected dateFormat "yyyy-MM-dd HH:mm")' || ' in column "Close Date"' WHEN 'FORMAT' THEN '"' || v1 || '" is not a date (expected dateFormat "yyyy-MM-dd HH:mm")' || ' in column "Close Date"' END END AS reason
  FROM st_2 WHERE status NOT IN ('used', 'ignored')
),
ev AS (
  SELECT inp, ord, rep_key, id, stage, dt, n, cr FROM ev_0
  UNION ALL
  SELECT inp, ord, rep_key, id, stage, dt, n, cr FROM ev_1
  UNION ALL
  SELECT inp, ord, rep_key, id, stage, dt, n, cr FROM ev_2
),
ranked AS (
  SELECT ev.*, CASE WHEN id IS NULL THEN 1 ELSE ROW_NUMBER() OVER (PARTITION BY id, stage ORDER BY inp, ord, dt, rep_key) END AS rn
  FROM ev
),
seen AS (
  SELECT rep_key, rep_name, inp, ord FROM st_0 WHERE status <> 'ignored' AND rep_name <> ''
  UNION ALL
  SELECT rep_key, rep_name, inp, ord FROM st_1 WHERE status <> 'ignored' AND rep_name <> ''
  UNION ALL
  SELECT rep_key, rep_name, inp, ord FROM st_2 WHERE status <> 'ignored' AND rep_name <> ''
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
  UNION ALL
  SELECT 2 AS inp, COUNT(*) AS n_rows, COALESCE(SUM(CASE WHEN status = 'used' THEN 1 ELSE 0 END), 0) AS n_used, COALESCE(SUM(CASE WHEN status = 'ignored' THEN 1 ELSE 0 END), 0) AS n_ignored, COALESCE(SUM(CASE WHEN status NOT IN ('used', 'ignored') THEN 1 ELSE 0 END), 0) AS n_rejected FROM st_2
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
  UNION ALL
  SELECT inp, ord, line, code, field, value, reason FROM rej_2
)
SELECT "kind", "source", "line", "rep", "date", "dial", "conversation", "appointment_set", "appointment_kept", "second_meeting", "proposal", "close", "rows", "used", "ignored", "rejected", "duplicates", "code", "field", "value", "reason", "cycle_days", "cycle_closes" FROM (
  SELECT 'tally' AS "kind", CASE inp WHEN 0 THEN 'hubspot_calls' WHEN 1 THEN 'hubspot_meetings' WHEN 2 THEN 'hubspot_deals' END AS "source", CAST(NULL AS BIGINT) AS "line", rep_name AS "rep", dt AS "date", CAST(COALESCE(SUM(CASE WHEN stage = 'dial' THEN n END), 0) AS BIGINT) AS "dial", CAST(COALESCE(SUM(CASE WHEN stage = 'conversation' THEN n END), 0) AS BIGINT) AS "conversation", CAST(COALESCE(SUM(CASE WHEN stage = 'appointment_set' THEN n END), 0) AS BIGINT) AS "appointment_set", CAST(COALESCE(SUM(CASE WHEN stage = 'appointment_kept' THEN n END), 0) AS BIGINT) AS "appointment_kept", CAST(COALESCE(SUM(CASE WHEN stage = 'second_meeting' THEN n END), 0) AS BIGINT) AS "second_meeting", CAST(COALESCE(SUM(CASE WHEN stage = 'proposal' THEN n END), 0) AS BIGINT) AS "proposal", CAST(COALESCE(SUM(CASE WHEN stage = 'close' THEN n END), 0) AS BIGINT) AS "close", CAST(NULL AS BIGINT) AS "rows", CAST(NULL AS BIGINT) AS "used", CAST(NULL AS BIGINT) AS "ignored", CAST(NULL AS BIGINT) AS "rejected", CAST(NULL AS BIGINT) AS "duplicates", CAST(NULL AS TEXT) AS "code", CAST(NULL AS TEXT) AS "field", CAST(NULL AS TEXT) AS "value", CAST(NULL AS TEXT) AS "reason", CAST(NULL AS BIGINT) AS "cycle_days", CAST(NULL AS BIGINT) AS "cycle_closes", 1 AS k_order, inp AS k_inp, CAST(NULL AS BIGINT) AS k_ord, rep_key AS k_rep FROM kept GROUP BY inp, rep_key, rep_name, dt
  UNION ALL
  SELECT 'input', CASE a.inp WHEN 0 THEN 'hubspot_calls' WHEN 1 THEN 'hubspot_meetings' WHEN 2 THEN 'hubspot_deals' END, CAST(NULL AS BIGINT), CAST(NULL AS TEXT), CAST(NULL AS TEXT), CAST(NULL AS BIGINT), CAST(NULL AS BIGINT), CAST(NULL AS BIGINT), CAST(NULL AS BIGINT), CAST(NULL AS BIGINT), CAST(NULL AS BIGINT), CAST(NULL AS BIGINT), a.n_rows, a.n_used, a.n_ignored, a.n_rejected, COALESCE(dp.n, 0), CAST(NULL AS TEXT), CAST(NULL AS TEXT), CAST(NULL AS TEXT), CAST(NULL AS TEXT), CAST(NULL AS BIGINT), CAST(NULL AS BIGINT), 0, a.inp, CAST(NULL AS BIGINT), CAST(NULL AS TEXT) FROM acct a LEFT JOIN dups dp ON dp.inp = a.inp
  UNION ALL
  SELECT 'cycle', CASE inp WHEN 0 THEN 'hubspot_calls' WHEN 1 THEN 'hubspot_meetings' WHEN 2 THEN 'hubspot_deals' END, CAST(NULL AS BIGINT), rep_name, dt, CAST(NULL AS BIGINT), CAST(NULL AS BIGINT), CAST(NULL AS BIGINT), CAST(NULL AS BIGINT), CAST(NULL AS BIGINT), CAST(NULL AS BIGINT), CAST(NULL AS BIGINT), CAST(NULL AS BIGINT), CAST(NULL AS BIGINT), CAST(NULL AS BIGINT), CAST(NULL AS BIGINT), CAST(NULL AS BIGINT), CAST(NULL AS TEXT), CAST(NULL AS TEXT), CAST(NULL AS TEXT), CAST(NULL AS TEXT), CAST(days AS BIGINT), CAST(n AS BIGINT), 2, inp, days, rep_key FROM cyc
  UNION ALL
  SELECT 'reject', CASE inp WHEN 0 THEN 'hubspot_calls' WHEN 1 THEN 'hubspot_meetings' WHEN 2 THEN 'hubspot_deals' END, line, CAST(NULL AS TEXT), CAST(NULL AS TEXT), CAST(NULL AS BIGINT), CAST(NULL AS BIGINT), CAST(NULL AS BIGINT), CAST(NULL AS BIGINT), CAST(NULL AS BIGINT), CAST(NULL AS BIGINT), CAST(NULL AS BIGINT), CAST(NULL AS BIGINT), CAST(NULL AS BIGINT), CAST(NULL AS BIGINT), CAST(NULL AS BIGINT), CAST(NULL AS BIGINT), code, field, value, reason, CAST(NULL AS BIGINT), CAST(NULL AS BIGINT), 3, inp, ord, CAST(NULL AS TEXT) FROM rej
) result
ORDER BY k_order, k_inp, k_rep, "date", k_ord
