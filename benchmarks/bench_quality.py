"""Quality of skseq's defaults against simple baselines, in the same run.

Every dataset of the shared data (``../shared/data``, or ``--data`` /
``$SKSEQ_DATA``), each scored on its own test split:

- the 7 UCR/UEA series sets (accuracy; Covid3Month: RMSE, lower is better):
  1-NN Euclidean (NaN padding read as 0 after the end of a series, as in
  the archive's baselines) or the training mean (regression);
- IMDB (25,000 / 25,000 reviews) and the Sentiment Labelled Sentences
  (3,000 sentences; 5-fold stratified cross-validation, shuffled with
  ``random_state=0``, every sentence predicted once): TF-IDF (word 1-2
  grams, ``min_df=2``, sublinear tf) + logistic regression;
- Fashion-MNIST read row by row (28 steps x 28 pixels; a random 10,000
  training and 2,000 test images, ``random_state=0``): 1-NN Euclidean.

Besides that baseline, every dataset gets a hand-written Keras LSTM (what a
user would write first: series standardized per feature on the training
set, NaN padding -> 0 under ``Masking``; text tokenized by ``TextTokenizer``
(20,000 tokens) and post-padded to 400 tokens under ``mask_zero``;
``LSTM(64)``, Adam 1e-3, batch 32, 100 epochs for series and images of up
to 1,000 samples, else 10; 3 epochs for text), skseq's defaults
(``RecurrentClassifier(random_state=0)``, ``RecurrentRegressor(random_state=0)``,
``make_text_classifier(random_state=0)``, on the data as loaded) and the
documented recipes (``RECIPES``) where they apply. Each cell is the score
and the fit time (wall seconds, of the one fit; of all five for
cross-validation). Run from the repository root::

    .venv/bin/python benchmarks/bench_quality.py [--datasets GunPoint,Coffee] [--quick]
    .venv/bin/python benchmarks/bench_quality.py --datasets ArrowHead --seeds 5

``--seeds N`` fits skseq's defaults and recipes with ``random_state`` 0 to
N - 1: each of their cells is then the mean score, its range over the
seeds and the mean fit time (a small set's score moves by several points
from one seed to another).

``--datasets PLAID,Tecator,ACSF1,OSULeaf`` runs four more series sets
(Tecator: RMSE) of kinds the shared data lacks, read from ``--extra-data``
(default ``../extra_data``, written by ``benchmarks/extra_series.py``): an
out-of-sample check of the default rules, not part of the default run.
Any suite set (below) may be named there too, e.g. ``--datasets FaceFour``.

``--quick`` cuts IMDB to 2,000 / 2,000 reviews, Fashion-MNIST to 2,000 /
1,000 images and the sentences to one stratified 80/20 split
(``random_state=0``); the series sets are small and stay whole.

``--suite`` runs the UCR/UEA development suite instead: the 27 sets of
``timeseries/`` (``SUITE``; ``--sets`` picks some), skseq's defaults
(``RecurrentClassifier(random_state=seed)``; ``RecurrentRegressor`` for
Covid3Month, the one regression set) on each official split beside 1-NN
Euclidean computed in the same run (the data README's protocol: NaN -> 0,
zero-filled to the longest length of train and test, channels
concatenated; for Covid3Month the nearest training series' target, RMSE,
and the training mean, the stronger of the two there)
and the published FCN / ResNet / ROCKET accuracies (``PUBLISHED``), with
each set's mean fit time and what its plan resolved to, then the summary
(sets beaten, mean accuracies, the gap to FCN, total time)::

    .venv/bin/python benchmarks/bench_quality.py --suite [--seeds 5] [--sets CBF,Beef]
    .venv/bin/python benchmarks/bench_quality.py --suite --params '{"epochs": 200}'

``--first-seed K`` starts the random states at K (``--seeds 2 --first-seed
3``: states 3 and 4, to extend a run over states 0-2).

``--params`` (JSON) adds parameters to every skseq estimator of the run
(the suite's, and the defaults of the other modes); ``--thresholds`` (JSON,
an experiment on a rule, not an option of skseq) replaces entries of the
resolver's ``skseq._defaults.THRESHOLDS`` for the run, e.g.
``'{"budget_steps": 3000}'``: only those read when a fit resolves its plan
(the epoch budget and the patience, the long-series, spread and n-gram
limits), not those bound as default arguments (the piecewise mean's and
the convolutions'); ``--json PATH`` writes the suite's per-set results to
PATH.
"""

