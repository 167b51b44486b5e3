"""Soft-voting ensembles of skseq's default fits, against one fit and the baseline.

A small set's score moves by several points from one ``random_state`` to
another, and on text the defaults stay below TF-IDF + logistic regression.
This script measures what averaging ``predict_proba`` buys there, the
ensemble that ``sklearn.ensemble.VotingClassifier(voting="soft")`` builds
(predicted probabilities averaged, the class of the highest mean; for a
regressor the mean prediction, ``VotingRegressor``). The defaults are
fitted once per seed 0 to N - 1 and per fold, their test probabilities kept;
an ensemble of k of them is then scored for every k-subset of the seeds, and
each row gives the mean score over the subsets with its range. Text also
gets voters of another kind, each also voting with one skseq fit:
"TF-IDF + LR", the benchmark's baseline (word 1-2 grams), and "TF-IDF +
char_wb + LR", the word 1-2 grams beside character 2-5 grams within words,
the strongest linear model found on the sentences.

Datasets, splits and baselines are ``bench_quality.py``'s. Run from the
repository root::

    .venv/bin/python benchmarks/bench_ensembles.py --datasets Sentences --seeds 4
    .venv/bin/python benchmarks/bench_ensembles.py --datasets IMDB --quick --seeds 6
    .venv/bin/python benchmarks/bench_ensembles.py --datasets ArrowHead --seeds 15

``--suite`` runs the series sets of ``bench_quality.py --suite`` (all 27,
or those of ``--datasets``) and prints that summary (sets beaten, mean
accuracy, gap to FCN, fit time) for one fit and for the votes of k fits,
a vote's fit time being k fits'::

    .venv/bin/python benchmarks/bench_ensembles.py --suite --seeds 3

``--towers 2,3`` times instead what an ensemble trained as one network would
cost: k copies of a series set's default network (the plan of a fit at seed
0) side by side in one Keras model, each with its own output and loss, the
members' batches shared; 5 epochs of batches of 32 on the training series,
against one copy, alternating in one process, the fastest of ``--repeats``.
"""

import argparse
import itertools
import time

import keras
import numpy as np
from bench_quality import (
    REGRESSION,
    TEXT,
    baseline,
    dataset_names,
    evaluate,
    load,
    metric,
    plan_text,
    set_thresholds,
    skseq_model,
    suite_baselines,
    suite_names,
    suite_summary,
    tfidf_lr_model,
)
from sklearn import feature_extraction, linear_model, pipeline

MAX_K = 5


def word_char_lr_model():
    """TF-IDF of word 1-2 grams and of character 2-5 grams within words + LR."""
    tfidf = feature_extraction.text.TfidfVectorizer
    return pipeline.make_pipeline(
        pipeline.make_union(
            tfidf(ngram_range=(1, 2), min_df=2, sublinear_tf=True),
            tfidf(analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True),
        ),
        linear_model.LogisticRegression(C=3.0, max_iter=1000),
    )


def outputs(make, folds, regression):
    """Test ``predict_proba`` (or predictions) of ``make(X_train, y_train)``
    fitted on each fold, concatenated over the folds, the classes and the
    total fit time."""
    parts, seconds, classes = [], 0.0, None
    for X_train, y_train, X_test, _ in folds:
        start = time.perf_counter()
        model = make(X_train, y_train).fit(X_train, y_train)
        seconds += time.perf_counter() - start
        parts.append(
            model.predict(X_test) if regression else model.predict_proba(X_test)
        )
        classes = None if regression else model.classes_
    return np.concatenate(parts), classes, seconds


def score(output, classes, truth, regression):
    """``metric`` of predictions, or of the class of the highest probability."""
    preds = output if regression else classes[output.argmax(1)]
    return metric(truth, preds, regression)


def row(label, scores, digits, seconds=None):
    scores = np.asarray(scores)
    text = f"{scores.mean():.{digits}f}"
    if len(scores) > 1:
        text += f" ({scores.min():.{digits}f}-{scores.max():.{digits}f})"
    extra = f", {seconds:.0f} s" if seconds is not None else ""
    return f"| {label} | {text} | {len(scores)}{extra} |"


def seed_fits(name, folds, truth, args):
    """The defaults' test outputs at seeds 0 to ``args.seeds`` - 1, the
    classes and each seed's fit time."""
    regression = name in REGRESSION
    fits, seconds, classes = [], [], None
    for seed in range(args.seeds):

        def make(X, y, seed=seed):
            return skseq_model(X, y, {}, seed)

        out, classes, secs = outputs(make, folds, regression)
        fits.append(out)
        seconds.append(secs)
        print(f"# {name}, seed {seed}: {score(out, classes, truth, regression)}")
    return fits, classes, seconds


def vote_scores(fits, classes, truth, regression):
    """k -> the scores of the soft votes of every k-subset of ``fits``."""
    return {
        k: [
            score(
                np.mean([fits[i] for i in subset], axis=0), classes, truth, regression
            )
            for subset in itertools.combinations(range(len(fits)), k)
        ]
        for k in range(1, min(len(fits), MAX_K) + 1)
    }


