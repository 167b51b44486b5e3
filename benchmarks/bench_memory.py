"""Resident memory across repeated fits: skseq versus scikeras.

40 consecutive ``fit`` calls of a small LSTM(16) classifier on the 8x8 digits
read row by row (8 steps x 8 features), each estimator kept alive, in a fresh
process per library: skseq's RecurrentClassifier ("skseq"), skseq's
SequenceClassifier around the same Keras network that scikeras gets
("skseq-own"), and scikeras' KerasClassifier. Prints the growth of
resident memory after 10, 20, 30 and 40 fits, counted from after the first
fit (TensorFlow's one-off start-up is the same for all) and from before it,
and what the first fit and the first predict each add; then checks that every
skseq estimator still predicts exactly what it predicted right after its fit; then
runs GridSearchCV over 3 cells x 3 folds twice and prints the growth.
Last, skseq alone: 10 fits of a GRU(8) on 4,000 token sequences of up to
1,000 steps (16 MB as a padded int32 array), to show that the growth does
not scale with the training data.

Then a table of the growth per case, each in a fresh process, counted after
2 warm-up fits, every estimator kept alive: 30 fits of a GRU(16) on the
digits rows as the built-in network (RecurrentClassifier) and as a user's own
functional Keras network (SequenceClassifier, NaN masking, GRU, dense: a
functional network's configuration names Keras' per-process layer names,
which must not make each fit compile a trainer of its own), and 20 fits of a
RecurrentTextGenerator (units=16, window=20, 1 epoch) on the first 20,000
characters of tiny Shakespeare (``load_shakespeare``; a small made-up
corpus where the file is missing). ``--cases`` prints that table alone.

Run from the repository root::

    .venv/bin/python benchmarks/bench_memory.py [--cases]
"""

import json
import os
import subprocess
import sys

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

N_FITS = 40
N_BIG_FITS, BIG_SHAPE = 10, (4000, 1000)
N_WARM_UP = 2
CASES = {  # name: (fits, what)
    "gru": (30, "RecurrentClassifier(cell='gru', units=16)"),
    "gru-own": (30, "SequenceClassifier(model=<functional GRU(16)>)"),
    "generator": (20, "RecurrentTextGenerator(units=16, window=20)"),
}
SHAKESPEARE_CHARS = 20_000


def _rss_mb():
    import gc

    gc.collect()
    with open("/proc/self/statm") as f:  # Linux: resident pages are field 2
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _digits():
    from sklearn.datasets import load_digits

    digits = load_digits()
    return digits.images.astype("float32") / 16.0, digits.target


def _skseq_estimator(seed, cell="lstm"):
    from skseq import RecurrentClassifier

    return RecurrentClassifier(cell=cell, units=16, epochs=1, random_state=seed)


def _own_estimator(seed, cell="lstm"):
    from skseq import SequenceClassifier

    return SequenceClassifier(
        model=_own_network,
        model_params={"cell": cell},
        epochs=1,
        clipnorm=None,
        random_state=seed,
    )


def _own_network(n_outputs, output_activation, cell):
    model = _build_for_scikeras(cell, compiled=False)
    assert model.output_shape[-1] == n_outputs and output_activation == "softmax"
    return model


def _scikeras_estimator(seed, cell="lstm"):
    from scikeras.wrappers import KerasClassifier

    return KerasClassifier(
        _scikeras_builder(cell), epochs=1, verbose=0, random_state=seed
    )


def child(library):
    """Run in a fresh process; print one JSON line of measurements."""
    import keras  # noqa: F401  (start-up outside the measurement)
    import scikeras.wrappers  # noqa: F401
    from sklearn.model_selection import GridSearchCV

    import skseq  # noqa: F401

    make = {
        "skseq": _skseq_estimator,
        "skseq-own": _own_estimator,
        "scikeras": _scikeras_estimator,
    }[library]
    X, y = _digits()
    before = _rss_mb()
    kept, growth = [], {}
    for i in range(N_FITS):
        est = make(i).fit(X, y)
        if i == 0:
            fitted = _rss_mb()
        kept.append((est, est.predict_proba(X[:50])))
        if i == 0:
            after_first = _rss_mb()
            one_off = {"fit": fitted - before, "predict": after_first - fitted}
        if (i + 1) % 10 == 0:
            growth[i + 1] = (_rss_mb() - after_first, _rss_mb() - before)
    unchanged = all(np.array_equal(e.predict_proba(X[:50]), p) for e, p in kept)
    grid_growth = []
    for _ in range(2):
        start = _rss_mb()
        cells = ["rnn", "lstm", "gru"]
        if library == "skseq":
            grid = {"cell": cells}
        elif library == "skseq-own":
            grid = {"model_params": [{"cell": c} for c in cells]}
        else:  # scikeras takes the network through its builder
            grid = {"model": [_scikeras_builder(c) for c in cells]}
        GridSearchCV(make(0), grid, cv=3).fit(X, y)
        grid_growth.append(_rss_mb() - start)
    big = _big_data_growth() if library == "skseq" else None
    print(
        json.dumps(
            {
                "growth": growth,
                "one_off": one_off,
                "unchanged": unchanged,
                "grid": grid_growth,
                "big": big,
            }
        )
    )


