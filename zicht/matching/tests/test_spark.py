import logging

import pytest

from testdata.synthetic_persons import generate
from zicht.matching.batch import dedupe


@pytest.mark.spark
def test_spark_and_duckdb_give_identical_clusters_with_the_same_model():
    # py4j logs at interpreter exit, after pytest has closed its streams
    logging.getLogger("py4j").setLevel(logging.WARNING)
    records = generate(2000, seed=8).drop(columns=["person_id"])
    on_duckdb = dedupe(records)
    on_spark = dedupe(records, backend="spark", model=on_duckdb.model)
    assert on_duckdb.clusters.equals(on_spark.clusters)
    assert on_duckdb.n_pairs_scored == on_spark.n_pairs_scored
