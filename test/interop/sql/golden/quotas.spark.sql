-- Playbook "Conformance: quotas" compiled to Spark SQL (docs/sql.md).
-- Money in USD as exact decimals; dates are wall-clock timestamps in time zone UTC; plan period 2017.
-- Payout lines rounded half-up to 0.01. Results: payout (per rep), payout_lines, forfeits, and every deal's decisions in credit.
-- Input tables: _pb_row is the row's position in its file (0-based), _pb_line its line in the file.
-- CREATE TABLE `reps` (`_pb_row` BIGINT, `_pb_line` BIGINT, `rep_id` STRING, `floor_target` DECIMAL(38, 6), `challenge_target` DECIMAL(38, 6));
-- CREATE TABLE `deals` (`_pb_row` BIGINT, `_pb_line` BIGINT, `id` STRING, `rep` STRING, `stage` STRING, `close_date` TIMESTAMP, `amount` DECIMAL(38, 6));

-- outcome "won when", line 20: won when stage = "Won"
CREATE OR REPLACE TEMP VIEW `outcome_won` AS
SELECT t.*, coalesce((t.`stage` = 'Won'), FALSE) AS `_pb_won`
FROM `deals` t;

-- credit "credit", line 22: credit deals when won to rep on close_date amount amount
CREATE OR REPLACE TEMP VIEW `credit` AS
SELECT c.*, (c.`_pb_meets` AND NOT c.`_pb_blocked` AND c.`_pb_amount` IS NOT NULL AND c.`close_date` IS NOT NULL AND c.`rep` IS NOT NULL) AS `_pb_creditable`,
  (c.`_pb_meets` AND NOT c.`_pb_blocked` AND c.`_pb_amount` IS NOT NULL AND c.`close_date` IS NOT NULL AND c.`rep` IS NOT NULL AND (c.`close_date` >= TIMESTAMP '2017-01-01' AND c.`close_date` < TIMESTAMP '2018-01-01')) AS `_pb_credited`,
  (c.`_pb_meets` AND c.`_pb_blocked` AND c.`_pb_amount` IS NOT NULL AND c.`close_date` IS NOT NULL AND c.`rep` IS NOT NULL AND (c.`close_date` >= TIMESTAMP '2017-01-01' AND c.`close_date` < TIMESTAMP '2018-01-01')) AS `_pb_blocked_credit`,
  CASE WHEN c.`_pb_meets` AND NOT c.`_pb_blocked` THEN CASE WHEN c.`_pb_amount` IS NULL THEN 'amount' WHEN c.`close_date` IS NULL THEN 'close_date' WHEN c.`rep` IS NULL THEN 'rep' END END AS `_pb_missing`
FROM (SELECT t.*, t.`amount` AS `_pb_amount`, coalesce(t.`_pb_won`, FALSE) AS `_pb_meets`, (FALSE) AS `_pb_blocked`,
  (SELECT first(r.`_pb_row`) FROM `reps` r WHERE r.`rep_id` = t.`rep`) AS `_pb_rep`
FROM `outcome_won` t) c;

CREATE OR REPLACE TEMP VIEW `credit_reps` AS
SELECT r.`_pb_row` AS rep, CAST(COALESCE(SUM(CASE WHEN d.`_pb_credited` THEN d.`_pb_amount` END), 0) AS DECIMAL(38, 6)) AS credited,
  COUNT(CASE WHEN d.`_pb_credited` THEN 1 END) AS deals
FROM `reps` r LEFT JOIN `credit` d ON d.`_pb_rep` = r.`_pb_row`
GROUP BY r.`_pb_row`;

CREATE OR REPLACE TEMP VIEW `quota_floor_months` AS
SELECT * FROM VALUES (0, CAST('0' AS DECIMAL(38, 0))), (1, CAST('0' AS DECIMAL(38, 0))), (2, CAST('0' AS DECIMAL(38, 0))), (3, CAST('0' AS DECIMAL(38, 0))), (4, CAST('0' AS DECIMAL(38, 0))), (5, CAST('0' AS DECIMAL(38, 0))), (6, CAST('0' AS DECIMAL(38, 0))), (7, CAST('0' AS DECIMAL(38, 0))), (8, CAST('0' AS DECIMAL(38, 0))), (9, CAST('0' AS DECIMAL(38, 0))), (10, CAST('0' AS DECIMAL(38, 0))), (11, CAST('0' AS DECIMAL(38, 0))) AS v(month, weight);