def run_suite(names, args):
    """The suite's summary (``bench_quality.py --suite``'s) for one fit and
    for the votes of k fits: each set's score is the mean over the subsets,
    its fit time k fits'."""
    by_size = {}
    for name in names:
        folds = load(name, args.data, False)
        base = suite_baselines(name, *folds[0])
        truth = np.asarray(folds[0][3])
        fits, classes, seconds = seed_fits(name, folds, truth, args)
        for k, scores in vote_scores(fits, classes, truth, base["regression"]).items():
            result = {**base, "scores": scores, "seconds": [k * s for s in seconds]}
            by_size.setdefault(k, []).append(result)
            print(f"# {name}, vote of {k}: {np.mean(scores):.4f}", flush=True)
    lines = []
    for k, results in by_size.items():
        title = "one fit" if k == 1 else f"soft vote of {k} fits"
        lines += [f"### Suite, {title} (seeds 0-{args.seeds - 1})", ""]
        lines += [suite_summary(results), ""]
    return lines


def run(name, args):
    folds = load(name, args.data, args.quick, args.extra_data)
    regression = name in REGRESSION
    truth = np.concatenate([np.asarray(y_test) for *_, y_test in folds])
    digits = 4 if regression else 3
    lines = [f"### {name}", "", "| method | score (range) | runs, fit time |"]
    lines.append("|---|---:|---|")

    label, base = baseline(name)
    base_score, base_seconds = evaluate(base, folds, regression)
    lines.append(row(label, [base_score], digits, base_seconds))

    fits, classes, seconds = seed_fits(name, folds, truth, args)
    by_size = vote_scores(fits, classes, truth, regression)
    lines.append(row("skseq defaults, one fit", by_size[1], digits, np.mean(seconds)))
    for k in range(2, len(by_size) + 1):
        lines.append(row(f"soft vote of {k} skseq fits", by_size[k], digits))

    if name in TEXT:  # the baseline's row is the word model's
        for label, make, own_row in [
            ("TF-IDF + LR", lambda X, y: tfidf_lr_model(), False),
            ("TF-IDF + char_wb + LR", lambda X, y: word_char_lr_model(), True),
        ]:
            linear, linear_classes, secs = outputs(make, folds, regression)
            assert list(linear_classes) == list(classes)
            if own_row:
                linear_score = score(linear, classes, truth, regression)
                lines.append(row(label, [linear_score], digits, secs))
            votes = [score((linear + f) / 2, classes, truth, regression) for f in fits]
            lines.append(row(f"soft vote: {label} and one skseq fit", votes, digits))
    return lines


def towers(name, args):
    """Wall seconds of 5 epochs of 1 and of k copies of the default network."""
    ((X, y, *_),) = load(name, args.data, False, args.extra_data)
    fitted = skseq_model(X, y, {"epochs": 1}, 0).fit(X, y)
    network = fitted._network(fitted.plan_)
    labels = fitted.classes_.searchsorted(y)
    counts = [1, *(int(k) for k in args.towers.split(","))]
    lines = [f"### {name}: {len(X)} series, {plan_text(fitted)}", ""]
    lines += [
        "| copies | wall s, 5 epochs (fastest) | against one copy |",
        "|---|---:|---:|",
    ]

    logits = network.output_activation == "linear"
    if network.n_outputs == 1:
        loss = keras.losses.BinaryCrossentropy(from_logits=logits)
    else:
        loss = keras.losses.SparseCategoricalCrossentropy(from_logits=logits)

    def model(k):
        inputs = keras.Input(shape=X.shape[1:])
        outputs = [network.build()(inputs) for _ in range(k)]
        net = keras.Model(inputs, outputs)
        net.compile("adam", [loss] * k)
        net.fit(X, [labels] * k, batch_size=32, epochs=1, verbose=0)  # compile
        return net

    models = {k: model(k) for k in counts}
    best = dict.fromkeys(counts, float("inf"))
    for _ in range(args.repeats):
        for k in counts:
            start = time.perf_counter()
            models[k].fit(X, [labels] * k, batch_size=32, epochs=5, verbose=0)
            best[k] = min(best[k], time.perf_counter() - start)
    for k in counts:
        lines.append(f"| {k} | {best[k]:.2f} | {best[k] / best[1]:.2f} |")
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=None, help="data folder (SKSEQ_DATA)")
    parser.add_argument("--datasets", default=None, help="comma-separated")
    parser.add_argument("--extra-data", default="../extra_data")
    parser.add_argument("--quick", action="store_true", help="subsample large sets")
    parser.add_argument("--seeds", type=int, default=5, help="skseq fits per set")
    parser.add_argument(
        "--thresholds", default="", help="JSON: entries of the resolver's THRESHOLDS"
    )
    parser.add_argument(
        "--towers", default="", help="comma-separated copies of the network to time"
    )
    parser.add_argument("--repeats", type=int, default=2, help="--towers rounds")
    parser.add_argument(
        "--suite",
        action="store_true",
        help="the suite's summary for one fit and the votes (--datasets: some sets)",
    )
    args = parser.parse_args()
    if args.thresholds:
        set_thresholds(parser, args.thresholds)
    if args.suite:
        names = suite_names(parser, args.datasets)
        print("\n".join(run_suite(names, args)), flush=True)
        return
    for name in dataset_names(parser, args.datasets or "Sentences"):
        lines = towers(name, args) if args.towers else run(name, args)
        print("\n".join(lines), flush=True)


if __name__ == "__main__":
    main()
