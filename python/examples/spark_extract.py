#!/usr/bin/env python3
"""Extract the facts of a directory of articles with Spark, into Parquet.

    python python/examples/spark_extract.py DIR [--master local[2]] [--count] [--out PATH]
                                            [--jsonl-field F] [--kinds LIST] [--date YYYY-MM-DD]

Reads every ``.txt`` file below DIR into a DataFrame, one row per article
(``id``: its path below DIR; ``text``: the whole file, as the tool reads it),
extracts the facts with the zonefacts package inside ``mapInArrow``
(``zonefacts.spark.extract_facts``: each Python worker builds its Extractor
once), and writes one row per fact to PATH as Parquet (default
``zonefacts-facts.parquet``, replaced if it exists). With ``--count`` it reads
the Parquet back and prints ``facts N`` as its last line.

With ``--jsonl-field F`` the input is JSON Lines instead, as the tool's
``--jsonl-field``: every ``.jsonl`` file below DIR (or DIR itself, a file)
holds one object per line whose string field F is a text; ``id`` is the
record's ``id`` field, else its ``file`` field, else FILE:ROW.

On a cluster, submit it with spark-submit and ship the package: see
python/README.md ("On a cluster").
"""

from __future__ import annotations

import argparse
import os
import sys


def read_texts(spark, path: str):
    """One row per ``.txt`` file below ``path``: ``id`` (the path below it)
    and ``text``."""
    from pyspark.sql import functions as F

    df = (
        spark.read.option("recursiveFileLookup", True)
        .option("pathGlobFilter", "*.txt")
        .text(path, wholetext=True)
        .select(F.col("_metadata.file_path").alias("path"), F.col("value").alias("text"))
    )
    # file:/a/b/DIR/x/y.txt -> x/y.txt: after the last "/DIR/" of the path
    # (a path that does not hold it keeps its full URI).
    name = os.path.basename(os.path.normpath(path))
    sep = f"/{name}/"
    rel = F.when(F.instr("path", sep) > 0, F.substring_index("path", sep, -1)).otherwise(F.col("path"))
    return df.select(rel.alias("id"), "text")


def read_jsonl(spark, path: str, field: str):
    """One row per JSON Lines record: ``id`` and ``text`` (field ``field``)."""
    from pyspark.sql import functions as F

    reader = spark.read
    if os.path.isdir(path):
        reader = reader.option("recursiveFileLookup", True).option("pathGlobFilter", "*.jsonl")
    df = reader.json(path)
    if field not in df.columns:
        raise SystemExit(f"spark_extract: no field {field!r} in the records of {path}")
    row = F.concat_ws(":", F.col("_metadata.file_name"), F.monotonically_increasing_id().cast("string"))
    ids = [F.col(c).cast("string") for c in ("id", "file") if c in df.columns]
    return df.select(F.coalesce(*ids, row).alias("id"), F.col(field).cast("string").alias("text"))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("input", help="a directory of .txt files (or of .jsonl files with --jsonl-field)")
    ap.add_argument("--master", help="Spark master, e.g. local[2] (default: spark-submit's, else local[*])")
    ap.add_argument("--count", action="store_true", help="print 'facts N' (read back from the Parquet) last")
    ap.add_argument("--out", default="zonefacts-facts.parquet", help="the Parquet output (replaced)")
    ap.add_argument("--jsonl-field", metavar="F", help="read JSON Lines and extract from the string field F")
    ap.add_argument("--kinds", help="kinds to extract, e.g. money,count,date (default: all)")
    ap.add_argument("--date", help="document date YYYY-MM-DD (resolves 今年, 去年, 上半年)")
    ap.add_argument("--partitions", type=int, help="repartition the articles into N partitions first")
    args = ap.parse_args(argv)

    if args.master and args.master.startswith("local"):
        # Local workers run this interpreter (which has the package) unless
        # told otherwise; on a cluster PYSPARK_PYTHON names theirs.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)

    from pyspark.sql import SparkSession

    from zonefacts.spark import extract_facts

    builder = SparkSession.builder.appName("zonefacts")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    try:
        if args.jsonl_field:
            articles = read_jsonl(spark, args.input, args.jsonl_field)
        else:
            articles = read_texts(spark, args.input)
        if args.partitions:
            articles = articles.repartition(args.partitions)
        facts = extract_facts(articles, kinds=args.kinds, document_date=args.date)
        facts.write.mode("overwrite").parquet(args.out)
        print(f"wrote {args.out}", file=sys.stderr)
        if args.count:
            n = spark.read.parquet(args.out).count()
            print(f"facts {n}")
    finally:
        spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
