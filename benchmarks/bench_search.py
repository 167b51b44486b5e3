"""Wall time of a grid search with n_jobs=2 against n_jobs=1.

The search of ``python -m skseq demo``: ``RecurrentClassifier(units=32,
learning_rate=0.005, random_state=0)`` on the 8x8 digits read row by row
(8 steps x 8 features, all 1,797 images), 3 cells (rnn, lstm, gru) x 3
folds, refit of the best included. The serial search runs first, in this
process; then the same search with ``n_jobs=2`` (joblib's loky processes,
started cold: their import of TensorFlow is in the time), and once more
with ``n_jobs=2`` on the same, now warm, workers (joblib keeps its loky
processes between calls, as a notebook's second search finds them). Prints
wall and CPU times, the mean wall time per fit, the load average before each
search (other processes on the machine skew wall times), the ratios of wall
times, and whether the searches scored the same.

Run from the repository root::

    .venv/bin/python benchmarks/bench_search.py              # 15 epochs per fit
    .venv/bin/python benchmarks/bench_search.py --epochs 5
    .venv/bin/python benchmarks/bench_search.py --worker-tf-threads 2
"""

import argparse
import os
import time

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=15)
    parser.add_argument("--n-jobs", type=int, default=2)
    parser.add_argument(
        "--worker-tf-threads",
        type=int,
        default=None,
        help="TensorFlow's intra- and inter-op threads in each worker (default: "
        "skseq's rule, the OMP_NUM_THREADS joblib gives the worker)",
    )
    args = parser.parse_args()

    import numpy as np
    from sklearn.datasets import load_digits
    from sklearn.model_selection import GridSearchCV

    from skseq import RecurrentClassifier

    digits = load_digits()
    X, y = digits.images.astype("float32") / 16.0, digits.target
    estimator = RecurrentClassifier(
        units=32, epochs=args.epochs, learning_rate=0.005, random_state=0
    )
    grid = {"cell": ["rnn", "lstm", "gru"]}
    print(
        f"{os.cpu_count()} cores; {len(y)} digits, 3 cells x 3 folds, "
        f"{args.epochs} epochs per fit",
        flush=True,
    )

    results = {}
    for run, n_jobs in (("serial", 1), ("cold", args.n_jobs), ("warm", args.n_jobs)):
        search = GridSearchCV(estimator, grid, cv=3, n_jobs=n_jobs)
        if n_jobs > 1 and args.worker_tf_threads is not None:
            # read by the workers only: TensorFlow runs here already
            for pool in ("TF_NUM_INTRAOP_THREADS", "TF_NUM_INTEROP_THREADS"):
                os.environ[pool] = str(args.worker_tf_threads)
        # other processes on the machine make wall times meaningless: say so
        load = os.getloadavg()[0]
        wall, cpu = time.perf_counter(), time.process_time()
        search.fit(X, y)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        scores = np.round(search.cv_results_["mean_test_score"], 4).tolist()
        results[run] = wall, scores
        # with n_jobs > 1 the fits' CPU time is in the worker processes
        fit_time = np.mean(search.cv_results_["mean_fit_time"])
        print(
            f"n_jobs={n_jobs} ({run}): {wall:.1f} s wall ({cpu:.1f} s CPU in this "
            f"process, {fit_time:.1f} s per fit, load average {load:.2f} "
            f"before), mean accuracy per cell {scores}",
            flush=True,
        )

    (serial, serial_scores), *parallel = results.values()
    for run, (wall, _) in zip(("cold", "warm"), parallel, strict=True):
        print(f"n_jobs={args.n_jobs} ({run}) / n_jobs=1 wall time: {wall / serial:.2f}")
    print(f"same scores: {all(scores == serial_scores for _, scores in parallel)}")


if __name__ == "__main__":
    main()
