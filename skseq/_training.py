"""The training procedure every estimator shares (the text generator too).

:class:`KerasTraining` holds what a fit does around its data: the checks of
the training parameters, one reset of fitted state, the transaction that
leaves a failed fit's estimator as it was, the shared compiled trainer
(:mod:`skseq._trainers`), early stopping and the refit that its plan asks
for (:mod:`skseq._defaults`), the learning curves, and persistence as
weights and optimizer state. Subclasses say how their network is built
(``_build``), which loss it trains (``_loss``) and how their data is
split; everything else lands here once.
"""

import inspect
import warnings

import keras
import numpy as np
from sklearn.base import BaseEstimator
from sklearn.utils import check_random_state

from skseq._defaults import Plan
from skseq._seeding import seeded
from skseq._trainers import Interrupted, get_trainer, make_optimizer

# the names keras.optimizers.get knows (lower case)
_OPTIMIZERS = {
    name.lower()
    for name, value in vars(keras.optimizers).items()
    if isinstance(value, type) and issubclass(value, keras.optimizers.Optimizer)
}


def best_epoch(scores, tol):
    """The epoch (from 1) whose weights early stopping keeps: the first that
    no later one beats by more than ``tol`` (Keras' ``min_delta``)."""
    best, epoch = np.inf, 0
    for i, score in enumerate(scores):
        if score < best - tol:
            best, epoch = score, i
    return epoch + 1


def model_state(model):
    """``model``'s weights and optimizer state, as NumPy arrays."""
    optimizer = model.optimizer
    state = [v.numpy() for v in optimizer.variables] if optimizer.built else None
    return model.get_weights(), state


def set_model_state(model, saved):
    """Put back what :func:`model_state` took."""
    weights, state = saved
    model.set_weights(weights)
    if state is not None:
        if not model.optimizer.built:
            model.optimizer.build(model.trainable_variables)
        for variable, value in zip(model.optimizer.variables, state, strict=True):
            variable.assign(value)


