"""Recurrent neural networks as scikit-learn estimators."""

import os as _os

_os.environ.setdefault("KERAS_BACKEND", "tensorflow")
# TensorFlow logs harmless C++ notices (CUDA probing, oneDNN) while training
_os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

from skseq._estimators import RecurrentClassifier, RecurrentRegressor  # noqa: E402
from skseq._generation import RecurrentTextGenerator  # noqa: E402
from skseq._padding import SequencePadder  # noqa: E402
from skseq._pipeline import make_text_classifier, make_text_regressor  # noqa: E402
from skseq._text import TextTokenizer  # noqa: E402

__version__ = "0.1.0"

__all__ = [
    "RecurrentClassifier",
    "RecurrentRegressor",
    "RecurrentTextGenerator",
    "SequencePadder",
    "TextTokenizer",
    "__version__",
    "make_text_classifier",
    "make_text_regressor",
]
