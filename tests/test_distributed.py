"""Grid search and cross-validation on a Dask cluster give the serial results."""

import joblib
import numpy as np
import pandas as pd
import pytest
from sklearn.datasets import load_digits
from sklearn.model_selection import GridSearchCV, cross_val_score

from skseq import RecurrentClassifier, make_text_classifier

distributed = pytest.importorskip("distributed")

TINY = dict(units=4, embedding_dim=4, epochs=1, random_state=0)
# one TensorFlow thread per worker, as docs/distributed.md recommends
WORKER_ENV = {"TF_NUM_INTEROP_THREADS": "1", "TF_NUM_INTRAOP_THREADS": "1"}


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        env=WORKER_ENV,
    )
    client = distributed.Client(cluster)
    try:
        yield client
    finally:
        client.close()
        cluster.close()


def _digits(n=120):
    digits = load_digits()
    return digits.images[:n].astype("float32") / 16.0, digits.target[:n] % 2


def _texts(n=48):
    good = ["a great film", "loved it", "wonderful acting", "great fun"]
    bad = ["a terrible film", "hated it", "awful acting", "boring mess"]
    rng = np.random.RandomState(0)
    words = [good if i % 2 else bad for i in range(n)]
    text = [f"{rng.choice(w)} {rng.choice(w)}" for w in words]
    return pd.Series(text), np.arange(n) % 2


def _scores(results):
    keys = sorted(k for k in results if k.startswith("split") and "test" in k)
    return {k: results[k].tolist() for k in keys}


def test_grid_search_on_dask_equals_serial(client):
    X, y = _digits()
    grid = {"cell": ["rnn", "gru"]}
    search = GridSearchCV(RecurrentClassifier(**TINY), grid, cv=2)
    serial = _scores(search.fit(X, y).cv_results_)
    with joblib.parallel_backend("dask"):
        on_dask = _scores(search.fit(X, y).cv_results_)
    assert on_dask == serial
    assert search.best_estimator_.predict(X).shape == y.shape


def test_cross_val_score_of_text_pipeline_on_dask_equals_serial(client):
    X, y = _texts()
    pipe = make_text_classifier(maxlen=4, **TINY)
    serial = cross_val_score(pipe, X, y, cv=3)
    with joblib.parallel_backend("dask"):
        on_dask = cross_val_score(pipe, X, y, cv=3)
    assert on_dask.tolist() == serial.tolist()


def _tensorflow_threads():
    import os

    return os.environ.get("TF_NUM_INTEROP_THREADS"), os.environ.get(
        "TF_NUM_INTRAOP_THREADS"
    )


def test_workers_get_the_tensorflow_thread_limits(client):
    assert list(client.run(_tensorflow_threads).values()) == [("1", "1")] * 2
