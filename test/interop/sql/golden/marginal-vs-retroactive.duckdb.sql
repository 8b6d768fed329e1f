-- Playbook "Conformance: marginal vs retroactive" compiled to DuckDB SQL (docs/sql.md).
-- Money in USD as exact decimals; dates are wall-clock timestamps in time zone UTC; plan period 2017.
-- Payout lines rounded half-up to 0.01. Results: payout (per rep), payout_lines, forfeits, and every deal's decisions in credit.
-- Input tables: _pb_row is the row's position in its file (0-based), _pb_line its line in the file.
-- CREATE TABLE "reps" ("_pb_row" BIGINT, "_pb_line" BIGINT, "name" VARCHAR);
-- CREATE TABLE "deals" ("_pb_row" BIGINT, "_pb_line" BIGINT, "id" VARCHAR, "rep" VARCHAR, "stage" VARCHAR, "close_date" TIMESTAMP, "amount" DECIMAL(38, 6));

CREATE OR REPLACE TEMP MACRO pb_int(x, p) AS CAST(trunc(x) AS HUGEINT) * p + CAST((x - trunc(x)) * p AS HUGEINT);
CREATE OR REPLACE TEMP MACRO pb_div(a, b, p1, p2, p3, p4) AS
  (((((a // b) * p1 + ((a % b) * p1) // b) * p2 + ((((a % b) * p1) % b) * p2) // b) * p3
    + ((((((a % b) * p1) % b) * p2) % b) * p3) // b) * p4 + ((((((((a % b) * p1) % b) * p2) % b) * p3) % b) * p4) // b);
CREATE OR REPLACE TEMP MACRO pb_round_half_up(x, t) AS sign(x) * (abs(x) // t + CASE WHEN 2 * (abs(x) % t) >= t THEN 1 ELSE 0 END);
CREATE OR REPLACE TEMP MACRO pb_round_half_down(x, t) AS sign(x) * (abs(x) // t + CASE WHEN 2 * (abs(x) % t) > t THEN 1 ELSE 0 END);
CREATE OR REPLACE TEMP MACRO pb_round_half_even(x, t) AS sign(x) * (abs(x) // t + CASE WHEN 2 * (abs(x) % t) > t THEN 1 WHEN 2 * (abs(x) % t) = t THEN (abs(x) // t) % 2 ELSE 0 END);
CREATE OR REPLACE TEMP MACRO pb_round_up(x, t) AS sign(x) * (abs(x) // t + CASE WHEN abs(x) % t > 0 THEN 1 ELSE 0 END);
CREATE OR REPLACE TEMP MACRO pb_round_down(x, t) AS sign(x) * (abs(x) // t);

-- outcome "won when", line 18: won  when stage = "Won"
CREATE OR REPLACE TEMP TABLE "outcome_won" AS
SELECT t.*, ((t."stage" = 'Won')) IS TRUE AS "_pb_won"
FROM "deals" t;

-- outcome "lost when", line 19: lost when stage = "Lost"
CREATE OR REPLACE TEMP TABLE "outcome_lost" AS
SELECT t.*, ((t."stage" = 'Lost')) IS TRUE AS "_pb_lost"
FROM "outcome_won" t;

-- credit "credit", line 21: credit deals when won to rep on close_date amount amount
CREATE OR REPLACE TEMP TABLE "credit" AS
SELECT c.*, (c."_pb_meets" AND NOT c."_pb_blocked" AND c."_pb_amount" IS NOT NULL AND c."close_date" IS NOT NULL AND c."rep" IS NOT NULL) AS "_pb_creditable",
  (c."_pb_meets" AND NOT c."_pb_blocked" AND c."_pb_amount" IS NOT NULL AND c."close_date" IS NOT NULL AND c."rep" IS NOT NULL AND (c."close_date" >= TIMESTAMP '2017-01-01' AND c."close_date" < TIMESTAMP '2018-01-01')) AS "_pb_credited",
  (c."_pb_meets" AND c."_pb_blocked" AND c."_pb_amount" IS NOT NULL AND c."close_date" IS NOT NULL AND c."rep" IS NOT NULL AND (c."close_date" >= TIMESTAMP '2017-01-01' AND c."close_date" < TIMESTAMP '2018-01-01')) AS "_pb_blocked_credit",
  CASE WHEN c."_pb_meets" AND NOT c."_pb_blocked" THEN CASE WHEN c."_pb_amount" IS NULL THEN 'amount' WHEN c."close_date" IS NULL THEN 'close_date' WHEN c."rep" IS NULL THEN 'rep' END END AS "_pb_missing"
FROM (SELECT t.*, t."amount" AS "_pb_amount", (t."_pb_won") IS TRUE AS "_pb_meets", (FALSE) AS "_pb_blocked",
  (SELECT any_value(r."_pb_row") FROM "reps" r WHERE r."name" = t."rep") AS "_pb_rep"
FROM "outcome_lost" t) c;

CREATE OR REPLACE TEMP TABLE "credit_reps" AS
SELECT r."_pb_row" AS rep, CAST(COALESCE(SUM(CASE WHEN d."_pb_credited" THEN d."_pb_amount" END), 0) AS DECIMAL(38, 6)) AS credited,
  COUNT(CASE WHEN d."_pb_credited" THEN 1 END) AS deals
FROM "reps" r LEFT JOIN "credit" d ON d."_pb_rep" = r."_pb_row"
GROUP BY r."_pb_row";

CREATE OR REPLACE TEMP TABLE "periods_year" AS
SELECT * FROM (VALUES ('2017', 0, TIMESTAMP '2017-01-01', TIMESTAMP '2018-01-01')) AS v(period, ord, p_start, p_end);

-- commission "marginal", line 23: commission "marginal" on credited per year marginal
CREATE OR REPLACE TEMP TABLE "commission_marginal" AS
SELECT u.rep, u.period, u.ord, u.credited, (CAST(pb_round_half_up(pb_int(CAST(u.line1 AS DECIMAL(38, 8)), 100000000), 1000000) AS DECIMAL(38, 0)) * CAST('0.01' AS DECIMAL(38, 2))) AS amount1 FROM (
SELECT p.*, CAST(p.b1 * CAST('0.04' AS DECIMAL(3, 2)) + p.b2 * CAST('0.08' AS DECIMAL(3, 2)) + p.b3 * CAST('0.12' AS DECIMAL(3, 2)) AS DECIMAL(38, 8)) AS line1 FROM (
SELECT c.*, CAST(CASE WHEN c.credited < CAST('0' AS DECIMAL(1, 0)) THEN CAST(c.credited - CAST('0' AS DECIMAL(1, 0)) AS DECIMAL(38, 6)) WHEN c.credited <= CAST('0' AS DECIMAL(1, 0)) THEN CAST(0 AS DECIMAL(38, 6)) ELSE CAST((CASE WHEN c.credited > CAST('150000' AS DECIMAL(6, 0)) THEN CAST(CAST('150000' AS DECIMAL(6, 0)) AS DECIMAL(38, 6)) ELSE CAST(c.credited AS DECIMAL(38, 6)) END) - CAST('0' AS DECIMAL(1, 0)) AS DECIMAL(38, 6)) END AS DECIMAL(38, 6)) AS b1, CAST(CASE WHEN c.credited <= CAST('150000' AS DECIMAL(6, 0)) THEN CAST(0 AS DECIMAL(38, 6)) ELSE CAST((CASE WHEN c.credited > CAST('250000' AS DECIMAL(6, 0)) THEN CAST(CAST('250000' AS DECIMAL(6, 0)) AS DECIMAL(38, 6)) ELSE CAST(c.credited AS DECIMAL(38, 6)) END) - CAST('150000' AS DECIMAL(6, 0)) AS DECIMAL(38, 6)) END AS DECIMAL(38, 6)) AS b2, CAST(CASE WHEN c.credited <= CAST('250000' AS DECIMAL(6, 0)) THEN CAST(0 AS DECIMAL(38, 6)) ELSE CAST(c.credited - CAST('250000' AS DECIMAL(6, 0)) AS DECIMAL(38, 6)) END AS DECIMAL(38, 6)) AS b3
FROM (SELECT r."_pb_row" AS rep, r."name" AS rep_key, p.period, p.ord,
  CAST(COALESCE(SUM(CASE WHEN d."_pb_credited" THEN d."_pb_amount" END), 0) AS DECIMAL(38, 6)) AS credited,
  COUNT(CASE WHEN d."_pb_credited" THEN 1 END) AS n_credited
FROM "reps" r CROSS JOIN "periods_year" p
LEFT JOIN "credit" d ON d."_pb_rep" = r."_pb_row" AND d."close_date" >= p.p_start AND d."close_date" < p.p_end
GROUP BY r."_pb_row", r."name", p.period, p.ord) c) p) u;

-- commission "retroactive", line 28: commission "retroactive" on credited per year retroactive
CREATE OR REPLACE TEMP TABLE "commission_retroactive" AS
SELECT u.rep, u.period, u.ord, u.credited, (CAST(pb_round_half_up(pb_int(CAST(u.line1 AS DECIMAL(38, 8)), 100000000), 1000000) AS DECIMAL(38, 0)) * CAST('0.01' AS DECIMAL(38, 2))) AS amount1 FROM (
SELECT p.*, CAST(CASE WHEN p.credited >= CAST('250000' AS DECIMAL(6, 0)) THEN CAST(p.credited * CAST('0.12' AS DECIMAL(3, 2)) AS DECIMAL(38, 8)) WHEN p.credited >= CAST('150000' AS DECIMAL(6, 0)) THEN CAST(p.credited * CAST('0.08' AS DECIMAL(3, 2)) AS DECIMAL(38, 8)) WHEN p.credited >= CAST('0' AS DECIMAL(1, 0)) THEN CAST(p.credited * CAST('0.04' AS DECIMAL(3, 2)) AS DECIMAL(38, 8)) ELSE CAST(p.credited * CAST('0.04' AS DECIMAL(3, 2)) AS DECIMAL(38, 8)) END AS DECIMAL(38, 8)) AS line1 FROM (
SELECT c.*, CAST(CASE WHEN c.credited < CAST('0' AS DECIMAL(1, 0)) THEN CAST(c.credited - CAST('0' AS DECIMAL(1, 0)) AS DECIMAL(38, 6)) WHEN c.credited <= CAST('0' AS DECIMAL(1, 0)) THEN CAST(0 AS DECIMAL(38, 6)) ELSE CAST((CASE WHEN c.credited > CAST('150000' AS DECIMAL(6, 0)) THEN CAST(CAST('150000' AS DECIMAL(6, 0)) AS DECIMAL(38, 6)) ELSE CAST(c.credited AS DECIMAL(38, 6)) END) - CAST('0' AS DECIMAL(1, 0)) AS DECIMAL(38, 6)) END AS DECIMAL(38, 6)) AS b1, CAST(CASE WHEN c.credited <= CAST('150000' AS DECIMAL(6, 0)) THEN CAST(0 AS DECIMAL(38, 6)) ELSE CAST((CASE WHEN c.credited > CAST('250000' AS DECIMAL(6, 0)) THEN CAST(CAST('250000' AS DECIMAL(6, 0)) AS DECIMAL(38, 6)) ELSE CAST(c.credited AS DECIMAL(38, 6)) END) - CAST('150000' AS DECIMAL(6, 0)) AS DECIMAL(38, 6)) END AS DECIMAL(38, 6)) AS b2, CAST(CASE WHEN c.credited <= CAST('250000' AS DECIMAL(6, 0)) THEN CAST(0 AS DECIMAL(38, 6)) ELSE CAST(c.credited - CAST('250000' AS DECIMAL(6, 0)) AS DECIMAL(38, 6)) END AS DECIMAL(38, 6)) AS b3
FROM (SELECT r."_pb_row" AS rep, r."name" AS rep_key, p.period, p.ord,
  CAST(COALESCE(SUM(CASE WHEN d."_pb_credited" THEN d."_pb_amount" END), 0) AS DECIMAL(38, 6)) AS credited,
  COUNT(CASE WHEN d."_pb_credited" THEN 1 END) AS n_credited
FROM "reps" r CROSS JOIN "periods_year" p
LEFT JOIN "credit" d ON d."_pb_rep" = r."_pb_row" AND d."close_date" >= p.p_start AND d."close_date" < p.p_end
GROUP BY r."_pb_row", r."name", p.period, p.ord) c) p) u;

CREATE OR REPLACE TEMP TABLE "payout_lines" AS
SELECT rep, 'marginal' AS component, amount1 AS amount FROM "commission_marginal"
UNION ALL
SELECT rep, 'retroactive' AS component, amount1 AS amount FROM "commission_retroactive";

CREATE OR REPLACE TEMP TABLE "forfeits" AS
SELECT CAST(NULL AS BIGINT) AS rep, 0 AS rule_ord, 0 AS comp_ord, '' AS component, '' AS rule, CAST(0 AS DECIMAL(38, 0)) AS amount WHERE FALSE;

-- payout "payout", line 4: playbook "Conformance: marginal vs retroactive"
CREATE OR REPLACE TEMP TABLE "payout" AS
SELECT r."_pb_row" AS rep, r."name" AS rep_key,
  COALESCE((SELECT SUM(pl.amount) FROM "payout_lines" pl WHERE pl.rep = r."_pb_row"), 0) AS gross,
  COALESCE((SELECT SUM(f.amount) FROM "forfeits" f WHERE f.rep = r."_pb_row"), 0) AS forfeited
FROM "reps" r;
