"""The targets of the estimators: classes or real values."""

import keras
import numpy as np
from sklearn.preprocessing import LabelEncoder
from sklearn.utils.class_weight import compute_sample_weight
from sklearn.utils.multiclass import (
    _check_partial_fit_first_call,
    check_classification_targets,
    type_of_target,
)
from sklearn.utils.validation import (
    check_array,
    column_or_1d,
)

from skseq._defaults import standardization


def _method_doc(summary, params, returns):
    """A numpydoc method docstring from its parts (the methods share them)."""
    return (
        f"{summary}\n\n        Parameters\n        ----------\n{params}"
        f"\n        Returns\n        -------\n{returns}"
    )


_X_PARAM = """        X : array-like or collection of sequences
            As in :meth:`fit`.
"""
_WEIGHT_PARAM = """        sample_weight : array-like of shape (n,), default=None
            Non-negative weight of each sample in the loss.
"""
_UPDATED = """        self : object
            The updated estimator.
"""
_PARTIAL_FIT = "Train one epoch from the current weights."


def _documented(doc):
    def set_doc(method):
        method.__doc__ = doc
        return method

    return set_doc


class _ClassifierTask:
    """Targets of classifiers: labels, ``classes_``, probabilities."""

    _task = "classification"

    def _check_target(self, y, *, reset, classes=None):
        y = check_array(y, ensure_2d=False, dtype=None, input_name="y")
        if y.ndim == 2 and y.shape[1] == 1:
            y = column_or_1d(y, warn=True)
        if reset:
            check_classification_targets(y)
            kind = type_of_target(y, input_name="y")
            self._multilabel = kind == "multilabel-indicator"
            if self._multilabel:
                self.classes_ = np.arange(y.shape[1])
            else:
                self.classes_ = (
                    LabelEncoder()
                    .fit(y if classes is None else np.asarray(classes))
                    .classes_
                )
                if len(self.classes_) < 2:
                    raise ValueError(
                        f"{type(self).__name__} needs at least 2 classes in y. "
                        f"Got only one class, {self.classes_[0]!r}, instead."
                    )
            self.n_classes_ = len(self.classes_)
        if self._multilabel:
            if y.ndim != 2 or y.shape[1] != self.n_classes_:
                raise ValueError(
                    f"y must be a multilabel indicator of {self.n_classes_} "
                    f"columns as at fit. Got shape {y.shape} instead."
                )
        else:
            if y.ndim != 1:
                raise ValueError(
                    f"y must be 1-D labels as at fit. Got shape {y.shape} instead."
                )
            unseen = ~np.isin(y, self.classes_)
            if unseen.any():
                raise ValueError(
                    f"y holds label {y[unseen][0].tolist()!r}, which is not among the "
                    f"classes {self.classes_.tolist()} of the first fit. Pass "
                    "every label in `classes` on the first partial_fit call."
                )
        return y

    def _encode(self, labels):
        floatx = keras.backend.floatx()
        if self._multilabel:
            return labels.astype(floatx)
        return np.searchsorted(self.classes_, labels).astype(floatx)[:, None]

    def _outputs(self):
        if self._multilabel:
            return self.n_classes_, "sigmoid", "binary_crossentropy"
        if self.n_classes_ == 2:
            return 1, "sigmoid", "binary_crossentropy"
        return self.n_classes_, "softmax", "sparse_categorical_crossentropy"

    def _class_weights(self, labels, sample_weight):
        if self.class_weight is None:
            return sample_weight
        weights = compute_sample_weight(self.class_weight, labels)
        return weights if sample_weight is None else sample_weight * weights

    def _stratify(self, y):
        return None if self._multilabel else y[:, 0]

    @_documented(
        _method_doc(
            _PARTIAL_FIT,
            _X_PARAM
            + """        y : array-like of shape (n,) or (n, n_labels)
            Labels.
        classes : array-like, default=None
            Every label; required on the first call, and the same (or
            omitted) on later calls.
"""
            + _WEIGHT_PARAM,
            _UPDATED,
        )
    )
    def partial_fit(self, X, y, classes=None, sample_weight=None):
        first = not hasattr(self, "model_")
        if first and classes is None:
            y_kind = type_of_target(y) if y is not None else None
            if y_kind != "multilabel-indicator":
                raise ValueError(
                    "classes must be passed on the first call to partial_fit. "
                    "Got None instead."
                )
        if not first:
            _check_partial_fit_first_call(self, classes)
        return self._fit(
            X, y, sample_weight, continuing=not first, classes=classes, partial=True
        )

    @_documented(
        _method_doc(
            "Class probabilities of ``X``.",
            _X_PARAM,
            """        proba : ndarray of shape (n, n_classes)
            Rows sum to 1 (per-label probabilities for multilabel targets).
""",
        )
    )
    def predict_proba(self, X):
        raw = self._predict_raw(X)
        if self._multilabel or self.n_classes_ > 2:
            return raw
        return np.hstack([1.0 - raw, raw])

    @_documented(
        _method_doc(
            "Predicted labels of ``X``.",
            _X_PARAM,
            """        labels : ndarray of shape (n,) or (n, n_labels)
            Most probable class, or a 0/1 indicator per label for multilabel
            targets.
""",
        )
    )
    def predict(self, X):
        proba = self.predict_proba(X)
        if self._multilabel:
            return (proba > 0.5).astype(int)
        return self.classes_[np.argmax(proba, axis=1)]


class _RegressorTask:
    """Targets of regressors: one or more real values."""

    _task = "regression"

    def _scales_target(self):
        """Whether the targets are standardized for training."""
        return False

    def _check_target(self, y, *, reset, classes=None):
        y = check_array(
            y, ensure_2d=False, dtype="numeric", input_name="y", estimator=self
        )
        if reset:
            self.n_outputs_ = 1 if y.ndim == 1 else y.shape[1]
            self._y_ndim = y.ndim
            for name in ("target_mean_", "target_scale_"):
                self.__dict__.pop(name, None)
            if self._scales_target():
                columns = np.reshape(y, (len(y), -1))
                self.target_mean_, self.target_scale_ = standardization(columns)
        elif (1 if y.ndim == 1 else y.shape[1]) != self.n_outputs_:
            raise ValueError(
                f"y must have {self.n_outputs_} target(s) as at fit. Got shape "
                f"{y.shape} instead."
            )
        return y

    def _encode(self, y):
        y = np.asarray(y, dtype=np.float64).reshape(len(y), -1)
        if hasattr(self, "target_mean_"):
            y = (y - self.target_mean_) / self.target_scale_
        return y.astype(keras.backend.floatx())

    def _outputs(self):
        return self.n_outputs_, "linear", "mse"

    @_documented(
        _method_doc(
            _PARTIAL_FIT,
            _X_PARAM
            + """        y : array-like of shape (n,) or (n, n_outputs)
            Targets.
"""
            + _WEIGHT_PARAM,
            _UPDATED,
        )
    )
    def partial_fit(self, X, y, sample_weight=None):
        continuing = hasattr(self, "model_")
        return self._fit(X, y, sample_weight, continuing=continuing, partial=True)

    @_documented(
        _method_doc(
            "Predicted targets of ``X``.",
            _X_PARAM,
            """        y : ndarray of shape (n,) or (n, n_outputs)
            In the shape of the ``y`` given at fit.
""",
        )
    )
    def predict(self, X):
        raw = self._predict_raw(X)
        if hasattr(self, "target_mean_"):
            raw = raw * self.target_scale_ + self.target_mean_
        return raw[:, 0] if self._y_ndim == 1 else raw

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.target_tags.multi_output = True
        return tags
