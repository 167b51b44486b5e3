import gc
import pickle
import subprocess
import sys
import textwrap
import weakref

import joblib
import keras
import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone, is_classifier, is_regressor
from sklearn.calibration import CalibratedClassifierCV
from sklearn.ensemble import StackingClassifier, VotingClassifier
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import r2_score
from sklearn.model_selection import (
    GridSearchCV,
    StratifiedKFold,
    check_cv,
    cross_val_score,
)
from sklearn.pipeline import make_pipeline

from skseq import (
    RecurrentClassifier,
    RecurrentRegressor,
    make_text_classifier,
    make_text_regressor,
)
from skseq._batching import release, training_dataset
from skseq._inputs import coerce

ESTIMATORS = [RecurrentClassifier, RecurrentRegressor]
TINY = dict(units=4, embedding_dim=4, epochs=1, random_state=0)


def _tokens(n=40, width=6, vocab=20, seed=0):
    rng = np.random.RandomState(seed)
    X = rng.randint(1, vocab, size=(n, width))
    y = (X[:, 0] > vocab // 2).astype(int)
    return X, y


def _ragged(n=40, seed=0):
    rng = np.random.RandomState(seed)
    seqs = [rng.randint(1, 20, size=rng.randint(1, 12)) for _ in range(n)]
    y = np.array([int(s[0] > 10) for s in seqs])
    return seqs, y


def _texts(n=60):
    good = ["a great film", "loved it", "wonderful acting", "great fun"]
    bad = ["a terrible film", "hated it", "awful acting", "boring mess"]
    rng = np.random.RandomState(0)
    rows = [
        (rng.choice(good) + " " + rng.choice(good), 1)
        if i % 2
        else (rng.choice(bad) + " " + rng.choice(bad), 0)
        for i in range(n)
    ]
    return pd.DataFrame(rows, columns=["review", "label"])


# -- scikit-learn identity ---------------------------------------------------


def test_estimator_types():
    assert is_classifier(RecurrentClassifier())
    assert is_regressor(RecurrentRegressor())
    assert not is_regressor(RecurrentClassifier())


def test_cross_val_score_uses_stratified_folds():
    X, y = _tokens(n=30)
    clf = RecurrentClassifier(**TINY)
    assert isinstance(check_cv(5, y, classifier=is_classifier(clf)), StratifiedKFold)
    scores = cross_val_score(clf, X, y, cv=5)
    assert scores.shape == (5,)


@pytest.mark.parametrize("Estimator", ESTIMATORS)
def test_get_set_params_and_clone_cover_every_parameter(Estimator):
    est = Estimator()
    params = est.get_params()
    for name in ("cell", "units", "bidirectional", "early_stopping", "bucketing"):
        assert name in params
    est.set_params(cell="gru", units=(3, 2))
    cloned = clone(est)
    assert cloned.get_params() == est.get_params()
    with pytest.raises(ValueError, match="Invalid parameter"):
        est.set_params(optimizer__learning_rate=0.1)


# -- inputs ------------------------------------------------------------------


def test_token_input_and_out_of_vocabulary_ids_at_predict():
    X, y = _tokens()
    clf = RecurrentClassifier(**TINY).fit(X, y)
    assert clf.input_kind_ == "tokens" and clf.vocabulary_size_ == 20
    unseen = X[:3].copy()
    unseen[:, 1] = 500
    oov = X[:3].copy()
    oov[:, 1] = 1
    np.testing.assert_allclose(clf.predict_proba(unseen), clf.predict_proba(oov))
    assert unseen[0, 1] == 500  # the caller's array is untouched
    unseen32 = unseen.astype(np.int32)  # no conversion copy to hide a write
    clf.predict(unseen32)
    assert unseen32[0, 1] == 500


@pytest.mark.parametrize("Estimator", ESTIMATORS)
def test_ragged_tokens_fit_without_padder(Estimator):
    seqs, y = _ragged()
    est = Estimator(**TINY).fit(seqs, y)
    assert est.predict(seqs).shape == (len(seqs),)
    assert est.predict(pd.Series(seqs)).shape == (len(seqs),)


def test_multivariate_nan_padded_series_and_longer_test_set():
    rng = np.random.RandomState(0)
    X = rng.normal(size=(30, 8, 3))
    X[::2, 5:] = np.nan
    y = rng.normal(size=30)
    reg = RecurrentRegressor(**TINY).fit(X, y)
    assert reg.n_step_features_ == 3 and not hasattr(reg, "n_features_in_")
    longer = rng.normal(size=(4, 15, 3))
    longer[0, 9:] = np.nan
    assert reg.predict(longer).shape == (4,)
    # NaN padding is masked: extra padding changes nothing
    padded = np.concatenate([X[:3], np.full((3, 4, 3), np.nan)], axis=1)
    np.testing.assert_allclose(reg.predict(padded), reg.predict(X[:3]), rtol=1e-5)
    with pytest.raises(ValueError, match="2 features per time step.*expecting 3"):
        reg.predict(rng.normal(size=(2, 8, 2)))


def test_ragged_multivariate_sequences():
    rng = np.random.RandomState(0)
    X = [rng.normal(size=(rng.randint(2, 9), 2)) for _ in range(30)]
    y = np.arange(30) % 3
    clf = RecurrentClassifier(**TINY).fit(X, y)
    assert clf.predict_proba(X).shape == (30, 3)


def test_univariate_2d_float_keeps_fixed_width():
    rng = np.random.RandomState(0)
    X, y = rng.normal(size=(30, 7)), np.arange(30) % 2
    clf = RecurrentClassifier(**TINY).fit(X, y)
    assert clf.n_features_in_ == 7
    with pytest.raises(ValueError, match="X has 5 features, but RecurrentClassifier"):
        clf.predict(X[:, :5])


@pytest.mark.parametrize("Estimator", ESTIMATORS)
def test_raw_strings_raise_before_any_keras_work(Estimator):
    est = Estimator()
    with pytest.raises(TypeError, match="TextTokenizer.*make_text_"):
        est.fit(["some text", "more text"], [0, 1])
    assert not hasattr(est, "model_")


def test_token_and_float_input_kinds_cannot_be_mixed():
    X, y = _tokens()
    clf = RecurrentClassifier(**TINY).fit(X, y)
    with pytest.raises(ValueError, match="integer token ids as at fit"):
        clf.predict(X.astype(float))


# -- targets -----------------------------------------------------------------


def test_binary_multiclass_and_string_labels():
    X, y = _tokens()
    clf = RecurrentClassifier(**TINY).fit(X, y)
    proba = clf.predict_proba(X)
    assert proba.shape == (40, 2)
    np.testing.assert_allclose(proba.sum(axis=1), 1, rtol=1e-6)
    assert clf.n_classes_ == 2 and clf.model_.output_shape == (None, 1)
    labels = np.array(["cat", "dog", "eel"])[X[:, 0] % 3]
    clf = RecurrentClassifier(**TINY).fit(X, labels)
    assert set(clf.predict(X)) <= {"cat", "dog", "eel"}
    assert list(clf.classes_) == ["cat", "dog", "eel"]
    assert clf.predict_proba(X[:1]).shape == (1, 3)
    assert clf.score(X, labels) == np.mean(clf.predict(X) == labels)


def test_multilabel_indicator():
    X, _ = _tokens()
    Y = np.stack([X[:, 0] > 10, X[:, 1] > 10, X[:, 2] > 5], axis=1).astype(int)
    clf = RecurrentClassifier(**TINY).fit(X, Y)
    assert clf.predict(X).shape == Y.shape
    proba = clf.predict_proba(X)
    assert proba.shape == Y.shape and ((proba >= 0) & (proba <= 1)).all()


def test_regressor_single_and_multi_output():
    X, _ = _tokens()
    y = X[:, :2].astype(float)
    reg = RecurrentRegressor(**TINY).fit(X, y)
    assert reg.predict(X).shape == (40, 2) and reg.predict(X).dtype == np.float64
    reg = RecurrentRegressor(**TINY).fit(X, y[:, 0])
    assert reg.predict(X).shape == (40,)
    assert reg.score(X, y[:, 0]) == pytest.approx(r2_score(y[:, 0], reg.predict(X)))


def test_fitted_attributes():
    X, y = _tokens()
    clf = RecurrentClassifier(**{**TINY, "epochs": 3}).fit(X, y)
    assert isinstance(clf.model_, keras.Model)
    assert set(clf.history_) == {"loss"} and len(clf.history_["loss"]) == 3
    assert clf.loss_curve_ == clf.history_["loss"] and clf.n_iter_ == 3
    assert clf.n_features_in_ == 6
    assert not hasattr(clf, "validation_scores_")


# -- pipelines and meta-estimators -------------------------------------------


def test_text_pipeline_on_a_pandas_column():
    df = _texts()
    pipe = make_text_classifier(maxlen=6, units=4, epochs=2, random_state=0)
    pipe.fit(df["review"], df["label"])
    assert pipe.predict(df["review"][:5]).shape == (5,)
    predicted = pipe.predict(df["review"])
    assert pipe.score(df["review"], df["label"]) == np.mean(predicted == df["label"])
    proba = pipe.predict_proba(df["review"])
    np.testing.assert_array_equal(predicted, proba.argmax(axis=1))
    reg = make_text_regressor(reg__units=4, reg__epochs=1)
    reg.fit(df[["review"]], df["label"].astype(float))
    assert reg.predict(df[["review"]]).shape == (60,)
    with pytest.raises(TypeError, match="not a parameter of TextTokenizer"):
        make_text_classifier(colour="red")


def test_grid_search_over_cells_on_a_text_column():
    df = _texts(48)
    pipe = make_text_classifier(units=3, embedding_dim=3, epochs=1, random_state=0)
    grid = {"clf__cell": ["rnn", "lstm", "gru"], "clf__bidirectional": [False, True]}
    search = GridSearchCV(pipe, grid, cv=2).fit(df["review"], df["label"])
    assert len(search.cv_results_["params"]) == 6
    assert search.best_estimator_.predict(df["review"]).shape == (48,)


def test_grid_search_in_parallel_processes():
    df = _texts(32)
    pipe = make_text_classifier(units=3, embedding_dim=3, epochs=1, random_state=0)
    search = GridSearchCV(pipe, {"clf__cell": ["rnn", "gru"]}, cv=2, n_jobs=2)
    search.fit(df["review"], df["label"])
    assert np.isfinite(search.cv_results_["mean_test_score"]).all()


def test_meta_estimators_accept_the_classifier():
    X, y = _tokens(n=60)
    clf = RecurrentClassifier(**TINY)
    calibrated = CalibratedClassifierCV(clf, cv=2).fit(X, y)
    assert calibrated.predict_proba(X).shape == (60, 2)
    voting = VotingClassifier(
        [("rnn", clf), ("lr", LogisticRegression())], voting="soft"
    ).fit(X, y)
    assert voting.predict_proba(X).shape == (60, 2)
    stack = StackingClassifier([("rnn", clf)], cv=2).fit(X, y)
    assert stack.predict(X).shape == (60,)


def _series_vote():
    rng = np.random.RandomState(0)
    X = rng.normal(size=(30, 9, 2))
    X[::3, 6:] = np.nan  # unequal lengths
    y = np.array(["up", "down", "flat"])[rng.randint(0, 3, size=30)]
    members = [
        (f"seed{seed}", RecurrentClassifier(**{**TINY, "random_state": seed}))
        for seed in (0, 1)
    ]
    return members, X, y


def _text_vote():
    df = _texts()
    members = [
        ("rnn", make_text_classifier(maxlen=6, units=4, epochs=1, random_state=0)),
        ("tfidf", make_pipeline(TfidfVectorizer(), LogisticRegression())),
    ]
    return members, df["review"], df["label"].to_numpy()


@pytest.mark.parametrize("data", [_series_vote, _text_vote])
def test_soft_vote_averages_the_members_probabilities(data):
    # the ensembles of benchmarks/README.md: fits over seeds on
    # unequal-length series, a text pipeline beside TF-IDF on a pandas column
    members, X, y = data()
    voting = VotingClassifier(members, voting="soft").fit(X, y)
    fitted = voting.named_estimators_
    mean = np.mean([fitted[name].predict_proba(X) for name, _ in members], axis=0)
    np.testing.assert_allclose(voting.predict_proba(X), mean, rtol=1e-6)
    np.testing.assert_array_equal(voting.predict(X), voting.classes_[mean.argmax(1)])
    assert set(voting.classes_) == set(y)


# -- reproducibility and silence ---------------------------------------------


def test_same_random_state_same_predictions_in_one_process():
    seqs, y = _ragged()
    params = {**TINY, "epochs": 2, "dropout": 0.2}
    a = RecurrentClassifier(**params).fit(seqs, y).predict_proba(seqs)
    b = RecurrentClassifier(**params).fit(seqs, y).predict_proba(seqs)
    np.testing.assert_array_equal(a, b)


_SCRIPT = textwrap.dedent(
    """
    import numpy as np
    from skseq import RecurrentClassifier
    rng = np.random.RandomState(0)
    X = rng.randint(1, 20, size=(40, 6))
    y = (X[:, 0] > 10).astype(int)
    clf = RecurrentClassifier(units=4, epochs=2, random_state=3).fit(X, y)
    print(repr(clf.predict_proba(X[:5]).tolist()))
    """
)


def test_same_random_state_same_predictions_in_two_processes():
    out = [
        subprocess.run(
            [sys.executable, "-c", _SCRIPT], capture_output=True, text=True, check=True
        )
        .stdout.strip()
        .splitlines()[-1]
        for _ in range(2)
    ]
    assert out[0] == out[1]


def test_verbose_zero_prints_nothing(capfd):
    seqs, y = _ragged()
    capfd.readouterr()
    clf = RecurrentClassifier(**{**TINY, "epochs": 2}).fit(seqs, y)
    clf.predict(seqs)
    clf.predict(seqs[:1])
    GridSearchCV(clf, {"cell": ["rnn", "gru"]}, cv=2).fit(seqs, y)
    X, y = _tokens()
    RecurrentRegressor(**TINY, bucketing=False).fit(X, y).predict(X)
    out, err = capfd.readouterr()
    assert out == "" and err == ""


def test_verbose_one_shows_progress(capfd):
    X, y = _tokens()
    RecurrentClassifier(**{**TINY, "verbose": 1}).fit(X, y)
    out, _ = capfd.readouterr()
    assert "loss:" in out


# -- training behaviour ------------------------------------------------------


def test_early_stopping_stops_and_keeps_validation_scores():
    rng = np.random.RandomState(0)
    X = rng.randint(1, 30, size=(80, 5))
    y = rng.randint(0, 2, size=80)  # nothing to learn: validation loss rises
    clf = RecurrentClassifier(
        units=16,
        epochs=40,
        learning_rate=0.05,
        early_stopping=True,
        n_iter_no_change=2,
        random_state=0,
    ).fit(X, y)
    assert clf.n_iter_ < 40
    assert len(clf.validation_scores_) == clf.n_iter_ == len(clf.loss_curve_)
    assert clf.best_loss_ == min(clf.validation_scores_)
    assert "val_loss" in clf.history_


def test_refit_trains_the_best_epoch_count_on_all_the_data():
    rng = np.random.RandomState(0)
    X = rng.randint(1, 30, size=(80, 5))
    y = (X[:, 0] > 15).astype(int)
    params = dict(units=8, embedding_dim=8, epochs=20, learning_rate=0.05)
    params.update(n_iter_no_change=2, random_state=0)
    clf = RecurrentClassifier(**params, early_stopping=True, refit=True).fit(X, y)
    best = int(np.argmin(clf.validation_scores_)) + 1
    assert best < len(clf.validation_scores_)  # it stopped, then refitted
    assert clf.n_iter_ == len(clf.loss_curve_) == best
    assert clf.best_loss_ == min(clf.validation_scores_)
    assert "val_loss" not in clf.history_
    # the same network as `best` epochs on all 80 samples
    plain = RecurrentClassifier(**{**params, "epochs": best}, early_stopping=False)
    np.testing.assert_array_equal(
        clf.predict_proba(X), plain.fit(X, y).predict_proba(X)
    )
    kept = RecurrentClassifier(**params, early_stopping=True).fit(X, y)  # as MLP
    assert kept.validation_scores_ == clf.validation_scores_
    assert not np.allclose(kept.predict_proba(X), clf.predict_proba(X))


def test_class_weight_and_sample_weight_shift_the_fit():
    rng = np.random.RandomState(0)
    X = rng.randint(1, 30, size=(200, 4))
    y = (rng.rand(200) < 0.08).astype(int)  # rare positives, no signal
    # no n-gram bag: its hashed bigrams, one or two per sample, would learn
    # the training labels by heart whatever their weights
    params = dict(units=4, epochs=5, learning_rate=0.05, random_state=0, ngrams=0)
    plain = RecurrentClassifier(**params).fit(X, y).predict_proba(X)[:, 1].mean()
    balanced = (
        RecurrentClassifier(**params, class_weight="balanced")
        .fit(X, y)
        .predict_proba(X)[:, 1]
        .mean()
    )
    weights = np.where(y == 1, 12.0, 1.0)
    weighted = (
        (RecurrentClassifier(**params).fit(X, y, sample_weight=weights))
        .predict_proba(X)[:, 1]
        .mean()
    )
    assert plain < 0.2
    assert balanced > plain + 0.2 and weighted > plain + 0.2
    np.testing.assert_array_equal(weights[y == 1], 12.0)  # not mutated


def test_class_weight_does_not_mutate_sample_weight():
    X, y = _tokens()
    weights = np.ones(len(y))
    RecurrentClassifier(**TINY, class_weight="balanced").fit(X, y, weights)
    np.testing.assert_array_equal(weights, 1.0)


def test_warm_start_continues_from_current_weights():
    X, y = _tokens()
    clf = RecurrentClassifier(**{**TINY, "warm_start": True}).fit(X, y)
    model = clf.model_
    first = clf.loss_curve_[0]
    clf.fit(X, y)
    assert clf.model_ is model
    # the learning curves grow across warm-start fits, as MLP's loss_curve_
    assert len(clf.loss_curve_) == clf.n_iter_ == 2
    assert clf.loss_curve_[0] == first and clf.loss_curve_[1] < first
    cold = RecurrentClassifier(**TINY).fit(X, y)
    model = cold.model_
    cold.fit(X, y)
    assert cold.model_ is not model


def test_partial_fit_trains_one_epoch_and_needs_classes_first():
    X, y = _tokens()
    clf = RecurrentClassifier(**TINY)
    with pytest.raises(ValueError, match="classes must be passed on the first call"):
        clf.partial_fit(X, y)
    clf.partial_fit(X[:20], y[:20], classes=[0, 1])
    clf.partial_fit(X[20:], y[20:])
    assert clf.n_iter_ == 2 and list(clf.classes_) == [0, 1]
    reg = RecurrentRegressor(**TINY).partial_fit(X, y.astype(float))
    reg.partial_fit(X, y.astype(float))
    assert len(reg.loss_curve_) == 2


def test_bucketing_on_and_off_learn_the_same_toy_problem():
    rng = np.random.RandomState(0)
    seqs = [rng.randint(2, 10, size=rng.randint(2, 30)) for _ in range(400)]
    y = np.array([int(5 in s) for s in seqs])
    scores = {}
    for bucketing in (True, False):
        clf = RecurrentClassifier(
            units=16, epochs=8, learning_rate=0.01, bucketing=bucketing, random_state=0
        ).fit(seqs[:300], y[:300])
        scores[bucketing] = clf.score(seqs[300:], y[300:])
    assert min(scores.values()) > 0.8
    assert abs(scores[True] - scores[False]) <= 0.08


# -- persistence -------------------------------------------------------------


@pytest.mark.parametrize("Estimator", ESTIMATORS)
def test_pickle_and_joblib_round_trip(Estimator, tmp_path):
    seqs, y = _ragged()
    est = Estimator(**TINY).fit(seqs, y)
    expected = est.predict(seqs)
    restored = pickle.loads(pickle.dumps(est))
    np.testing.assert_array_equal(restored.predict(seqs), expected)
    joblib.dump(est, tmp_path / "est.joblib")
    np.testing.assert_array_equal(
        joblib.load(tmp_path / "est.joblib").predict(seqs), expected
    )
    est.model_.save(tmp_path / "model.keras")
    loaded = keras.models.load_model(tmp_path / "model.keras")
    assert loaded.count_params() == est.model_.count_params()


@pytest.mark.parametrize("cell", ["lstm", "rnn"])  # rnn: a ProjectedSimpleRNN
def test_predict_proba_round_trip_is_identical(cell, tmp_path):
    X, y = _tokens()
    clf = RecurrentClassifier(**TINY, cell=cell).fit(X, y)
    expected = clf.predict_proba(X)
    np.testing.assert_array_equal(
        pickle.loads(pickle.dumps(clf)).predict_proba(X), expected
    )
    clf.model_.save(tmp_path / "model.keras")
    loaded = keras.models.load_model(tmp_path / "model.keras")
    np.testing.assert_allclose(
        loaded.predict(X, verbose=0)[:, 0], expected[:, 1], atol=1e-6
    )


@pytest.mark.parametrize("cell", ["lstm", "rnn"])
def test_small_and_large_predict_agree_with_model_predict(cell):
    rng = np.random.RandomState(0)
    seqs = [rng.randint(1, 20, size=rng.randint(1, 40)) for _ in range(300)]
    y = np.arange(300) % 2
    clf = RecurrentClassifier(**TINY, cell=cell).fit(seqs, y)
    ours = clf.predict_proba(seqs)[:, 1]
    padded = keras.utils.pad_sequences(seqs, padding="post")
    reference = clf.model_.predict(padded, verbose=0)[:, 0]
    np.testing.assert_allclose(ours, reference, atol=1e-6)
    np.testing.assert_allclose(
        clf.predict_proba(seqs[:3])[:, 1], reference[:3], atol=1e-6
    )


# -- parameter errors --------------------------------------------------------


@pytest.mark.parametrize(
    "params, match",
    [
        ({"cell": "transformer"}, "'cell' parameter"),
        ({"units": 0}, "'units' parameter"),
        ({"units": (4, 0)}, "`units` must be a positive int"),
        ({"hidden_layer_sizes": (-1,)}, "`hidden_layer_sizes` must be"),
        ({"units": (), "pooling": "last"}, "needs `pooling='mean'`"),
        ({"dropout": 1.5}, "'dropout' parameter"),
        ({"pooling": "sum"}, "'pooling' parameter"),
        ({"validation_fraction": 1.0}, "'validation_fraction' parameter"),
        ({"embeddings": np.ones(3)}, "`embeddings` must be a numeric"),
        ({"callbacks": ["stop"]}, "`callbacks` must be a list of keras"),
        ({"learning_rate": 0}, "'learning_rate' parameter"),
        ({"clipnorm": 0}, "'clipnorm' parameter"),
        ({"clipnorm": "1"}, "'clipnorm' parameter"),
    ],
)
@pytest.mark.parametrize("Estimator", ESTIMATORS)
def test_bad_parameters_raise_before_any_keras_work(Estimator, params, match):
    X, y = _tokens()
    est = Estimator(**params)
    with pytest.raises((ValueError, TypeError), match=match):
        est.fit(X, y)
    assert not hasattr(est, "model_")


@pytest.mark.parametrize("clipnorm", [1.0, 0.5, None])
def test_named_optimizer_clips_gradients_by_clipnorm(clipnorm):
    X, y = _tokens()
    clf = RecurrentClassifier(**TINY, clipnorm=clipnorm).fit(X, y)
    assert clf.model_.optimizer.clipnorm == clipnorm
    assert clf.model_.optimizer.learning_rate.numpy() == pytest.approx(1e-3)


def test_optimizer_instance_keeps_its_own_clipping():
    X, y = _tokens()
    given = keras.optimizers.SGD(0.01, global_clipnorm=2.0)
    clf = RecurrentClassifier(**TINY, optimizer=given, clipnorm=0.5).fit(X, y)
    assert clf.model_.optimizer.clipnorm is None
    assert clf.model_.optimizer.global_clipnorm == 2.0
    assert clf.model_.optimizer is not given


def test_fits_with_different_clipnorm_do_not_share_a_trainer():
    # the compiled trainer that trains the weights carries the clipping
    X, y = _tokens()
    for clipnorm in (None, 1e-3, None):
        clf = RecurrentClassifier(**TINY, clipnorm=clipnorm).fit(X, y)
        assert clf._trainer().model.optimizer.clipnorm == clipnorm


def test_token_ids_beyond_pretrained_embeddings_are_an_error():
    X, y = _tokens(vocab=20)
    clf = RecurrentClassifier(embeddings=np.ones((10, 3)), **TINY)
    with pytest.raises(ValueError, match="`embeddings` has 10 rows.*token id 19"):
        clf.fit(X, y)
    assert not hasattr(clf, "model_")


def test_frozen_pretrained_embeddings_stay_fixed():
    X, y = _tokens(vocab=20)
    emb = np.random.RandomState(0).normal(size=(20, 3)).astype("float32")
    clf = RecurrentClassifier(
        embeddings=emb, trainable_embeddings=False, **{**TINY, "epochs": 2}
    ).fit(X, y)
    np.testing.assert_array_equal(
        clf.model_.get_layer("embedding").get_weights()[0], emb
    )
    tuned = RecurrentClassifier(embeddings=emb, **{**TINY, "epochs": 2}).fit(X, y)
    assert not np.array_equal(tuned.model_.get_layer("embedding").get_weights()[0], emb)


def test_requires_y_and_bad_targets():
    X, y = _tokens()
    with pytest.raises(ValueError, match="requires y to be passed"):
        RecurrentClassifier().fit(X, None)
    with pytest.raises(ValueError, match="Unknown label type"):
        RecurrentClassifier(**TINY).fit(X, np.linspace(0, 1, len(X)))
    with pytest.raises(ValueError, match="inconsistent numbers of samples"):
        RecurrentRegressor(**TINY).fit(X, y[:-1])


def test_early_stopping_on_too_little_data():
    with pytest.raises(ValueError, match="early_stopping needs at least one"):
        RecurrentRegressor(early_stopping=True, validation_fraction=0.1).fit(
            np.array([[1, 2]]), [1.0]
        )


def test_fits_sharing_a_trainer_accept_1d_and_column_targets():
    X, y = _tokens()
    y = y.astype(float)
    a = RecurrentRegressor(**TINY).fit(X, y)
    b = RecurrentRegressor(**TINY).fit(X, y[:, None])
    assert a._trainer() is b._trainer()
    assert b.predict(X).shape == (40, 1) and a.predict(X).shape == (40,)


@pytest.mark.parametrize("cell", ["lstm", "rnn"])
def test_estimators_fitted_earlier_keep_their_predictions(cell):
    X, y = _tokens()
    first = RecurrentClassifier(**TINY, cell=cell).fit(X, y)
    expected = first.predict_proba(X)
    for seed in range(3):  # later fits reuse the same compiled trainer
        later = {**TINY, "cell": cell, "random_state": seed + 1}
        RecurrentClassifier(**later).fit(X, 1 - y)
    np.testing.assert_array_equal(first.predict_proba(X), expected)


def test_fits_do_not_keep_their_training_data(monkeypatch):
    # TensorFlow never frees a Dataset.from_generator; a fit must not leave
    # its data reachable from it (memory would grow by the data every fit)
    import skseq._base

    seen = []

    def coerce_and_watch(X, **kwargs):
        seqs = coerce(X, **kwargs)
        seen.append(weakref.ref(seqs.values))
        return seqs

    monkeypatch.setattr(skseq._base, "coerce", coerce_and_watch)
    X, y = _ragged()
    for params in (TINY, {**TINY, "early_stopping": True}):
        RecurrentClassifier(**params).fit(X, y)
    gc.collect()
    assert seen and all(ref() is None for ref in seen)


def test_released_training_dataset_holds_and_yields_nothing():
    seqs = coerce(_ragged()[0])
    y = np.zeros((len(seqs.lengths), 1), dtype="float32")
    cache = {}
    rng = np.random.RandomState(0)
    batches = list(training_dataset(seqs, y, None, 8, rng, bucket=True, cache=cache))
    assert len(batches) == 5 and len(cache) == 1
    # the next fit with the same kind of batches reuses the same dataset
    training_dataset(seqs, y, None, 8, rng, bucket=True, cache=cache)
    assert len(cache) == 1
    release(cache)
    ((feed, dataset),) = cache.values()
    assert feed.generate is None and list(dataset) == []


@pytest.mark.parametrize("repeat", [False, True])
def test_training_datasets_are_not_autotuned(repeat):
    # closing an autotuned iterator waits for the autotuning thread's sleep,
    # which grows with the fit's length (benchmarks/bench_fit_end.py)
    seqs = coerce(_ragged()[0])
    y = np.zeros((len(seqs.lengths), 1), dtype="float32")
    rng = np.random.RandomState(0)
    dataset = training_dataset(
        seqs, y, None, 8, rng, bucket=True, cache={}, repeat=repeat
    )
    assert dataset.options().autotune.enabled is False
