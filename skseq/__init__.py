"""Recurrent neural networks as scikit-learn estimators."""

import os as _os

_os.environ.setdefault("KERAS_BACKEND", "tensorflow")
# TensorFlow logs harmless C++ notices (CUDA probing, oneDNN) while training
_os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

from skseq._estimators import (  # noqa: E402
    RecurrentClassifier,
    RecurrentRegressor,
    SequenceClassifier,
    SequenceRegressor,
)
from skseq._generation import RecurrentTextGenerator  # noqa: E402
from skseq._network import NaNMasking  # noqa: E402
from skseq._padding import SequencePadder  # noqa: E402
from skseq._pipeline import make_text_classifier, make_text_regressor  # noqa: E402
from skseq._text import TextTokenizer  # noqa: E402

__version__ = "0.1.0"

__all__ = [
    "NaNMasking",
    "RecurrentClassifier",
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