import argparse
import json
import os
import time
import types

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")  # Keras' default backend

import keras  # noqa: E402
import numpy as np  # noqa: E402
from sklearn import feature_extraction, linear_model, model_selection  # noqa: E402
from sklearn.pipeline import make_pipeline  # noqa: E402

from skseq import (  # noqa: E402
    RecurrentClassifier,
    RecurrentRegressor,
    TextTokenizer,
    _defaults,
    make_text_classifier,
)
from skseq.datasets import (  # noqa: E402
    load_fashion_mnist,
    load_imdb,
    load_sentences,
    load_ucr,
)

SERIES = [
    "GunPoint",
    "ArrowHead",
    "ItalyPowerDemand",
    "JapaneseVowels",
    "BasicMotions",
    "Coffee",
    "Covid3Month",
]
# out-of-sample series sets, outside the shared data (benchmarks/extra_series.py
# writes them; --extra-data): not in the default run
EXTRA_SERIES = [
    "PLAID",
    "Tecator",
    "ACSF1",
    "OSULeaf",
    "PigCVP",
    "PickupGestureWiimoteZ",
    "CardanoSentiment",
]
REGRESSION = {"Covid3Month", "Tecator", "CardanoSentiment"}
TEXT = ["IMDB", "Sentences"]
DATASETS = [*SERIES, *TEXT, "FashionMNIST"]

# At most two documented recipes: (name, parameters of the estimator), run on
# the series and image sets.
RECIPES = [("cell='lstm'", {"cell": "lstm"})]

# The UCR/UEA development suite of ``--suite``: every set of ``timeseries/``
# (the 7 above, then the 20 of the data README's "Time-series development
# suite"); Covid3Month is its one regression set.
SUITE = [
    *SERIES,
    "SyntheticControl",
    "CBF",
    "SwedishLeaf",
    "FaceFour",
    "FiftyWords",
    "DistalPhalanxOutlineCorrect",
    "ECGFiveDays",
    "Beef",
    "Strawberry",
    "Rock",
    "Trace",
    "SonyAIBORobotSurface1",
    "ToeSegmentation1",
    "Worms",
    "HouseTwenty",
    "AllGestureWiimoteX",
    "ShakeGestureWiimoteZ",
    "AtrialFibrillation",
    "Epilepsy",
    "RacketSports",
]

