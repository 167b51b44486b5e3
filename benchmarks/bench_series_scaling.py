"""Series scaling: the defaults with and without ``scale_series``, same run.

``scale_series=True`` gives the network, beside each float feature, the
feature standardized within its own series and the log of the series'
standard deviation (``SeriesStandardize``); "auto", the default, does so
for univariate series that differ in amplitude. This fits the default
``RecurrentClassifier`` / ``RecurrentRegressor`` with ``scale_series=True``
and ``False``, alternating, with ``random_state`` 0 to ``--seeds`` - 1, on
the sets whose series differ in amplitude: the shared data's Covid3Month
and, from ``--extra-data`` (``benchmarks/extra_series.py``), PLAID and
Tecator (univariate: "auto" is True there), and the multivariate
BasicMotions and JapaneseVowels ("auto" is False there). Sets normalized
one series at a time (the shared data's four other univariate sets,
ACSF1, OSULeaf) get no series features under "auto". Each cell: mean
score (accuracy; RMSE for the regression sets), its range over the
seeds and the mean fit time; the baseline (1-NN Euclidean or the
training mean) ran in the same script. Run from the repository root::

    .venv/bin/python benchmarks/bench_series_scaling.py [--seeds 3]
"""

import argparse

# bench_quality sets TensorFlow's log level before it imports Keras
import bench_quality as bq

from skseq._defaults import scaled_series

MODES = {
    "scale_series=True": {"scale_series": True},
    "scale_series=False": {"scale_series": False},
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=None, help="data folder (SKSEQ_DATA)")
    parser.add_argument("--extra-data", default="../extra_data")
    parser.add_argument(
        "--datasets", default="BasicMotions,JapaneseVowels,Covid3Month,PLAID,Tecator"
    )
    parser.add_argument("--seeds", type=int, default=3)
    args = parser.parse_args()
    rows = []
    for name in [n for n in args.datasets.split(",") if n]:
        try:
            folds = bq.load(name, args.data, False, args.extra_data)
        except FileNotFoundError as exc:
            if name not in bq.EXTRA_SERIES:
                raise
            print(f"# {name} skipped: {exc} (benchmarks/extra_series.py)")
            continue
        regression = name in bq.REGRESSION
        X_train = folds[0][0]
        chosen = len(scaled_series(X_train, "auto"))
        label, base = bq.baseline(name)
        score, seconds = bq.evaluate(base, folds, regression)
        base_cell = bq.cell([score], [seconds], regression)
        cells = {mode: ([], []) for mode in MODES}
        for seed in range(args.seeds):
            for mode, params in MODES.items():
                method = bq.skseq_estimator(params, seed)
                score, seconds = bq.evaluate(method, folds, regression)
                cells[mode][0].append(score)
                cells[mode][1].append(seconds)
                print(f"# {name}, {mode}, seed {seed}: {score:.4f}", flush=True)
        shape = f"{len(X_train)} / {len(folds[0][2])}, F={X_train.shape[2]}"
        metric = "RMSE" if regression else "accuracy"
        row = [name, shape, f"{chosen} of {X_train.shape[2]}", metric]
        row += [f"{label} {base_cell.split(' (')[0]}"]
        row += [bq.cell(*cells[mode], regression) for mode in MODES]
        rows.append(row)
    print(f"\nover seeds 0-{args.seeds - 1}: mean (range, mean fit seconds)")
    header = ["dataset", "train / test", '"auto" scales', "metric", "baseline"]
    print("| " + " | ".join(header + list(MODES)) + " |")
    print("|---|---|---:|---|---:|" + "---:|" * len(MODES))
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
