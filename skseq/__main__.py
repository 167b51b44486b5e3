"""``python -m skseq demo``: the main job.

Without arguments: the 8x8 digits shipped with scikit-learn, each image read
row by row as a sequence of 8 steps x 8 features, a 3-fold grid search over
the recurrent cell, a table of mean accuracy and fit time per cell, then the
test accuracy of the best.

With ``--csv FILE --text-column C --target-column Y``: the same grid search
on a text pipeline (TextTokenizer -> SequencePadder -> RecurrentClassifier)
over any CSV file (``.csv`` or ``.csv.gz``).
"""

import argparse
import os
import sys
import time

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")


def _say(message):
    print(f"[skseq {time.strftime('%H:%M:%S')}] {message}", flush=True)


def _digits():
    from sklearn.datasets import load_digits

    digits = load_digits()
    X = digits.images.astype("float32") / 16.0  # (n, 8 rows, 8 pixels)
    return X, digits.target, "8x8 digits, rows as sequences"


def _csv(path, text_column, target_column, max_rows):
    import pandas as pd

    if not os.path.exists(path):
        raise SystemExit(f"--csv: no file at {path!r}.")
    frame = pd.read_csv(path)
    for name, column in (
        ("--text-column", text_column),
        ("--target-column", target_column),
    ):
        if column not in frame.columns:
            raise SystemExit(
                f"{name} must be one of the CSV's columns {list(frame.columns)}. "
                f"Got {column!r} instead."
            )
    if max_rows and len(frame) > max_rows:
        frame = frame.sample(n=max_rows, random_state=0)
    frame = frame.dropna(subset=[text_column, target_column])
    return frame[text_column], frame[target_column], f"{path} ({len(frame)} rows)"


def demo(argv=None):
    """Run the demo job; ``argv`` as on the command line."""
    parser = argparse.ArgumentParser(prog="python -m skseq demo", description=__doc__)
    parser.add_argument("--csv", help="CSV file with a text and a target column")
    parser.add_argument("--text-column", default="text")
    parser.add_argument("--target-column", default="label")
    parser.add_argument(
        "--max-rows", type=int, default=5000, help="sample at most this many rows"
    )
    parser.add_argument("--epochs", type=int, default=None)
    args = parser.parse_args(argv)

    import numpy as np
    from sklearn.model_selection import GridSearchCV, train_test_split

    from skseq import RecurrentClassifier, make_text_classifier

    _say("loading data")
    if args.csv:
        X, y, what = _csv(args.csv, args.text_column, args.target_column, args.max_rows)
        estimator = make_text_classifier(
            max_tokens=20000,
            maxlen=0.95,
            units=32,
            epochs=args.epochs or 3,
            random_state=0,
        )
        grid = {"clf__cell": ["rnn", "lstm", "gru"]}
    else:
        X, y, what = _digits()
        estimator = RecurrentClassifier(
            units=32, epochs=args.epochs or 15, learning_rate=0.005, random_state=0
        )
        grid = {"cell": ["rnn", "lstm", "gru"]}
    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_size=0.25, random_state=0, stratify=y
    )
    _say(f"{what}: {len(y_train)} training and {len(y_test)} test samples")

    class _Progress:
        done = 0

    total = len(next(iter(grid.values()))) * 3 + 1

    def scorer(est, X_, y_):
        _Progress.done += 1
        _say(f"fit {_Progress.done}/{total - 1} done")
        return est.score(X_, y_)

    _say(f"3-fold grid search over {next(iter(grid.values()))}")
    search = GridSearchCV(estimator, grid, cv=3, scoring=scorer)
    search.fit(X_train, y_train)
    _say("refitting the best on all training data: done")

    results = search.cv_results_
    key = next(iter(grid))
    print()
    print(f"{'cell':<6} {'mean accuracy':>14} {'std':>7} {'fit time (s)':>13}")
    for i, params in enumerate(results["params"]):
        print(
            f"{params[key]:<6} {results['mean_test_score'][i]:>14.3f} "
            f"{results['std_test_score'][i]:>7.3f} {results['mean_fit_time'][i]:>13.1f}"
        )
    best = search.best_params_[key]
    test_accuracy = float(np.mean(search.predict(X_test) == np.asarray(y_test)))
    print()
    print(f"best cell: {best}; test accuracy of the refitted best: {test_accuracy:.3f}")
    return search


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] != "demo":
        print(
            "usage: python -m skseq demo [--csv FILE --text-column C --target-column Y]"
        )
        return 2
    demo(argv[1:])
    return 0


if __name__ == "__main__":
    sys.exit(main())