# Published test accuracies on the default splits, copied from
# ../shared/data/README.md (its "Published reference results" and the table
# of its "Time-series development suite"): 1-NN Euclidean as computed there
# (checked against this run's), FCN / ResNet from Fawaz et al., DMKD 2019
# (hfawaz/dl-4-tsc; Rock, HouseTwenty and the two Wiimote sets from that
# repository's results-ucr-128.csv), ROCKET from Dempster et al., DMKD 2020
# (angus924/rocket). None: not published (or not in the README).
PUBLISHED = {  # name: (1-NN ED, FCN, ResNet, ROCKET)
    "GunPoint": (0.913, 1.000, 0.991, None),
    "ArrowHead": (0.800, 0.843, 0.838, None),
    "ItalyPowerDemand": (0.955, 0.963, 0.962, None),
    "JapaneseVowels": (0.916, 0.993, 0.992, None),
    "BasicMotions": (0.600, None, None, None),
    "Coffee": (1.000, 1.000, 1.000, None),
    "Covid3Month": (None, None, None, None),
    "SyntheticControl": (0.880, 0.985, 0.998, 1.000),
    "CBF": (0.852, 0.994, 0.995, 1.000),
    "SwedishLeaf": (0.789, 0.969, 0.956, 0.964),
    "FaceFour": (0.784, 0.928, 0.955, 0.977),
    "FiftyWords": (0.631, 0.627, 0.740, 0.830),
    "DistalPhalanxOutlineCorrect": (0.717, 0.760, 0.771, 0.770),
    "ECGFiveDays": (0.797, 0.987, 0.975, 1.000),
    "Beef": (0.667, 0.697, 0.753, 0.833),
    "Strawberry": (0.946, 0.972, 0.981, 0.981),
    "Rock": (0.640, 0.632, 0.552, 0.900),
    "Trace": (0.760, 1.000, 1.000, 1.000),
    "SonyAIBORobotSurface1": (0.696, 0.960, 0.958, 0.922),
    "ToeSegmentation1": (0.680, 0.961, 0.963, 0.968),
    "Worms": (0.455, 0.765, 0.791, 0.740),
    "HouseTwenty": (0.681, 0.982, 0.983, 0.964),
    "AllGestureWiimoteX": (0.534, 0.713, 0.741, 0.790),
    "ShakeGestureWiimoteZ": (0.640, 0.884, 0.880, 0.898),
    "AtrialFibrillation": (0.267, None, None, None),
    "Epilepsy": (0.630, None, None, None),
    "RacketSports": (0.822, None, None, None),
}


# -- data ---------------------------------------------------------------------


def load(name, data, quick, extra=None):
    """``[(X_train, y_train, X_test, y_test), ...]``: one split, or the CV folds
    (the ``EXTRA_SERIES`` from the folder ``extra``)."""
    if name in SUITE or name in EXTRA_SERIES:
        home = extra if name in EXTRA_SERIES else data
        X_train, y_train, X_test, y_test = load_ucr(name, data_home=home)
        if name in REGRESSION:
            y_train, y_test = y_train.astype(float), y_test.astype(float)
        return [(X_train, y_train, X_test, y_test)]
    if name == "IMDB":
        n = 2000 if quick else None
        train = load_imdb("train", data_home=data, n_samples=n)
        test = load_imdb("test", data_home=data, n_samples=n)
        return [(train["text"], train["label"].to_numpy(), test["text"], test["label"])]
    if name == "Sentences":
        frame = load_sentences(data_home=data)
        X, y = frame["text"], frame["label"].to_numpy()
        if quick:
            folds = [
                model_selection.train_test_split(
                    np.arange(len(y)), test_size=0.2, stratify=y, random_state=0
                )
            ]
        else:
            cv = model_selection.StratifiedKFold(5, shuffle=True, random_state=0)
            folds = cv.split(np.zeros(len(y)), y)
        return [(X.iloc[tr], y[tr], X.iloc[te], y[te]) for tr, te in folds]
    n_train, n_test = (2000, 1000) if quick else (10_000, 2000)
    X_train, y_train = load_fashion_mnist("train", data_home=data, n_samples=n_train)
    X_test, y_test = load_fashion_mnist("test", data_home=data, n_samples=n_test)
    return [(X_train, y_train, X_test, y_test)]


def _widen(X, width):
    out = np.full((len(X), width, X.shape[2]), np.nan, dtype=np.float32)
    out[:, : X.shape[1]] = X
    return out


def _flat(X, width):
    return np.nan_to_num(_widen(X, width)).reshape(len(X), -1)


def _is_text(X):
    return not isinstance(X, np.ndarray)  # the texts are pandas columns


def standardize(X_train, *others):
    """Per-feature mean and scale of the training set's real (non-NaN) steps."""
    flat = X_train.reshape(-1, X_train.shape[2])
    mean, scale = np.nanmean(flat, axis=0), np.nanstd(flat, axis=0)
    scale[scale == 0] = 1.0
    return [((X - mean) / scale).astype(np.float32) for X in (X_train, *others)]


