-- Playbook "Conformance: over-target reward, double" compiled to Spark SQL (docs/sql.md).
-- Money in CNY as exact decimals; dates are wall-clock timestamps in time zone Asia/Shanghai; plan period 2026.
-- Payout lines rounded half-up to 0.01. Results: payout (per rep), payout_lines, forfeits, and every deal's decisions in credit.
-- Input tables: _pb_row is the row's position in its file (0-based), _pb_line its line in the file.
-- CREATE TABLE `reps` (`_pb_row` BIGINT, `_pb_line` BIGINT, `rep_id` STRING, `floor_target` DECIMAL(38, 6));
-- CREATE TABLE `deals` (`_pb_row` BIGINT, `_pb_line` BIGINT, `id` STRING, `rep` STRING, `stage` STRING, `close_date` TIMESTAMP, `amount` DECIMAL(38, 6));

-- outcome "won when", line 19: won  when stage = "Won"
CREATE OR REPLACE TEMP VIEW `outcome_won` AS
SELECT t.*, coalesce((t.`stage` = 'Won'), FALSE) AS `_pb_won`
FROM `deals` t;

-- credit "orders booked", line 21: credit "orders booked" deals when won to rep on close_date amount amount
CREATE OR REPLACE TEMP VIEW `credit` AS
SELECT c.*, (c.`_pb_meets` AND NOT c.`_pb_blocked` AND c.`_pb_amount` IS NOT NULL AND c.`close_date` IS NOT NULL AND c.`rep` IS NOT NULL) AS `_pb_creditable`,
  (c.`_pb_meets` AND NOT c.`_pb_blocked` AND c.`_pb_amount` IS NOT NULL AND c.`close_date` IS NOT NULL AND c.`rep` IS NOT NULL AND (c.`close_date` >= TIMESTAMP '2026-01-01' AND c.`close_date` < TIMESTAMP '2027-01-01')) AS `_pb_credited`,
  (c.`_pb_meets` AND c.`_pb_blocked` AND c.`_pb_amount` IS NOT NULL AND c.`close_date` IS NOT NULL AND c.`rep` IS NOT NULL AND (c.`close_date` >= TIMESTAMP '2026-01-01' AND c.`close_date` < TIMESTAMP '2027-01-01')) AS `_pb_blocked_credit`,
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

