"""The same user network through scikeras (the test extra's frozen 0.13.0) and
through skseq's SequenceClassifier: what users migrating get."""

import keras
import numpy as np
import pytest
from sklearn.base import is_classifier
from sklearn.datasets import load_digits
from sklearn.model_selection import StratifiedKFold, check_cv

from skseq import SequenceClassifier

scikeras_wrappers = pytest.importorskip("scikeras.wrappers")


def lstm(n_outputs, units=16):
    """8 rows of 8 pixels, read as a sequence."""
    return keras.Sequential(
        [
            keras.Input((8, 8)),
            keras.layers.LSTM(units),
            keras.layers.Dense(n_outputs, activation="softmax"),
        ]
    )


def test_same_network_through_scikeras_and_skseq():
    digits = load_digits()
    X = (digits.images / 16.0).astype("float32")
    y = digits.target
    train, test = slice(0, 1200), slice(1200, None)
    params = dict(epochs=8, batch_size=32, random_state=0, verbose=0)
    theirs = scikeras_wrappers.KerasClassifier(
        model=lambda meta: lstm(meta["n_classes_"]),
        loss="sparse_categorical_crossentropy",
        optimizer="adam",
        **params,
    ).fit(X[train], y[train])
    ours = SequenceClassifier(
        model=lstm,
        **params,
        clipnorm=None,  # scikeras' adam does not clip
    ).fit(X[train], y[train])
    assert ours.model_.count_params() == theirs.model_.count_params()
    assert ours.model_.count_params() == lstm(10).count_params()
    accuracy = ours.score(X[test], y[test]), theirs.score(X[test], y[test])
    assert min(accuracy) > 0.5  # both learned
    assert abs(accuracy[0] - accuracy[1]) < 0.1
    # on scikit-learn >= 1.6 scikeras' classifier is no classifier to
    # scikit-learn (its tags are the pre-1.6 ones): cross-validation of it is
    # not stratified; skseq's is
    assert not is_classifier(theirs)
    assert is_classifier(ours)
    assert isinstance(check_cv(3, y, classifier=is_classifier(ours)), StratifiedKFold)
    np.testing.assert_array_equal(ours.classes_, np.arange(10))
