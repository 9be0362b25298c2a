from testdata.synthetic_persons import generate
from zicht.matching import features as feat
from zicht.matching import normalise


def test_normalising_in_worker_processes_gives_the_same_features():
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    records = generate(40_000, seed=4)
    phones = records["phone"]
    assert phones.nunique() >= feat._PARALLEL_MIN_DISTINCT
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(2, mp_context=context) as pool:
        workers = feat._Workers(pool)
        in_workers = feat._cached(normalise.normalise_phone, phones, workers)
        assert workers.pool is not None  # the workers did the work
    assert in_workers == feat._cached(normalise.normalise_phone, phones)