def _big_data_growth():
    """Growth over N_BIG_FITS fits on BIG_SHAPE tokens, after the first fit."""
    from skseq import RecurrentClassifier

    rng = np.random.RandomState(0)
    n, width = BIG_SHAPE
    X = np.zeros(BIG_SHAPE, dtype="int32")
    for i, length in enumerate(rng.randint(5, width + 1, size=n)):
        X[i, :length] = rng.randint(2, 500, size=length)
    y = rng.randint(0, 2, size=n)
    sizes = []
    for i in range(N_BIG_FITS):
        params = dict(cell="gru", units=8, embedding_dim=8, batch_size=128)
        RecurrentClassifier(**params, epochs=1, random_state=i).fit(X, y)
        sizes.append(_rss_mb())
    return {"data_mb": X.nbytes / 2**20, "growth": sizes[-1] - sizes[0]}


def _own_gru_network(n_outputs, output_activation, n_features):
    """A user's functional network: NaN masking, GRU(16), dense."""
    import keras

    from skseq import NaNMasking

    inputs = keras.Input((None, n_features))
    x = keras.layers.GRU(16)(NaNMasking()(inputs))
    outputs = keras.layers.Dense(n_outputs, activation=output_activation)(x)
    return keras.Model(inputs, outputs)


def _corpus():
    """The generator's documents and their description."""
    from skseq.datasets import load_shakespeare

    try:
        text = load_shakespeare()[:SHAKESPEARE_CHARS]
    except FileNotFoundError:
        return ["abcabc abc"] * 50, 'made-up ["abcabc abc"] * 50'
    return [text], f"tiny Shakespeare, first {len(text):,} characters"


def case_child(case):
    """Run in a fresh process: the growth over one case's fits, as JSON."""
    import skseq

    n_fits, _ = CASES[case]
    if case == "generator":
        (X, data), y = _corpus(), None

        def make(seed):
            return skseq.RecurrentTextGenerator(
                units=16, window=20, epochs=1, random_state=seed
            )

    else:
        X, y = _digits()
        data = "digits rows (8 steps x 8 features)"

        def make(seed):
            if case == "gru":
                return skseq.RecurrentClassifier(
                    cell="gru", units=16, epochs=1, random_state=seed
                )
            return skseq.SequenceClassifier(
                model=_own_gru_network, epochs=1, random_state=seed
            )

    kept = [make(1000 + i).fit(X, y) for i in range(N_WARM_UP)]
    start = _rss_mb()
    for i in range(n_fits):
        kept.append(make(i).fit(X, y))
    growth = _rss_mb() - start
    print(json.dumps({"growth": growth, "data": data}))


def _in_child(*args):
    """The JSON line a fresh process of this script prints last."""
    out = subprocess.run(
        [sys.executable, __file__, *args], capture_output=True, text=True, check=True
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def cases():
    """Print the growth per case, each case in a fresh process."""
    results = {case: _in_child("--case", case) for case in CASES}
    print(f"\nresident memory growth (MB) after {N_WARM_UP} warm-up fits")
    print(f"{'case':<48}{'fits':>6}{'growth':>9}{'per fit':>9}")
    for case, (n_fits, what) in CASES.items():
        growth = results[case]["growth"]
        print(f"{what:<48}{n_fits:>6}{growth:>9.1f}{growth / n_fits:>9.2f}")
    print(f"generator corpus: {results['generator']['data']}")


def _scikeras_builder(cell):
    import functools

    return functools.partial(_build_for_scikeras, cell)


def _build_for_scikeras(cell, compiled=True):
    import keras

    layer = {"rnn": keras.layers.SimpleRNN, "lstm": keras.layers.LSTM}.get(
        cell, keras.layers.GRU
    )
    model = keras.Sequential(
        [keras.Input((8, 8)), layer(16), keras.layers.Dense(10, activation="softmax")]
    )
    if compiled:
        model.compile("adam", "sparse_categorical_crossentropy")
    return model


def main(cases_only=False):
    if cases_only:
        cases()
        return
    libraries = ("skseq", "skseq-own", "scikeras")
    results = {library: _in_child("--child", library) for library in libraries}
    print(f"resident memory growth (MB) over {N_FITS} fits of LSTM(16), digits rows")
    print("after first fit / from start")
    print(f"{'fits':>5}" + "".join(f"{lib:>18}" for lib in libraries))
    for n in ("10", "20", "30", "40"):
        cells = (results[lib]["growth"][n] for lib in libraries)
        print(f"{n:>5}" + "".join(f"{a:>9.1f} / {b:>6.1f}" for a, b in cells))
    for lib in libraries:
        growth = results[lib]["growth"]
        print(
            f"{lib}: {growth['40'][0] / (N_FITS - 1):.2f} MB per fit after the "
            f"first; from fit 10 to fit 40 {growth['40'][1] - growth['10'][1]:.1f} "
            f"MB; 30 fits (10 to 40) {growth['40'][0] - growth['10'][0]:.1f} MB"
        )
    for lib in ("skseq", "skseq-own"):
        print(
            f"earlier {lib} estimators predict as before: {results[lib]['unchanged']}"
        )
    for library in libraries:
        first, g = results[library]["one_off"], results[library]["grid"]
        print(
            f"{library}: first fit {first['fit']:.1f} MB, then its first "
            f"predict_proba on 50 samples {first['predict']:.1f} MB; GridSearchCV "
            f"3 cells x 3 folds: first {g[0]:.1f} MB, second {g[1]:.1f} MB"
        )
    big = results["skseq"]["big"]
    print(
        f"skseq, {N_BIG_FITS} fits on {big['data_mb']:.0f} MB of tokens each: "
        f"{big['growth']:.1f} MB after the first fit "
        f"({big['growth'] / (N_BIG_FITS - 1):.2f} MB per fit)"
    )
    cases()


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        import numpy as np

        child(sys.argv[2])
    elif len(sys.argv) == 3 and sys.argv[1] == "--case":
        case_child(sys.argv[2])
    else:
        main(cases_only=sys.argv[1:] == ["--cases"])