# -- methods: fit(X_train, y_train) then predict(X_test) ----------------------


def one_nn(X_train, y_train, X_test, y_test):
    width = max(X_train.shape[1], X_test.shape[1])
    a, b = _flat(X_train, width), _flat(X_test, width)
    pred = np.empty(len(b), dtype=y_train.dtype)
    for start in range(0, len(b), 500):  # bounded memory for Fashion-MNIST
        block = b[start : start + 500]
        d = (block**2).sum(1)[:, None] - 2 * block @ a.T + (a**2).sum(1)[None]
        pred[start : start + 500] = y_train[d.argmin(1)]
    return pred


def training_mean(X_train, y_train, X_test, y_test):
    return np.full(len(X_test), np.mean(y_train))


def tfidf_lr_model():
    """The text baseline: TF-IDF of word 1-2 grams + logistic regression."""
    return make_pipeline(
        feature_extraction.text.TfidfVectorizer(
            ngram_range=(1, 2), min_df=2, sublinear_tf=True
        ),
        linear_model.LogisticRegression(C=10.0, max_iter=1000),
    )


def tfidf_lr(X_train, y_train, X_test, y_test):
    return tfidf_lr_model().fit(X_train, y_train).predict(X_test)


def keras_lstm(X_train, y_train, X_test, y_test):
    keras.utils.set_random_seed(0)
    text = _is_text(X_train)
    regression = np.asarray(y_train).dtype.kind == "f"
    classes, y = None, np.asarray(y_train)
    if not regression:
        classes, y = np.unique(y_train, return_inverse=True)
    if text:
        tokenizer = TextTokenizer(max_tokens=20_000).fit(X_train)

        def prepare(X):
            ids = tokenizer.transform(X)
            return keras.utils.pad_sequences(ids, maxlen=400, padding="post")

        a, b = prepare(X_train), prepare(X_test)
        inputs = keras.Input((None,), dtype="int32")
        x = keras.layers.Embedding(20_000, 64, mask_zero=True)(inputs)
        epochs = 3
    else:
        width = max(X_train.shape[1], X_test.shape[1])
        a, b = standardize(_widen(X_train, width), _widen(X_test, width))
        a, b = np.nan_to_num(a), np.nan_to_num(b)
        inputs = keras.Input((None, a.shape[2]))
        x = keras.layers.Masking(0.0)(inputs)
        epochs = 100 if len(a) <= 1000 else 10
    x = keras.layers.LSTM(64)(x)
    if regression:
        outputs, loss = keras.layers.Dense(1)(x), "mse"
    elif len(classes) == 2:
        outputs = keras.layers.Dense(1, activation="sigmoid")(x)
        loss = "binary_crossentropy"
    else:
        outputs = keras.layers.Dense(len(classes), activation="softmax")(x)
        loss = "sparse_categorical_crossentropy"
    model = keras.Model(inputs, outputs)
    model.compile(keras.optimizers.Adam(1e-3), loss)
    model.fit(a, y.astype(np.float32), batch_size=32, epochs=epochs, verbose=0)
    raw = model.predict(b, batch_size=256, verbose=0)
    if regression:
        return raw[:, 0]
    index = (raw[:, 0] > 0.5).astype(int) if len(classes) == 2 else raw.argmax(1)
    return classes[index]


def skseq_model(X_train, y_train, params, seed=0):
    """The unfitted skseq estimator for this kind of data: text, target, labels."""
    if _is_text(X_train):
        return make_text_classifier(random_state=seed, **params)
    if np.asarray(y_train).dtype.kind == "f":
        return RecurrentRegressor(random_state=seed, **params)
    return RecurrentClassifier(random_state=seed, **params)


def skseq_estimator(params, seed=0):
    def method(X_train, y_train, X_test, y_test):
        model = skseq_model(X_train, y_train, params, seed)
        return model.fit(X_train, y_train).predict(X_test)

    return method


