"""Recurrent neural networks as scikit-learn estimators."""

import importlib as _importlib
import os as _os
import re as _re
import sys as _sys

_os.environ.setdefault("KERAS_BACKEND", "tensorflow")
# TensorFlow logs harmless C++ notices (CUDA probing, oneDNN) while training
_os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
# TensorFlow sizes its thread pools from the machine's cores. The worker
# processes of joblib (n_jobs > 1) and Dask get their share of the cores in
# OMP_NUM_THREADS, as PyTorch reads it; TensorFlow's pools follow it unless
# they are set themselves, so parallel fits do not fight over the cores.
if _os.environ.get("OMP_NUM_THREADS", "").isdigit():
    for _pool in ("TF_NUM_INTRAOP_THREADS", "TF_NUM_INTEROP_THREADS"):
        _os.environ.setdefault(_pool, _os.environ["OMP_NUM_THREADS"])
    del _pool

__version__ = "0.1.0"

__all__ = [
    "LagSequencer",
    "NaNMasking",
    "RecurrentClassifier",
    "RecurrentForecaster",
    "RecurrentRegressor",
    "RecurrentTextGenerator",
    "SequenceClassifier",
    "SequencePadder",
    "SequenceRegressor",
    "TextTokenizer",
    "__version__",
    "make_text_classifier",
    "make_text_regressor",
]

_MODULES = {
    "LagSequencer": "skseq._lags",
    "NaNMasking": "skseq._network",
    "RecurrentClassifier": "skseq._estimators",
    "RecurrentForecaster": "skseq._forecasting",
    "RecurrentRegressor": "skseq._estimators",
    "RecurrentTextGenerator": "skseq._generation",
    "SequenceClassifier": "skseq._estimators",
    "SequencePadder": "skseq._padding",
    "SequenceRegressor": "skseq._estimators",
    "TextTokenizer": "skseq._text",
    "make_text_classifier": "skseq._pipeline",
    "make_text_regressor": "skseq._pipeline",
}

# absl's C++ log lines ("I0000 00:00:... port.cc:153] ..."): the letter is
# the severity, in TF_CPP_MIN_LOG_LEVEL's order
_ABSL_LINE = _re.compile(rb"^([IWEF])\d{4} [\d:.]+ +\d+ \S+:\d+\] ")
_ABSL_PREFACE = b"WARNING: All log messages before absl::InitializeLog() is called"


def _import_tensorflow():
    """Import TensorFlow, dropping the start-up lines below TF_CPP_MIN_LOG_LEVEL.

    TensorFlow's C++ libraries write their start-up notices (oneDNN, CUDA
    probing), twice, before its logging reads TF_CPP_MIN_LOG_LEVEL, so that
    variable cannot hide them. They go to file descriptor 2, which is sent
    to a temporary file during the import; every other line is written back.
    """
    if "tensorflow" in _sys.modules:
        return
    try:
        level = int(_os.environ.get("TF_CPP_MIN_LOG_LEVEL") or 0)
    except ValueError:
        level = 0
    if level <= 0:
        _importlib.import_module("tensorflow")
        return
    import tempfile

    try:
        _sys.stderr.flush()
        saved = _os.dup(2)
    except (AttributeError, OSError, ValueError):  # no file descriptor 2
        _importlib.import_module("tensorflow")
        return
    with tempfile.TemporaryFile() as captured:
        _os.dup2(captured.fileno(), 2)
        try:
            _importlib.import_module("tensorflow")
        finally:
            _sys.stderr.flush()
            _os.dup2(saved, 2)
            _os.close(saved)
            captured.seek(0)
            kept = []
            for line in captured.read().splitlines(keepends=True):
                match = _ABSL_LINE.match(line)
                if line.startswith(_ABSL_PREFACE) or (
                    match and "IWEF".index(match[1].decode()) < level
                ):
                    continue
                kept.append(line)
            if kept:
                _os.write(2, b"".join(kept))


def __getattr__(name):
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module 'skseq' has no attribute {name!r}")
    _import_tensorflow()
    value = getattr(_importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(__all__))


# `python -m skseq ...` imports this package before running skseq/__main__.py,
# with sys.argv[0] == "-m" meanwhile: the command-line tool parses its
# arguments (and answers --help) before it loads TensorFlow. Any other import
# loads the estimators now, which also registers skseq's Keras layers for
# keras.models.load_model.
if _sys.argv[:1] != ["-m"]:
    for _name in _MODULES:
        __getattr__(_name)
    del _name
