"""Run a playbook compiled to Spark SQL on Spark (local mode or a cluster).

    playbook compile plan.playbook --target sql --dialect spark --out plan.spark.sql
    spark-submit examples/spark/run.py plan.spark.sql TABLES_DIR [OUT_DIR]

UNTESTED HERE: the project's machines cannot install pyspark (no access to PyPI), so this driver
has never been run by the project's tests or CI; see docs/sql.md, "Spark".

TABLES_DIR holds one CSV file per declared table, named TABLE.csv, already in the shape the
script's header declares (`-- CREATE TABLE deals (_pb_row BIGINT, ...)`): a header row with the
field names, values as plain text (decimals with a point, dates and timestamps as
`YYYY-MM-DD HH:MM:SS` wall-clock time in the playbook's time zone, booleans true/false, empty =
missing). `_pb_row` (0-based position in the original file) and `_pb_line` may be left out: they
are then numbered in file order. The results (payout per rep, payout lines, forfeits) are printed
and, with OUT_DIR, written there as JSON lines.
"""
import os
import re
import sys

from pyspark.sql import SparkSession, Window
from pyspark.sql import functions as F

HEADER = re.compile(r"^-- CREATE TABLE `([^`]+)` \((.*)\);$")
COLUMN = re.compile(r"`([^`]+)` ([A-Z]+(?:\(\d+, \d+\))?)")


def main(sql_file, tables_dir, out_dir=None):
    spark = (
        SparkSession.builder.appName("playbook")
        # Exact decimals: never round a quotient's scale down to 6 places (docs/sql.md, "Differences").
        .config("spark.sql.decimalOperations.allowPrecisionLoss", "false")
        # Timestamps are wall-clock values in the playbook's zone: read and shown as written.
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    script = open(sql_file, encoding="utf-8").read()
    for line in script.splitlines():
        m = HEADER.match(line)
        if not m:
            continue
        table, columns = m.group(1), COLUMN.findall(m.group(2))
        df = spark.read.option("header", True).csv(os.path.join(tables_dir, table + ".csv"))
        if "_pb_row" not in df.columns:
            # File order, 0-based; the line is the row's line in a file with a header.
            df = df.withColumn("_pb_id", F.monotonically_increasing_id())
            df = df.withColumn("_pb_row", F.row_number().over(Window.orderBy("_pb_id")) - 1).drop("_pb_id")
            df = df.withColumn("_pb_line", F.col("_pb_row") + 2)
        df.select([F.col(name).cast(sql_type) for name, sql_type in columns]).createOrReplaceTempView(table)
    # The script is one statement per step, each ending with ";" at the end of a line.
    for statement in re.split(r";\s*\n", script):
        body = "\n".join(l for l in statement.splitlines() if not l.startswith("--")).strip()
        if body:
            spark.sql(body)
    for result in ("payout", "payout_lines", "forfeits"):
        frame = spark.table(result).orderBy("rep")
        frame.show(truncate=False)
        if out_dir:
            frame.coalesce(1).write.mode("overwrite").json(os.path.join(out_dir, result))


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit("usage: run.py PLAN.spark.sql TABLES_DIR [OUT_DIR]")
    main(*sys.argv[1:4])
