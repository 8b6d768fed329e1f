-- Playbook "Conformance: strategic breakthrough bonus" compiled to DuckDB SQL (docs/sql.md).
-- Money in CNY as exact decimals; dates are wall-clock timestamps in time zone Asia/Shanghai; plan period 2017.
-- Payout lines rounded half-up to 0.01. Results: payout (per rep), payout_lines, forfeits, and every deal's decisions in first_per_1.
-- Input tables: _pb_row is the row's position in its file (0-based), _pb_line its line in the file.
-- CREATE TABLE "accounts" ("_pb_row" BIGINT, "_pb_line" BIGINT, "name" VARCHAR, "strategic" BOOLEAN);
-- CREATE TABLE "reps" ("_pb_row" BIGINT, "_pb_line" BIGINT, "name" VARCHAR);
-- CREATE TABLE "deals" ("_pb_row" BIGINT, "_pb_line" BIGINT, "id" VARCHAR, "rep" VARCHAR, "account" VARCHAR, "stage" VARCHAR, "close_date" TIMESTAMP, "amount" DECIMAL(38, 6), "discount" DECIMAL(38, 6));

CREATE OR REPLACE TEMP MACRO pb_int(x, p) AS CAST(trunc(x) AS HUGEINT) * p + CAST((x - trunc(x)) * p AS HUGEINT);
CREATE OR REPLACE TEMP MACRO pb_div(a, b, p1, p2, p3, p4) AS
  (((((a // b) * p1 + ((a % b) * p1) // b) * p2 + ((((a % b) * p1) % b) * p2) // b) * p3
    + ((((((a % b) * p1) % b) * p2) % b) * p3) // b) * p4 + ((((((((a % b) * p1) % b) * p2) % b) * p3) % b) * p4) // b);
CREATE OR REPLACE TEMP MACRO pb_round_half_up(x, t) AS sign(x) * (abs(x) // t + CASE WHEN 2 * (abs(x) % t) >= t THEN 1 ELSE 0 END);
CREATE OR REPLACE TEMP MACRO pb_round_half_down(x, t) AS sign(x) * (abs(x) // t + CASE WHEN 2 * (abs(x) % t) > t THEN 1 ELSE 0 END);
CREATE OR REPLACE TEMP MACRO pb_round_half_even(x, t) AS sign(x) * (abs(x) // t + CASE WHEN 2 * (abs(x) % t) > t THEN 1 WHEN 2 * (abs(x) % t) = t THEN (abs(x) // t) % 2 ELSE 0 END);
CREATE OR REPLACE TEMP MACRO pb_round_up(x, t) AS sign(x) * (abs(x) // t + CASE WHEN abs(x) % t > 0 THEN 1 ELSE 0 END);
CREATE OR REPLACE TEMP MACRO pb_round_down(x, t) AS sign(x) * (abs(x) // t);

-- outcome "won when", line 24: won  when stage = "Won"
CREATE OR REPLACE TEMP TABLE "outcome_won" AS
SELECT t.*, ((t."stage" = 'Won')) IS TRUE AS "_pb_won"
FROM "deals" t;

-- outcome "lost when", line 25: lost when stage = "Lost"
CREATE OR REPLACE TEMP TABLE "outcome_lost" AS
SELECT t.*, ((t."stage" = 'Lost')) IS TRUE AS "_pb_lost"
FROM "outcome_won" t;

-- redline "deep discount", line 29: red line "deep discount" on deals
CREATE OR REPLACE TEMP TABLE "redline_deep_discount" AS
SELECT t.*, (((t."_pb_won" AND (t."discount" > CAST('0.2' AS DECIMAL(2, 1))))) IS TRUE) AS "_pb_rl_deep discount"
FROM "outcome_lost" t;

-- credit "credit", line 27: credit deals when won to rep on close_date amount amount
CREATE OR REPLACE TEMP TABLE "credit" AS
SELECT c.*, (c."_pb_meets" AND NOT c."_pb_blocked" AND c."_pb_amount" IS NOT NULL AND c."close_date" IS NOT NULL AND c."rep" IS NOT NULL) AS "_pb_creditable",
  (c."_pb_meets" AND NOT c."_pb_blocked" AND c."_pb_amount" IS NOT NULL AND c."close_date" IS NOT NULL AND c."rep" IS NOT NULL AND (c."close_date" >= TIMESTAMP '2017-01-01' AND c."close_date" < TIMESTAMP '2018-01-01')) AS "_pb_credited",
  (c."_pb_meets" AND c."_pb_blocked" AND c."_pb_amount" IS NOT NULL AND c."close_date" IS NOT NULL AND c."rep" IS NOT NULL AND (c."close_date" >= TIMESTAMP '2017-01-01' AND c."close_date" < TIMESTAMP '2018-01-01')) AS "_pb_blocked_credit",
  CASE WHEN c."_pb_meets" AND NOT c."_pb_blocked" THEN CASE WHEN c."_pb_amount" IS NULL THEN 'amount' WHEN c."close_date" IS NULL THEN 'close_date' WHEN c."rep" IS NULL THEN 'rep' END END AS "_pb_missing"
FROM (SELECT t.*, t."amount" AS "_pb_amount", (t."_pb_won") IS TRUE AS "_pb_meets", (t."_pb_rl_deep discount") AS "_pb_blocked",
  (SELECT any_value(r."_pb_row") FROM "reps" r WHERE r."name" = t."rep") AS "_pb_rep"
FROM "redline_deep_discount" t) c;

CREATE OR REPLACE TEMP TABLE "credit_reps" AS
SELECT r."_pb_row" AS rep, CAST(COALESCE(SUM(CASE WHEN d."_pb_credited" THEN d."_pb_amount" END), 0) AS DECIMAL(38, 6)) AS credited,
  COUNT(CASE WHEN d."_pb_credited" THEN 1 END) AS deals
FROM "reps" r LEFT JOIN "credit" d ON d."_pb_rep" = r."_pb_row"
GROUP BY r."_pb_row";

-- bonus "strategic breakthrough", line 33: bonus "strategic breakthrough" per deal
CREATE OR REPLACE TEMP TABLE "first_per_1" AS
SELECT t.*, ((t."_pb_creditable" AND t."account" IS NOT NULL) AND row_number() OVER (PARTITION BY (t."_pb_creditable" AND t."account" IS NOT NULL), t."account" ORDER BY t."close_date" ASC NULLS LAST, t."id" ASC NULLS LAST, t."_pb_row") = 1) AS "_pb_first_1"
FROM "credit" t;

-- bonus "strategic breakthrough", line 33: bonus "strategic breakthrough" per deal
CREATE OR REPLACE TEMP TABLE "bonus_strategic_breakthrough_deals" AS
SELECT b.*, (CAST(pb_round_half_up(pb_int(CAST(b.value AS DECIMAL(38, 2)), 100), 1) AS DECIMAL(38, 0)) * CAST('0.01' AS DECIMAL(38, 2))) AS rounded FROM (
SELECT t."_pb_rep" AS rep, t."_pb_row" AS deal, t."id" AS id, CAST('1000000' AS DECIMAL(7, 0)) AS value, t."_pb_amount" AS basis
FROM (SELECT t.*, (SELECT any_value(l1."strategic") FROM "accounts" l1 WHERE l1."name" = t."account") AS "_pb_lookup_1"
  FROM "first_per_1" t) t WHERE t."_pb_credited" AND t."_pb_rep" IS NOT NULL AND ((t."_pb_lookup_1" AND t."_pb_first_1")) IS TRUE) b;

CREATE OR REPLACE TEMP TABLE "bonus_strategic_breakthrough" AS
SELECT r."_pb_row" AS rep, COALESCE(SUM(CASE WHEN b.rounded IS NOT NULL AND b.rounded <> 0 THEN b.rounded END), 0) AS amount1, COALESCE(SUM(CASE WHEN b.rounded IS NOT NULL AND b.rounded <> 0 THEN b.basis END), 0) AS basis
FROM "reps" r LEFT JOIN "bonus_strategic_breakthrough_deals" b ON b.rep = r."_pb_row"
GROUP BY r."_pb_row";

CREATE OR REPLACE TEMP TABLE "payout_lines" AS
SELECT rep, 'strategic breakthrough' AS component, amount1 AS amount FROM "bonus_strategic_breakthrough";

CREATE OR REPLACE TEMP TABLE "forfeits" AS
SELECT CAST(NULL AS BIGINT) AS rep, 0 AS rule_ord, 0 AS comp_ord, '' AS component, '' AS rule, CAST(0 AS DECIMAL(38, 0)) AS amount WHERE FALSE;

-- payout "payout", line 4: playbook "Conformance: strategic breakthrough bonus"
CREATE OR REPLACE TEMP TABLE "payout" AS
SELECT r."_pb_row" AS rep, r."name" AS rep_key,
  COALESCE((SELECT SUM(pl.amount) FROM "payout_lines" pl WHERE pl.rep = r."_pb_row"), 0) AS gross,
  COALESCE((SELECT SUM(f.amount) FROM "forfeits" f WHERE f.rep = r."_pb_row"), 0) AS forfeited
FROM "reps" r;
