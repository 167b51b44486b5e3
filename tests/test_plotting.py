import sys

import numpy as np
import pytest
from sklearn.exceptions import NotFittedError
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GridSearchCV

from skseq import RecurrentClassifier, RecurrentRegressor, make_text_classifier
from skseq.plotting import plot_history

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")
plt = pytest.importorskip("matplotlib.pyplot")

HISTORY = {
    "loss": [0.9, 0.7, 0.6],
    "accuracy": [0.5, 0.6, 0.7],
    "val_loss": [1.0, 0.8, 0.85],
    "val_accuracy": [0.4, 0.5, 0.5],
}


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def text_pipeline():
    docs = ["good film", "great fun", "bad plot", "awful acting"] * 5
    y = [1, 1, 0, 0] * 5
    pipe = make_text_classifier(
        units=2, embedding_dim=2, epochs=2, early_stopping=True, random_state=0
    )
    return pipe.fit(docs, y)


def _with_history(history):
    est = RecurrentClassifier()
    est.history_ = history
    return est


def _curves(ax):
    return {line.get_label(): line for line in ax.get_lines()}


def test_fitted_pipeline_and_its_last_step(text_pipeline):
    history = text_pipeline[-1].history_
    for est in (text_pipeline, text_pipeline[-1]):
        ax = plot_history(est)
        curves = _curves(ax)
        assert list(curves) == ["training loss", "validation loss"]
        np.testing.assert_allclose(curves["training loss"].get_ydata(), history["loss"])
        np.testing.assert_allclose(
            curves["validation loss"].get_ydata(), history["val_loss"]
        )
        assert list(curves["training loss"].get_xdata()) == [1, 2]
        assert ax.get_xlabel() == "epoch"
        assert ax.get_ylabel() == "loss"
        assert ax.get_legend() is not None


def test_every_training_metric_with_its_validation_curve():
    ax = plot_history(_with_history(HISTORY))
    curves = _curves(ax)
    assert list(curves) == [
        "training loss",
        "validation loss",
        "training accuracy",
        "validation accuracy",
    ]
    assert curves["training loss"].get_linestyle() == "-"
    assert curves["validation loss"].get_linestyle() == "--"
    assert curves["training loss"].get_color() == curves["validation loss"].get_color()
    assert (
        curves["training loss"].get_color() != curves["training accuracy"].get_color()
    )
    assert ax.get_ylabel() == "value"


@pytest.mark.parametrize(
    "metrics, labels",
    [
        ("accuracy", ["training accuracy", "validation accuracy"]),
        (["val_loss"], ["validation loss"]),
        (["loss", "val_loss"], ["training loss", "validation loss"]),
    ],
)
def test_metrics_selects_curves(metrics, labels):
    ax = plot_history(_with_history(HISTORY), metrics=metrics)
    assert list(_curves(ax)) == labels


def test_history_without_validation():
    ax = plot_history(_with_history({"loss": [0.5]}))
    (line,) = ax.get_lines()
    assert line.get_label() == "training loss"
    assert line.get_marker() == "o"  # a single epoch is still visible


def test_draws_on_given_axes():
    _, ax = plt.subplots()
    assert plot_history(_with_history(HISTORY), ax=ax) is ax
    assert len(ax.get_lines()) == 4


@pytest.mark.parametrize("metrics", ["acc", ["loss", "f1"], []])
def test_unknown_metrics(metrics):
    with pytest.raises(ValueError, match="`metrics` must be keys"):
        plot_history(_with_history(HISTORY), metrics=metrics)


def test_empty_history():
    with pytest.raises(ValueError, match="history_ is empty"):
        plot_history(_with_history({}))


@pytest.mark.parametrize(
    "est",
    [RecurrentClassifier(), RecurrentRegressor(), make_text_classifier()],
    ids=["classifier", "regressor", "pipeline"],
)
def test_unfitted_estimator(est):
    with pytest.raises(NotFittedError):
        plot_history(est)


@pytest.mark.parametrize(
    "obj", [LogisticRegression().fit([[0], [1]], [0, 1]), {"loss": [1.0]}, None]
)
def test_no_history(obj):
    with pytest.raises(TypeError, match="needs a fitted estimator with a `history_`"):
        plot_history(obj)


def test_search_hint():
    search = GridSearchCV(RecurrentClassifier(), {"units": [2]})
    search.best_estimator_ = None
    with pytest.raises(TypeError, match="pass its best_estimator_"):
        plot_history(search)


def test_missing_matplotlib(monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    monkeypatch.setitem(sys.modules, "matplotlib.pyplot", None)
    with pytest.raises(ImportError, match=r"pip install skseq\[plot\]"):
        plot_history(_with_history(HISTORY))