class KerasTraining(BaseEstimator):
    """What every skseq estimator does around a fit of its Keras network."""

    # -- parameters ---------------------------------------------------------

    def _check_training_params(self):
        if not isinstance(self.optimizer, str):
            self._warn_ignored(
                ("learning_rate", "clipnorm"),
                "with an optimizer instance, which keeps its own",
            )
        elif self.optimizer.lower() not in _OPTIMIZERS:
            raise ValueError(
                "`optimizer` must be the name of a Keras optimizer (e.g. "
                "'adam', 'rmsprop', 'sgd') or an optimizer instance. Got "
                f"{self.optimizer!r} instead."
            )
        for callback in self.callbacks or []:
            if not isinstance(callback, keras.callbacks.Callback):
                raise TypeError(
                    "`callbacks` must be a list of keras.callbacks.Callback "
                    f"instances. Got {type(callback).__name__} instead."
                )

    def _warn_ignored(self, names, why):
        """Warn on parameters set away from their default that a fit ignores
        (as scikit-learn's text vectorizers do)."""
        defaults = {
            name: p.default
            for name, p in inspect.signature(type(self).__init__).parameters.items()
        }
        for name in names:
            if not _same(getattr(self, name), defaults[name]):
                warnings.warn(
                    f"`{name}`={getattr(self, name)!r} is ignored {why}.",
                    UserWarning,
                    stacklevel=5,
                )

    # -- one fit ------------------------------------------------------------

    def _transaction(self, steps, *, continuing):
        """Run ``steps()`` as one fit: every fitted attribute is replaced
        only when it completes (a fit that raises leaves the estimator as it
        was; an interrupt keeps the partial model, with a warning)."""
        before = dict(self.__dict__)
        saved = model_state(self.model_) if continuing else None
        try:
            if not continuing:
                self._reset()
            steps()
        except KeyboardInterrupt:
            if not hasattr(self, "model_"):
                raise
            warnings.warn(
                f"{type(self).__name__}: training interrupted by the user; the "
                "model keeps the weights it had when it stopped.",
                UserWarning,
                stacklevel=4,
            )
        except BaseException:
            self.__dict__.clear()
            self.__dict__.update(before)
            if saved is not None:
                set_model_state(self.model_, saved)
            raise
        return self

    def _reset(self):
        """Forget every fitted attribute: one reset per fit."""
        for name in list(self.__dict__):
            if name.endswith("_") and not name.startswith("__"):
                del self.__dict__[name]
        for name in ("_spec", "_spec_params", "_random_state", "_user_config_key"):
            self.__dict__.pop(name, None)

    def _start(self, network, build, *, continuing, prepare=None):
        """The random state of this fit, and on a new network its build
        (``build(seed)``, seeded from it, then ``prepare()``) with what a
        refit starts again from."""
        if not continuing or not hasattr(self, "_random_state"):
            # kept across warm-start and partial_fit calls, as MLP keeps it:
            # each call shuffles and seeds dropout anew
            self._random_state = check_random_state(self.random_state)
        rng = self._random_state
        if continuing:
            # grown in copies: a fit that raises leaves the curves as they were
            self.history_ = {key: list(v) for key, v in self.history_.items()}
            return rng, None
        build_seed = int(rng.randint(1, 2**31 - 1))
        self._spec = network
        self.model_ = seeded(lambda: build(build_seed), build_seed)
        if prepare is not None:
            prepare()
        self.history_, self.n_iter_ = {}, 0
        return rng, (rng.get_state(), self.model_.get_weights())

    def _train_plan(self, every, split, rng, plan, restart, *, continuing, bucket):
        """Train as ``plan`` says: ``split`` is ``(train, validation)`` (the
        validation part None without a validation split), ``every`` all the
        data, ``restart`` the random state and weights a refit starts from."""
        train, validation = split
        callbacks = [*(self.callbacks or [])]
        if plan["early_stopping"]:
            callbacks.append(
                keras.callbacks.EarlyStopping(
                    monitor="loss" if validation is None else "val_loss",
                    min_delta=self.tol,
                    patience=plan["patience"],
                    restore_best_weights=True,
                )
            )
        self._train(
            train, validation, rng, continuing, plan["epochs"], callbacks, bucket
        )
        if validation is None:
            return
        self.validation_scores_ = list(self.history_["val_loss"])
        self.best_loss_ = float(np.min(self.validation_scores_))
        if plan["refit"] and not continuing:
            # the same network trained anew on all the data, as many epochs
            # as early stopping kept
            epochs = best_epoch(self.validation_scores_, self.tol)
            scores, best_loss = self.validation_scores_, self.best_loss_
            state, initial = restart
            rng = np.random.RandomState()
            rng.set_state(state)
            self.model_.set_weights(initial)
            self.history_, self.n_iter_ = {}, 0
            callbacks = [*(self.callbacks or [])]
            self._train(every, None, rng, False, epochs, callbacks, bucket)
            self.validation_scores_, self.best_loss_ = scores, best_loss

    def _train(self, train, validation, rng, continuing, epochs, callbacks, bucket):
        try:
            history = self._trainer().fit(
                self.model_,
                train,
                validation,
                warm_start=continuing,
                seed=int(rng.randint(2**31 - 1 - 1000)),
                rng=rng,
                batch_size=min(self.batch_size, len(train[0])),
                bucket=bucket,
                epochs=epochs,
                initial_epoch=self.n_iter_,
                callbacks=callbacks,
                verbose=self.verbose,
            )
        except Interrupted as stop:
            self._record(stop.history)
            raise
        self._record(history)

    def _record(self, history):
        for key, values in history.items():
            self.history_.setdefault(key, []).extend(float(v) for v in values)
        self.n_iter_ += len(history.get("loss", []))
        self.loss_curve_ = list(self.history_.get("loss", []))

    # -- the network and its trainer -------------------------------------------

    def _loss_key(self):
        """How the trainers' keys name the loss."""
        return self._loss()

    def _compiled(self, model):
        optimizer = make_optimizer(self.optimizer, self.learning_rate, self.clipnorm)
        model.compile(optimizer=optimizer, loss=self._loss())
        return model

    def _trainer(self):
        """The compiled trainer of this estimator's network and optimizer:
        its spec's ``trainer_spec()`` (a token network as wide as its
        vocabulary's capacity, see :mod:`skseq._trainers`)."""
        spec = self._spec.trainer_spec()
        return get_trainer(
            self._trainer_key(spec),
            # under the build lock: it draws Keras' default seeds
            lambda: seeded(lambda: self._compiled(spec.build()), 0),
            exact_padding=spec.exact_padding,
        )

    def _trainer_key(self, spec):
        # what makes two fits share one compiled trainer
        if isinstance(self.optimizer, str):
            optimizer = (self.optimizer, float(self.learning_rate), self.clipnorm)
        else:
            optimizer = (type(self.optimizer).__name__, self.optimizer.get_config())
        return repr((self._architecture(spec), optimizer, self._loss_key()))

    def _architecture(self, spec):
        """What identifies the network of ``spec`` among the trainers."""
        return spec

    # -- persistence ------------------------------------------------------------

    def __getstate__(self):
        # the network as its weights and optimizer state (plain arrays:
        # pickle, joblib and skops), rebuilt from its spec on loading
        state = dict(super().__getstate__())  # a copy: not the live __dict__
        if "plan_" in state:  # plain dicts: what skops reads without code
            state["plan_"] = [dict(state["plan_"]), dict(state["plan_"].why)]
        model = state.pop("model_", None)
        if model is not None:
            state["_weights"], state["_optimizer_state"] = model_state(model)
        return state

    def __setstate__(self, state):
        state = dict(state)
        weights = state.pop("_weights", None)
        optimizer_state = state.pop("_optimizer_state", None)
        if "plan_" in state:
            state["plan_"] = Plan(*state["plan_"])
        super().__setstate__(state)
        if weights is not None:
            model = self._build(self._spec, initial=False)
            set_model_state(model, (weights, optimizer_state))
            self.model_ = model


def _same(a, b):
    try:
        return bool(np.array_equal(np.asarray(a), np.asarray(b)))
    except (TypeError, ValueError):
        return a is b
