"""Grid search and cross-validation on a Dask cluster give the serial results."""

import joblib
import numpy as np
import pandas as pd
import pytest
from sklearn.datasets import load_digits
from sklearn.model_selection import GridSearchCV, cross_val_score

from skseq import RecurrentClassifier, make_text_classifier

distributed = pytest.importorskip("distributed")
dask = pytest.importorskip("dask")

# Small fits that learn, so that predictions stay away from 0.5. The
# workers' fits are seeded as the serial ones, but their float sums are not
# always rounded alike (the same fits serially are bit for bit the same):
# samples near the decision boundary may flip, hence a tolerance of about
# a tenth of a fold (issue note: equality is still open).
TINY = dict(units=8, embedding_dim=8, epochs=6, learning_rate=0.03, random_state=0)


@pytest.fixture(scope="module")
def client():
    # Dask's nanny starts workers with OMP_NUM_THREADS=1 (and MKL's and
    # OpenBLAS'), which changes how TensorFlow's oneDNN kernels split their
    # sums; the workers keep this process' settings instead
    with dask.config.set({"distributed.nanny.pre-spawn-environ": {}}):
        cluster = _cluster()
    client = distributed.Client(cluster)
    try:
        yield client
    finally:
        client.close()
        cluster.close()


def _cluster():
    return distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        # the workers keep TensorFlow's default threads, as this process: a
        # float sum split over another number of threads rounds differently
    )


def _digits(n=120):
    digits = load_digits()
    return digits.images[:n].astype("float32") / 16.0, digits.target[:n] < 5


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
    assert on_dask.keys() == serial.keys()
    for key in serial:  # a few test samples of a fold may flip
        np.testing.assert_allclose(on_dask[key], serial[key], atol=0.1)
    assert search.best_estimator_.predict(X).shape == y.shape


def test_cross_val_score_of_text_pipeline_on_dask_equals_serial(client):
    X, y = _texts()
    pipe = make_text_classifier(maxlen=4, **TINY)
    serial = cross_val_score(pipe, X, y, cv=3)
    with joblib.parallel_backend("dask"):
        on_dask = cross_val_score(pipe, X, y, cv=3)
    np.testing.assert_allclose(on_dask, serial, atol=0.13)