-- quota "floor", line 23: quota floor = floor_target per year split evenly by month
CREATE OR REPLACE TEMP VIEW `quota_floor` AS
SELECT s.rep, s.month, CAST(s.capped - COALESCE(LAG(s.capped) OVER (PARTITION BY s.rep ORDER BY s.month), 0) AS DECIMAL(38, 6)) AS part, s.written FROM (
SELECT c.rep, c.month, CAST(CASE WHEN c.month = 11 THEN c.whole WHEN c.whole < 0 THEN GREATEST(c.cum, c.whole) ELSE LEAST(c.cum, c.whole) END AS DECIMAL(38, 6)) AS capped, c.written FROM (
SELECT x.rep, w.month, CAST(x.whole AS DECIMAL(38, 6)) AS whole, SUM(CAST(CAST(round(CAST(CAST(CAST(x.whole AS DECIMAL(38, 6)) AS DECIMAL(38, 18)) / 12 AS DECIMAL(38, 18)), 2) AS DECIMAL(38, 2)) AS DECIMAL(38, 6))) OVER (PARTITION BY x.rep ORDER BY w.month ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cum, x.written
FROM (SELECT y.rep, CASE WHEN y.written < 0 THEN NULL ELSE y.written END AS whole, y.written FROM (SELECT t.`_pb_row` AS rep, t.`floor_target` AS written FROM `reps` t) y) x CROSS JOIN `quota_floor_months` w) c) s;

CREATE OR REPLACE TEMP VIEW `periods_year` AS
SELECT * FROM VALUES ('2026', 0, TIMESTAMP '2026-01-01', TIMESTAMP '2027-01-01') AS v(period, ord, p_start, p_end);

CREATE OR REPLACE TEMP VIEW `fiscal_months_year` AS
SELECT * FROM VALUES (0, 0), (1, 0), (2, 0), (3, 0), (4, 0), (5, 0), (6, 0), (7, 0), (8, 0), (9, 0), (10, 0), (11, 0) AS v(month, ord);

CREATE OR REPLACE TEMP VIEW `commission_orders_commission_credit` AS
SELECT c.*, q0.quota AS `_pb_quota_floor`
FROM (SELECT r.`_pb_row` AS rep, r.`rep_id` AS rep_key, p.period, p.ord,
  CAST(COALESCE(SUM(CASE WHEN d.`_pb_credited` THEN d.`_pb_amount` END), 0) AS DECIMAL(38, 6)) AS credited,
  COUNT(CASE WHEN d.`_pb_credited` THEN 1 END) AS n_credited
FROM `reps` r CROSS JOIN `periods_year` p
LEFT JOIN `credit` d ON d.`_pb_rep` = r.`_pb_row` AND d.`close_date` >= p.p_start AND d.`close_date` < p.p_end
GROUP BY r.`_pb_row`, r.`rep_id`, p.period, p.ord) c
LEFT JOIN (SELECT m.rep, p.ord, SUM(m.part) AS quota FROM `quota_floor` m JOIN `fiscal_months_year` p ON p.month = m.month GROUP BY m.rep, p.ord) q0 ON q0.rep = c.rep AND q0.ord = c.ord;

-- commission "orders commission", line 25: commission "orders commission" on credited per year marginal
CREATE OR REPLACE TEMP VIEW `commission_orders_commission` AS
SELECT u.rep, u.period, u.ord, u.credited, CAST(round(CAST(u.line1 AS DECIMAL(38, 18)), 2) AS DECIMAL(38, 2)) AS amount1, CAST(round(CAST(u.line2 AS DECIMAL(38, 18)), 2) AS DECIMAL(38, 2)) AS amount2 FROM (
SELECT c.rep, c.period, c.ord, c.credited, CAST(COALESCE(a.base, CAST(0 AS DECIMAL(38, 8))) AS DECIMAL(38, 8)) AS line1, CAST(COALESCE(a.total, CAST(0 AS DECIMAL(38, 8))) - COALESCE(a.base, CAST(0 AS DECIMAL(38, 8))) AS DECIMAL(38, 8)) AS line2
FROM `commission_orders_commission_credit` c LEFT JOIN (
SELECT s.rep, s.ord, CAST(SUM(CAST(CASE WHEN s.k = 1 AND s.credited < s.b_from THEN CASE WHEN s.b_from <= 0 THEN CAST(s.credited - s.b_from AS DECIMAL(38, 6)) ELSE CAST(0 AS DECIMAL(38, 6)) END WHEN s.credited <= s.b_from THEN CAST(0 AS DECIMAL(38, 6)) ELSE CAST(CASE WHEN s.b_to IS NOT NULL AND s.credited > s.b_to THEN CAST(s.b_to AS DECIMAL(38, 6)) ELSE CAST(s.credited AS DECIMAL(38, 6)) END - s.b_from AS DECIMAL(38, 6)) END AS DECIMAL(38, 6)) * s.rate) AS DECIMAL(38, 8)) AS total, CAST(SUM(CAST(CASE WHEN s.k = 1 AND s.credited < s.b_from THEN CASE WHEN s.b_from <= 0 THEN CAST(s.credited - s.b_from AS DECIMAL(38, 6)) ELSE CAST(0 AS DECIMAL(38, 6)) END WHEN s.credited <= s.b_from THEN CAST(0 AS DECIMAL(38, 6)) ELSE CAST(CASE WHEN s.b_to IS NOT NULL AND s.credited > s.b_to THEN CAST(s.b_to AS DECIMAL(38, 6)) ELSE CAST(s.credited AS DECIMAL(38, 6)) END - s.b_from AS DECIMAL(38, 6)) END AS DECIMAL(38, 6)) * s.base_rate) AS DECIMAL(38, 8)) AS base FROM (SELECT z.* FROM (SELECT b.*, row_number() OVER (PARTITION BY b.rep, b.ord ORDER BY b.b_from, b.i) AS k, LEAD(b.b_from) OVER (PARTITION BY b.rep, b.ord ORDER BY b.b_from, b.i) AS b_to FROM (
SELECT c.rep, c.ord, c.credited, 0 AS i, CAST(CAST('0' AS DECIMAL(1, 0)) AS DECIMAL(38, 6)) AS b_from, CAST(CAST('0.02' AS DECIMAL(3, 2)) AS DECIMAL(38, 2)) AS rate, CAST(CAST('0.02' AS DECIMAL(3, 2)) AS DECIMAL(38, 2)) AS base_rate FROM `commission_orders_commission_credit` c
UNION ALL
SELECT c.rep, c.ord, c.credited, 1 AS i, CAST(c.`_pb_quota_floor` * CAST('1' AS DECIMAL(1, 0)) AS DECIMAL(38, 6)) AS b_from, CAST(CAST('0.04' AS DECIMAL(3, 2)) AS DECIMAL(38, 2)) AS rate, CAST(CAST('0.02' AS DECIMAL(3, 2)) AS DECIMAL(38, 2)) AS base_rate FROM `commission_orders_commission_credit` c) b WHERE b.b_from IS NOT NULL) z) s GROUP BY s.rep, s.ord) a ON a.rep = c.rep AND a.ord = c.ord) u;

CREATE OR REPLACE TEMP VIEW `payout_lines` AS
SELECT rep, 'orders commission' AS component, amount1 AS amount FROM `commission_orders_commission`
UNION ALL
SELECT rep, 'over-target reward' AS component, amount2 AS amount FROM `commission_orders_commission`;

CREATE OR REPLACE TEMP VIEW `forfeits` AS
SELECT CAST(NULL AS BIGINT) AS rep, 0 AS rule_ord, 0 AS comp_ord, '' AS component, '' AS rule, CAST(0 AS DECIMAL(38, 0)) AS amount WHERE FALSE;

-- payout "payout", line 4: playbook "Conformance: over-target reward, double"
CREATE OR REPLACE TEMP VIEW `payout` AS
SELECT r.`_pb_row` AS rep, r.`rep_id` AS rep_key,
  COALESCE((SELECT SUM(pl.amount) FROM `payout_lines` pl WHERE pl.rep = r.`_pb_row`), 0) AS gross,
  COALESCE((SELECT SUM(f.amount) FROM `forfeits` f WHERE f.rep = r.`_pb_row`), 0) AS forfeited
FROM `reps` r;
