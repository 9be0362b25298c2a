"""The databases Splink runs on: DuckDB in this process (default) or a Spark session."""

from __future__ import annotations

import tempfile
from typing import Any, Literal

import pandas as pd

Backend = Literal["duckdb", "spark"]
#: DuckDB's memory limit; beyond it DuckDB spills to a temporary directory.
_DUCKDB_MEMORY_LIMIT = "4GB"


def connect(backend: Backend, spark: Any = None, temp_dir: str | None = None) -> Any:
    """Splink's database API for ``backend``; DuckDB spills to ``temp_dir`` when given."""
    if backend == "duckdb":
        import duckdb
        from splink import DuckDBAPI

        con = duckdb.connect(":memory:")
        con.execute("SET preserve_insertion_order = false")
        con.execute("SET enable_progress_bar = false")
        con.execute(f"SET memory_limit = '{_DUCKDB_MEMORY_LIMIT}'")
        if temp_dir is not None:
            con.execute(f"SET temp_directory = '{temp_dir}'")
        return DuckDBAPI(con)
    if backend == "spark":
        from splink import SparkAPI

        if spark is None:
            spark = local_spark_session()
        return SparkAPI(spark_session=spark)
    raise ValueError(f"unknown backend {backend!r}")


def local_spark_session(cores: int = 2) -> Any:
    """A Spark session in local mode, with Splink's similarity functions on the class path."""
    from pyspark.sql import SparkSession
    from splink.backends.spark import similarity_jar_location

    session = (
        SparkSession.builder.master(f"local[{cores}]")
        .appName("zicht-link")
        .config("spark.jars", similarity_jar_location())
        .config("spark.sql.shuffle.partitions", str(cores * 4))
        .config("spark.default.parallelism", str(cores * 4))
        .config("spark.driver.memory", "4g")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.ansi.enabled", "false")
        .getOrCreate()
    )
    session.sparkContext.setCheckpointDir(tempfile.mkdtemp(prefix="zicht-spark-"))
    return session


def load_features(db_api: Any, frame: pd.DataFrame, backend: Backend, spark: Any) -> Any:
    """The feature frame as a table Splink can link."""
    if backend == "spark":
        from pyspark.sql.types import StringType, StructField, StructType

        schema = StructType([StructField(c, StringType(), True) for c in frame.columns])
        records = frame.astype(object).where(frame.notna(), None).values.tolist()
        sdf = db_api.spark.createDataFrame(records, schema=schema)
        return db_api.register(sdf)
    # a DuckDB table, not a view on the pandas frame: every query would read the Python
    # strings of the frame again
    db_api.duckdb_con.register("zicht_features_frame", frame)
    db_api.duckdb_con.execute("CREATE TABLE zicht_features AS SELECT * FROM zicht_features_frame")
    db_api.duckdb_con.unregister("zicht_features_frame")
    return db_api.register("zicht_features")
