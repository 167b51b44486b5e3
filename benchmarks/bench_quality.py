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

``--quick`` cuts IMDB to 2,000 / 2,000 reviews, Fashion-MNIST to 2,000 /
1,000 images and the sentences to one stratified 80/20 split
(``random_state=0``); the series sets are small and stay whole.
"""

import argparse
import os
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")  # Keras' default backend

import keras  # noqa: E402
import numpy as np  # noqa: E402
from sklearn import feature_extraction, linear_model, model_selection  # noqa: E402
from sklearn.pipeline import make_pipeline  # noqa: E402

from skseq import (  # noqa: E402
    RecurrentClassifier,
    RecurrentRegressor,
    TextTokenizer,
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


# -- data ---------------------------------------------------------------------


def load(name, data, quick, extra=None):
    """``[(X_train, y_train, X_test, y_test), ...]``: one split, or the CV folds
    (the ``EXTRA_SERIES`` from the folder ``extra``)."""
    if name in SERIES or name in EXTRA_SERIES:
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
    unknown = sorted(set(names) - set(DATASETS) - set(EXTRA_SERIES))
    if unknown:
        known = DATASETS + EXTRA_SERIES
        parser.error(f"unknown datasets {unknown}; choose from {known}")
    return names


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
    args = parser.parse_args()
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
        seeded = [("skseq defaults", {})]
        seeded += [(recipe, params) for recipe, params in recipes if name not in TEXT]
        cells = []
        for method_name, method in methods:
            score, seconds = evaluate(method, folds, regression)
            cells.append(cell([score], [seconds], regression))
            print(f"# {name}, {method_name}: {cells[-1]}", flush=True)
        for method_name, params in seeded:
            runs = [
                evaluate(skseq_estimator(params, seed), folds, regression)
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