-- quota "floor", line 24: quota floor     = floor_target per year split evenly by month
CREATE OR REPLACE TEMP VIEW `quota_floor` AS
SELECT s.rep, s.month, CAST(s.capped - COALESCE(LAG(s.capped) OVER (PARTITION BY s.rep ORDER BY s.month), 0) AS DECIMAL(38, 6)) AS part, s.written FROM (
SELECT c.rep, c.month, CAST(CASE WHEN c.month = 11 THEN c.whole WHEN c.whole < 0 THEN GREATEST(c.cum, c.whole) ELSE LEAST(c.cum, c.whole) END AS DECIMAL(38, 6)) AS capped, c.written FROM (
SELECT x.rep, w.month, CAST(x.whole AS DECIMAL(38, 6)) AS whole, SUM(CAST(CAST(round(CAST(CAST(CAST(x.whole AS DECIMAL(38, 6)) AS DECIMAL(38, 18)) / 12 AS DECIMAL(38, 18)), 2) AS DECIMAL(38, 2)) AS DECIMAL(38, 6))) OVER (PARTITION BY x.rep ORDER BY w.month ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cum, x.written
FROM (SELECT y.rep, CASE WHEN y.written < 0 THEN NULL ELSE y.written END AS whole, y.written FROM (SELECT t.`_pb_row` AS rep, t.`floor_target` AS written FROM `reps` t) y) x CROSS JOIN `quota_floor_months` w) c) s;

CREATE OR REPLACE TEMP VIEW `quota_challenge_months` AS
SELECT * FROM VALUES (0, CAST('0.05' AS DECIMAL(38, 2))), (1, CAST('0.05' AS DECIMAL(38, 2))), (2, CAST('0.1' AS DECIMAL(38, 2))), (3, CAST('0.1' AS DECIMAL(38, 2))), (4, CAST('0.05' AS DECIMAL(38, 2))), (5, CAST('0.05' AS DECIMAL(38, 2))), (6, CAST('0.1' AS DECIMAL(38, 2))), (7, CAST('0.1' AS DECIMAL(38, 2))), (8, CAST('0.05' AS DECIMAL(38, 2))), (9, CAST('0.05' AS DECIMAL(38, 2))), (10, CAST('0.1' AS DECIMAL(38, 2))), (11, CAST('0.2' AS DECIMAL(38, 2))) AS v(month, weight);

-- quota "challenge", line 25: quota challenge = challenge_target per year split by month weights 5%, 5%, 10%, 10%, 5%, 5%, 10%, 10%, 5%, 5%, 10%, 20%
CREATE OR REPLACE TEMP VIEW `quota_challenge` AS
SELECT s.rep, s.month, CAST(s.capped - COALESCE(LAG(s.capped) OVER (PARTITION BY s.rep ORDER BY s.month), 0) AS DECIMAL(38, 6)) AS part, s.written FROM (
SELECT c.rep, c.month, CAST(CASE WHEN c.month = 11 THEN c.whole WHEN c.whole < 0 THEN GREATEST(c.cum, c.whole) ELSE LEAST(c.cum, c.whole) END AS DECIMAL(38, 6)) AS capped, c.written FROM (
SELECT x.rep, w.month, CAST(x.whole AS DECIMAL(38, 6)) AS whole, SUM(CAST(CAST(round(CAST(CAST(x.whole AS DECIMAL(38, 6)) * w.weight AS DECIMAL(38, 18)), 2) AS DECIMAL(38, 2)) AS DECIMAL(38, 6))) OVER (PARTITION BY x.rep ORDER BY w.month ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cum, x.written
FROM (SELECT y.rep, CASE WHEN y.written < 0 THEN NULL ELSE y.written END AS whole, y.written FROM (SELECT t.`_pb_row` AS rep, t.`challenge_target` AS written FROM `reps` t) y) x CROSS JOIN `quota_challenge_months` w) c) s;

CREATE OR REPLACE TEMP VIEW `quota_flat_months` AS
SELECT * FROM VALUES (0, CAST('0' AS DECIMAL(38, 0))), (1, CAST('0' AS DECIMAL(38, 0))), (2, CAST('0' AS DECIMAL(38, 0))), (3, CAST('0' AS DECIMAL(38, 0))), (4, CAST('0' AS DECIMAL(38, 0))), (5, CAST('0' AS DECIMAL(38, 0))), (6, CAST('0' AS DECIMAL(38, 0))), (7, CAST('0' AS DECIMAL(38, 0))), (8, CAST('0' AS DECIMAL(38, 0))), (9, CAST('0' AS DECIMAL(38, 0))), (10, CAST('0' AS DECIMAL(38, 0))), (11, CAST('0' AS DECIMAL(38, 0))) AS v(month, weight);

-- quota "flat", line 26: quota flat      = 60,000 per year
CREATE OR REPLACE TEMP VIEW `quota_flat` AS
SELECT s.rep, s.month, CAST(s.capped - COALESCE(LAG(s.capped) OVER (PARTITION BY s.rep ORDER BY s.month), 0) AS DECIMAL(38, 2)) AS part, s.written FROM (
SELECT c.rep, c.month, CAST(CASE WHEN c.month = 11 THEN c.whole WHEN c.whole < 0 THEN GREATEST(c.cum, c.whole) ELSE LEAST(c.cum, c.whole) END AS DECIMAL(38, 2)) AS capped, c.written FROM (
SELECT x.rep, w.month, CAST(x.whole AS DECIMAL(38, 2)) AS whole, SUM(CAST(CAST(round(CAST(CAST(CAST(x.whole AS DECIMAL(38, 0)) AS DECIMAL(38, 18)) / 12 AS DECIMAL(38, 18)), 2) AS DECIMAL(38, 2)) AS DECIMAL(38, 2))) OVER (PARTITION BY x.rep ORDER BY w.month ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cum, x.written
FROM (SELECT y.rep, CASE WHEN y.written < 0 THEN NULL ELSE y.written END AS whole, y.written FROM (SELECT t.`_pb_row` AS rep, CAST('60000' AS DECIMAL(5, 0)) AS written FROM `reps` t) y) x CROSS JOIN `quota_flat_months` w) c) s;

CREATE OR REPLACE TEMP VIEW `periods_month` AS
SELECT * FROM VALUES ('2017-01', 0, TIMESTAMP '2017-01-01', TIMESTAMP '2017-02-01'), ('2017-02', 1, TIMESTAMP '2017-02-01', TIMESTAMP '2017-03-01'), ('2017-03', 2, TIMESTAMP '2017-03-01', TIMESTAMP '2017-04-01'), ('2017-04', 3, TIMESTAMP '2017-04-01', TIMESTAMP '2017-05-01'), ('2017-05', 4, TIMESTAMP '2017-05-01', TIMESTAMP '2017-06-01'), ('2017-06', 5, TIMESTAMP '2017-06-01', TIMESTAMP '2017-07-01'), ('2017-07', 6, TIMESTAMP '2017-07-01', TIMESTAMP '2017-08-01'), ('2017-08', 7, TIMESTAMP '2017-08-01', TIMESTAMP '2017-09-01'), ('2017-09', 8, TIMESTAMP '2017-09-01', TIMESTAMP '2017-10-01'), ('2017-10', 9, TIMESTAMP '2017-10-01', TIMESTAMP '2017-11-01'), ('2017-11', 10, TIMESTAMP '2017-11-01', TIMESTAMP '2017-12-01'), ('2017-12', 11, TIMESTAMP '2017-12-01', TIMESTAMP '2018-01-01') AS v(period, ord, p_start, p_end);

CREATE OR REPLACE TEMP VIEW `fiscal_months_month` AS
SELECT * FROM VALUES (0, 0), (1, 1), (2, 2), (3, 3), (4, 4), (5, 5), (6, 6), (7, 7), (8, 8), (9, 9), (10, 10), (11, 11) AS v(month, ord);

CREATE OR REPLACE TEMP VIEW `commission_monthly_floor_credit` AS
SELECT c.*, q0.quota AS `_pb_quota_floor`
FROM (SELECT r.`_pb_row` AS rep, r.`rep_id` AS rep_key, p.period, p.ord,
  CAST(COALESCE(SUM(CASE WHEN d.`_pb_credited` THEN d.`_pb_amount` END), 0) AS DECIMAL(38, 6)) AS credited,
  COUNT(CASE WHEN d.`_pb_credited` THEN 1 END) AS n_credited
FROM `reps` r CROSS JOIN `periods_month` p
LEFT JOIN `credit` d ON d.`_pb_rep` = r.`_pb_row` AND d.`close_date` >= p.p_start AND d.`close_date` < p.p_end
GROUP BY r.`_pb_row`, r.`rep_id`, p.period, p.ord) c
LEFT JOIN (SELECT m.rep, p.ord, SUM(m.part) AS quota FROM `quota_floor` m JOIN `fiscal_months_month` p ON p.month = m.month GROUP BY m.rep, p.ord) q0 ON q0.rep = c.rep AND q0.ord = c.ord;

-- commission "monthly floor", line 36: commission "monthly floor" on credited per month retroactive
CREATE OR REPLACE TEMP VIEW `commission_monthly_floor` AS
SELECT u.rep, u.period, u.ord, u.credited, CAST(round(CAST(u.line1 AS DECIMAL(38, 18)), 2) AS DECIMAL(38, 2)) AS amount1 FROM (
SELECT c.rep, c.period, c.ord, c.credited, CAST(COALESCE(a.total, CAST(0 AS DECIMAL(38, 7))) AS DECIMAL(38, 7)) AS line1
FROM `commission_monthly_floor_credit` c LEFT JOIN (
SELECT s.rep, s.ord, CAST(SUM(CASE WHEN s.k = s.reached THEN CAST(s.credited AS DECIMAL(38, 6)) ELSE CAST(0 AS DECIMAL(38, 6)) END * s.rate) AS DECIMAL(38, 7)) AS total, CAST(SUM(CASE WHEN s.k = s.reached THEN CAST(s.credited AS DECIMAL(38, 6)) ELSE CAST(0 AS DECIMAL(38, 6)) END * s.base_rate) AS DECIMAL(38, 7)) AS base FROM (SELECT z.*, COALESCE(MAX(CASE WHEN z.credited >= z.b_from THEN z.k END) OVER (PARTITION BY z.rep, z.ord), MIN(CASE WHEN z.k = 1 AND z.b_from <= 0 THEN 1 END) OVER (PARTITION BY z.rep, z.ord)) AS reached FROM (SELECT b.*, row_number() OVER (PARTITION BY b.rep, b.ord ORDER BY b.b_from, b.i) AS k, LEAD(b.b_from) OVER (PARTITION BY b.rep, b.ord ORDER BY b.b_from, b.i) AS b_to FROM (
SELECT c.rep, c.ord, c.credited, 0 AS i, CAST(CAST('0' AS DECIMAL(1, 0)) AS DECIMAL(38, 6)) AS b_from, CAST(CAST('0' AS DECIMAL(1, 0)) AS DECIMAL(38, 1)) AS rate, CAST(CAST('0' AS DECIMAL(1, 0)) AS DECIMAL(38, 1)) AS base_rate FROM `commission_monthly_floor_credit` c
UNION ALL
SELECT c.rep, c.ord, c.credited, 1 AS i, CAST(c.`_pb_quota_floor` * CAST('1' AS DECIMAL(1, 0)) AS DECIMAL(38, 6)) AS b_from, CAST(CAST('0.1' AS DECIMAL(2, 1)) AS DECIMAL(38, 1)) AS rate, CAST(CAST('0.1' AS DECIMAL(2, 1)) AS DECIMAL(38, 1)) AS base_rate FROM `commission_monthly_floor_credit` c) b WHERE b.b_from IS NOT NULL) z) s GROUP BY s.rep, s.ord) a ON a.rep = c.rep AND a.ord = c.ord) u;

CREATE OR REPLACE TEMP VIEW `periods_quarter` AS
SELECT * FROM VALUES ('2017-Q1', 0, TIMESTAMP '2017-01-01', TIMESTAMP '2017-04-01'), ('2017-Q2', 1, TIMESTAMP '2017-04-01', TIMESTAMP '2017-07-01'), ('2017-Q3', 2, TIMESTAMP '2017-07-01', TIMESTAMP '2017-10-01'), ('2017-Q4', 3, TIMESTAMP '2017-10-01', TIMESTAMP '2018-01-01') AS v(period, ord, p_start, p_end);

CREATE OR REPLACE TEMP VIEW `fiscal_months_quarter` AS
SELECT * FROM VALUES (0, 0), (1, 0), (2, 0), (3, 1), (4, 1), (5, 1), (6, 2), (7, 2), (8, 2), (9, 3), (10, 3), (11, 3) AS v(month, ord);

-- bonus "floor by quarter", line 29: bonus "floor by quarter" per rep per quarter
CREATE OR REPLACE TEMP VIEW `bonus_floor_by_quarter` AS
SELECT b.*, CAST(round(CAST(b.value AS DECIMAL(38, 18)), 2) AS DECIMAL(38, 2)) AS amount1 FROM (
SELECT t.`_pb_row` AS rep, t.`_pb_period` AS period, t.`_pb_ord` AS ord, t.`_pb_quota_floor` AS value, t.`_pb_period_credited` AS basis
FROM (SELECT r.*, c.period AS `_pb_period`, c.ord AS `_pb_ord`, c.credited AS `_pb_period_credited`, pp.p_start AS `_pb_p_start`, pp.p_end AS `_pb_p_end`, q0.quota AS `_pb_quota_floor`
FROM `reps` r JOIN (SELECT r.`_pb_row` AS rep, r.`rep_id` AS rep_key, p.period, p.ord,
  CAST(COALESCE(SUM(CASE WHEN d.`_pb_credited` THEN d.`_pb_amount` END), 0) AS DECIMAL(38, 6)) AS credited,
  COUNT(CASE WHEN d.`_pb_credited` THEN 1 END) AS n_credited
FROM `reps` r CROSS JOIN `periods_quarter` p
LEFT JOIN `credit` d ON d.`_pb_rep` = r.`_pb_row` AND d.`close_date` >= p.p_start AND d.`close_date` < p.p_end
GROUP BY r.`_pb_row`, r.`rep_id`, p.period, p.ord) c ON c.rep = r.`_pb_row` JOIN `periods_quarter` pp ON pp.ord = c.ord
LEFT JOIN (SELECT m.rep, p.ord, SUM(m.part) AS quota FROM `quota_floor` m JOIN `fiscal_months_quarter` p ON p.month = m.month GROUP BY m.rep, p.ord) q0 ON q0.rep = c.rep AND q0.ord = c.ord) t WHERE TRUE) b;

-- bonus "challenge by quarter", line 32: bonus "challenge by quarter" per rep per quarter
CREATE OR REPLACE TEMP VIEW `bonus_challenge_by_quarter` AS
SELECT b.*, CAST(round(CAST(b.value AS DECIMAL(38, 18)), 2) AS DECIMAL(38, 2)) AS amount1 FROM (
SELECT t.`_pb_row` AS rep, t.`_pb_period` AS period, t.`_pb_ord` AS ord, t.`_pb_quota_challenge` AS value, t.`_pb_period_credited` AS basis
FROM (SELECT r.*, c.period AS `_pb_period`, c.ord AS `_pb_ord`, c.credited AS `_pb_period_credited`, pp.p_start AS `_pb_p_start`, pp.p_end AS `_pb_p_end`, q0.quota AS `_pb_quota_challenge`
FROM `reps` r JOIN (SELECT r.`_pb_row` AS rep, r.`rep_id` AS rep_key, p.period, p.ord,
  CAST(COALESCE(SUM(CASE WHEN d.`_pb_credited` THEN d.`_pb_amount` END), 0) AS DECIMAL(38, 6)) AS credited,
  COUNT(CASE WHEN d.`_pb_credited` THEN 1 END) AS n_credited
FROM `reps` r CROSS JOIN `periods_quarter` p
LEFT JOIN `credit` d ON d.`_pb_rep` = r.`_pb_row` AND d.`close_date` >= p.p_start AND d.`close_date` < p.p_end
GROUP BY r.`_pb_row`, r.`rep_id`, p.period, p.ord) c ON c.rep = r.`_pb_row` JOIN `periods_quarter` pp ON pp.ord = c.ord
LEFT JOIN (SELECT m.rep, p.ord, SUM(m.part) AS quota FROM `quota_challenge` m JOIN `fiscal_months_quarter` p ON p.month = m.month GROUP BY m.rep, p.ord) q0 ON q0.rep = c.rep AND q0.ord = c.ord) t WHERE TRUE) b;

CREATE OR REPLACE TEMP VIEW `payout_lines` AS
SELECT rep, 'monthly floor' AS component, amount1 AS amount FROM `commission_monthly_floor`
UNION ALL
SELECT rep, 'floor by quarter' AS component, amount1 AS amount FROM `bonus_floor_by_quarter`
UNION ALL
SELECT rep, 'challenge by quarter' AS component, amount1 AS amount FROM `bonus_challenge_by_quarter`;

CREATE OR REPLACE TEMP VIEW `forfeits` AS
SELECT CAST(NULL AS BIGINT) AS rep, 0 AS rule_ord, 0 AS comp_ord, '' AS component, '' AS rule, CAST(0 AS DECIMAL(38, 0)) AS amount WHERE FALSE;

-- payout "payout", line 4: playbook "Conformance: quotas"
CREATE OR REPLACE TEMP VIEW `payout` AS
SELECT r.`_pb_row` AS rep, r.`rep_id` AS rep_key,
  COALESCE((SELECT SUM(pl.amount) FROM `payout_lines` pl WHERE pl.rep = r.`_pb_row`), 0) AS gross,
  COALESCE((SELECT SUM(f.amount) FROM `forfeits` f WHERE f.rep = r.`_pb_row`), 0) AS forfeited
FROM `reps` r;