def baseline(name):
    if name in REGRESSION:
        return "training mean", training_mean
    if name in TEXT:
        return "TF-IDF + LR", tfidf_lr
    return "1-NN", one_nn


# -- running -------------------------------------------------------------------


def metric(truth, preds, regression):
    """RMSE of a regression, else the accuracy (labels compared as text)."""
    if regression:
        return float(np.sqrt(np.mean((truth - preds) ** 2)))
    return float(np.mean(truth.astype(str) == preds.astype(str)))


def evaluate(method, folds, regression):
    """Score over all test predictions of ``folds`` and the total fit time."""
    truth, preds, seconds = [], [], 0.0
    for X_train, y_train, X_test, y_test in folds:
        start = time.perf_counter()
        preds.append(np.asarray(method(X_train, y_train, X_test, y_test)))
        seconds += time.perf_counter() - start
        truth.append(np.asarray(y_test))
    truth, preds = np.concatenate(truth), np.concatenate(preds)
    return metric(truth, preds, regression), seconds


def cell(scores, seconds, regression):
    """``score (s)``, or ``mean (min-max, mean s)`` over several seeds."""
    digits = 4 if regression else 3
    if len(scores) == 1:
        return f"{scores[0]:.{digits}f} ({seconds[0]:.0f} s)"
    spread = f"{min(scores):.{digits}f}-{max(scores):.{digits}f}"
    return f"{np.mean(scores):.{digits}f} ({spread}, {np.mean(seconds):.0f} s)"


def describe(name, folds):
    X_train, _, X_test, _ = folds[0]
    if name in TEXT:
        return (
            f"{len(X_train) + len(X_test)} texts"
            if len(folds) > 1
            else (f"{len(X_train)} / {len(X_test)} texts")
        )
    lengths = np.isnan(X_train).all(axis=2)
    shortest = int(X_train.shape[1] - lengths.sum(axis=1).max())
    length = (
        str(X_train.shape[1])
        if shortest == X_train.shape[1]
        else f"{shortest}-{X_train.shape[1]}"
    )
    return f"{len(X_train)} / {len(X_test)}, T={length}, F={X_train.shape[2]}"


def dataset_names(parser, text):
    """The comma-separated names of ``--datasets``; unknown ones end the run."""
    names = [n.strip() for n in text.split(",") if n.strip()]
    known = DATASETS + SUITE[len(SERIES) :] + EXTRA_SERIES
    unknown = sorted(set(names) - set(known))
    if unknown:
        parser.error(f"unknown datasets {unknown}; choose from {known}")
    return names


# -- the development suite (--suite) -----------------------------------------


def one_nn_regression(X_train, y_train, X_test, y_test):
    """The target of the nearest training series (Euclidean, as ``one_nn``)."""
    return one_nn(X_train, np.asarray(y_train, dtype=float), X_test, y_test)


def shape_of(X_train, y_train, X_test, regression):
    """``n_train / n_test, T=.., F=..`` and, for classes, ``C=k (least)``."""
    real = ~np.isnan(X_train).all(axis=2)
    lengths = real.sum(axis=1)
    length = (
        str(X_train.shape[1])
        if lengths.min() == lengths.max()
        else f"{lengths.min()}-{lengths.max()}"
    )
    text = f"{len(X_train)} / {len(X_test)}, T={length}, F={X_train.shape[2]}"
    if regression:
        return text + ", regression"
    _, counts = np.unique(y_train, return_counts=True)
    return text + f", C={len(counts)} ({counts.min()})"


def front_end_text(front_end):
    """``front_end`` compactly: ``mean k`` for a piecewise mean of runs of k,
    then ``kernel/stride`` per convolution; ``none`` for no front-end."""
    if not front_end:
        return "none"
    parts = [
        f"mean {size}" if first == "mean" else f"{size}/{stride}"
        for first, size, stride in front_end
    ]
    return " ".join(parts)


def plan_text(model):
    """What a fit's plan resolved to, in one short cell: cell, pooling (and
    the convolutions' mean beside it), front-end, scaled series, epochs
    trained / budget, stopping, batch."""
    plan = model.plan_
    stop = {"training loss": "loss", "validation": "val", False: "none"}
    stopping = stop.get(plan["early_stopping"], str(plan["early_stopping"]))
    if plan["early_stopping"]:
        stopping += f" p{plan['patience']}"
    series = "ss" if plan["scale_series"] else "-"
    pooling = plan["pooling"] + ("+conv mean" if plan.get("conv_mean") else "")
    return (
        f"{plan['cell']} {pooling}, {front_end_text(plan['front_end'])}, "
        f"{series}, {model.n_iter_}/{plan['epochs']} ep, {stopping}, "
        f"b{plan['batch_size']}"
    )


def suite_baselines(name, X_train, y_train, X_test, y_test):
    """A suite set's entries that ``beats`` reads besides the scores: its
    name, whether it is regression, 1-NN's score and, for regression, the
    training mean's (1-NN is the weaker baseline there: both are kept)."""
    regression = name in REGRESSION
    base = one_nn_regression if regression else one_nn
    nn = metric(np.asarray(y_test), base(X_train, y_train, X_test, y_test), regression)
    mean = None
    if regression:
        mean = metric(y_test, training_mean(X_train, y_train, X_test, y_test), True)
    return {"name": name, "regression": regression, "one_nn": nn, "training_mean": mean}


def suite_names(parser, text):
    """The suite sets named in ``text`` (comma-separated; empty: all of
    ``SUITE``); an unknown one ends the run."""
    names = [n.strip() for n in (text or "").split(",") if n.strip()] or SUITE
    unknown = sorted(set(names) - set(SUITE))
    if unknown:
        parser.error(f"unknown sets {unknown}; choose from {SUITE}")
    return names


def run_suite_set(name, data, params, seeds, first=0):
    """One suite set: its description, 1-NN score, skseq's scores, fit times
    and plan texts over ``seeds``."""
    X_train, y_train, X_test, y_test = load_ucr(name, data_home=data)
    regression = name in REGRESSION
    if regression:
        y_train, y_test = y_train.astype(float), y_test.astype(float)
    base = suite_baselines(name, X_train, y_train, X_test, y_test)
    scores, seconds, plans = [], [], []
    for seed in range(first, first + seeds):
        model = skseq_model(X_train, y_train, params, seed)
        start = time.perf_counter()
        model.fit(X_train, y_train)
        seconds.append(time.perf_counter() - start)
        scores.append(metric(np.asarray(y_test), model.predict(X_test), regression))
        plans.append(plan_text(model))
    return {
        **base,
        "shape": shape_of(X_train, y_train, X_test, regression),
        "scores": scores,
        "seconds": seconds,
        "plans": plans,
    }


def beats(result):
    """Whether skseq's mean score beats 1-NN (both perfect counts as met);
    for regression, a lower RMSE than both 1-NN and the training mean."""
    score, nn = np.mean(result["scores"]), result["one_nn"]
    if result["regression"]:
        return score < min(nn, result["training_mean"])
    return score > nn or (round(score, 3) == 1.0 and nn == 1.0)


def _fmt(value, digits=3):
    return "n/a" if value is None else f"{value:.{digits}f}"


def suite_table(results):
    """The markdown table of the suite's results, one row a set."""
    seeds = len(results[0]["scores"])
    head = [
        "dataset",
        "train / test, length, channels, classes (least)",
        "1-NN ED (README)",
        "skseq defaults" if seeds == 1 else f"skseq, mean of {seeds} seeds (range)",
        "fit s",
        "FCN",
        "ResNet",
        "ROCKET",
        "plan (seed 0)",
    ]
    lines = [
        "| " + " | ".join(head) + " |",
        "|---|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in results:
        digits = 4 if r["regression"] else 3
        readme, fcn, resnet, rocket = PUBLISHED[r["name"]]
        nn = _fmt(r["one_nn"], digits)
        if readme is not None:
            nn += f" ({readme:.3f})"
        if r["regression"]:
            nn += f" (training mean {r['training_mean']:.4f})"
        score = _fmt(float(np.mean(r["scores"])), digits)
        if seeds > 1:
            score += f" ({min(r['scores']):.{digits}f}-{max(r['scores']):.{digits}f})"
        if beats(r):
            score = f"**{score}**"
        name = r["name"] + (" (RMSE)" if r["regression"] else "")
        cells = [
            name,
            r["shape"],
            nn,
            score,
            f"{np.mean(r['seconds']):.0f}",
            _fmt(fcn),
            _fmt(resnet),
            _fmt(rocket),
            r["plans"][0],
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def suite_summary(results):
    """The summary lines: sets beaten, means, the gap to FCN, time, losers."""
    beaten = [r for r in results if beats(r)]
    classes = [r for r in results if not r["regression"]]
    acc = {r["name"]: float(np.mean(r["scores"])) for r in classes}
    nn = {r["name"]: r["one_nn"] for r in classes}
    fcn = {n: PUBLISHED[n][1] for n in acc if PUBLISHED[n][1] is not None}
    gaps = [acc[n] - fcn[n] for n in fcn]
    total = sum(sum(r["seconds"]) for r in results)
    per_seed = total / len(results[0]["seconds"])
    mismatch = [
        f"{r['name']} {r['one_nn']:.3f} against {PUBLISHED[r['name']][0]:.3f}"
        for r in results
        if PUBLISHED[r["name"]][0] is not None
        and round(r["one_nn"], 3) != PUBLISHED[r["name"]][0]
    ]
    losers = [
        f"{r['name']} {np.mean(r['scores']):.4g} against {r['one_nn']:.4g}"
        for r in results
        if r not in beaten
    ]
    slowest = max(results, key=lambda r: np.mean(r["seconds"]))
    lines = [
        f"- sets beaten (skseq > 1-NN; both 1.000 counts; lower RMSE for "
        f"regression): **{len(beaten)} of {len(results)}**",
        f"- mean accuracy over the {len(acc)} classification sets: skseq "
        f"**{np.mean(list(acc.values())):.3f}**, 1-NN {np.mean(list(nn.values())):.3f}",
    ]
    if fcn:
        lines += [
            f"- the {len(fcn)} sets with a published FCN: FCN "
            f"{np.mean(list(fcn.values())):.3f}, skseq "
            f"{np.mean([acc[n] for n in fcn]):.3f}; mean gap to FCN "
            f"**{np.mean(gaps):+.3f}** (skseq ahead on "
            f"{sum(g > 0 for g in gaps)}, behind by more than 0.05 on "
            f"{sum(g < -0.05 for g in gaps)})",
        ]
    lines += [
        f"- total fit time {total:.0f} s ({per_seed:.0f} s a seed); slowest "
        f"fit {slowest['name']} {np.mean(slowest['seconds']):.0f} s",
        "- not beaten: " + ("; ".join(losers) if losers else "none"),
    ]
    if mismatch:
        lines.append("- 1-NN differs from the README: " + "; ".join(mismatch))
    return "\n".join(lines)


def set_thresholds(parser, text):
    """Replace entries of the resolver's thresholds for this run (lists read
    as tuples); an unknown name ends the run."""
    values = json.loads(text)
    unknown = sorted(set(values) - set(_defaults.THRESHOLDS))
    if unknown:
        parser.error(f"unknown thresholds {unknown}; see skseq/_defaults.py")
    table = dict(_defaults.THRESHOLDS)
    table.update({k: tuple(v) if isinstance(v, list) else v for k, v in values.items()})
    _defaults.THRESHOLDS = types.MappingProxyType(table)
    return values


def run_suite(parser, args, params):
    names = suite_names(parser, args.sets)
    data = args.data or os.environ.get("SKSEQ_DATA") or "../shared/data"
    results = []
    start = time.perf_counter()
    for name in names:
        result = run_suite_set(name, data, params, args.seeds, args.first_seed)
        results.append(result)
        print(
            f"# {name}: 1-NN {result['one_nn']:.4f}, skseq "
            + ", ".join(f"{s:.4f}" for s in result["scores"])
            + f" ({np.mean(result['seconds']):.0f} s); {result['plans'][0]}",
            flush=True,
        )
    wall = time.perf_counter() - start
    print()
    if params or args.thresholds:
        print(
            f"skseq parameters: {json.dumps(params)}; thresholds: {args.thresholds}\n"
        )
    print(suite_table(results))
    print()
    print(suite_summary(results))
    print(f"- wall time of the run {wall:.0f} s")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(
                {"params": params, "thresholds": args.thresholds, "results": results},
                f,
                indent=1,
            )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=None, help="data folder (SKSEQ_DATA)")
    parser.add_argument(
        "--datasets", default=",".join(DATASETS), help="comma-separated names"
    )
    parser.add_argument(
        "--extra-data",
        default="../extra_data",
        help="folder of the EXTRA_SERIES (benchmarks/extra_series.py)",
    )
    parser.add_argument("--quick", action="store_true", help="subsample large sets")
    parser.add_argument(
        "--no-keras", action="store_true", help="skip the hand-written Keras LSTM"
    )
    parser.add_argument(
        "--seeds", type=int, default=1, help="random states of skseq's fits"
    )
    parser.add_argument(
        "--first-seed",
        type=int,
        default=0,
        help="--suite: the first random state (seeds first-seed onwards)",
    )
    parser.add_argument(
        "--suite", action="store_true", help="the 27 UCR/UEA sets of timeseries/"
    )
    parser.add_argument("--sets", default=None, help="--suite: comma-separated names")
    parser.add_argument(
        "--params",
        default="{}",
        help="JSON object of extra parameters of every skseq estimator",
    )
    parser.add_argument(
        "--thresholds",
        default=None,
        help="JSON object: entries of skseq._defaults.THRESHOLDS for this run",
    )
    parser.add_argument("--json", default=None, help="--suite: write results here")
    args = parser.parse_args()
    params = json.loads(args.params)
    if not isinstance(params, dict):
        parser.error(f"--params must be a JSON object. Got {args.params!r} instead.")
    if args.thresholds:
        set_thresholds(parser, args.thresholds)
    if args.suite:
        return run_suite(parser, args, params)
    names = dataset_names(parser, args.datasets)

    recipes = [(label, dict(p)) for label, p in RECIPES]
    header = ["dataset", "train / test", "metric", "baseline", "baseline score"]
    if not args.no_keras:
        header.append("Keras LSTM")
    header += ["skseq defaults", *(label for label, _ in recipes)]
    rows = []
    for name in names:
        folds = load(name, args.data, args.quick, args.extra_data)
        regression = name in REGRESSION
        label, base = baseline(name)
        methods = [(label, base)]
        if not args.no_keras:
            methods.append(("Keras LSTM", keras_lstm))
        seeded = [("skseq defaults", params)]
        seeded += [
            (recipe, {**params, **p}) for recipe, p in recipes if name not in TEXT
        ]
        cells = []
        for method_name, method in methods:
            score, seconds = evaluate(method, folds, regression)
            cells.append(cell([score], [seconds], regression))
            print(f"# {name}, {method_name}: {cells[-1]}", flush=True)
        for method_name, fit_params in seeded:
            runs = [
                evaluate(skseq_estimator(fit_params, seed), folds, regression)
                for seed in range(args.seeds)
            ]
            cells.append(cell(*zip(*runs, strict=True), regression))
            print(f"# {name}, {method_name}: {cells[-1]}", flush=True)
        cells += [""] * (len(header) - 4 - len(cells))
        metric = "RMSE" if regression else "accuracy"
        rows.append([name, describe(name, folds), metric, label, *cells])

    print()
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join(["---"] * 3 + ["---:"] * (len(header) - 3)) + "|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
