"""scikit-learn's estimator checks on every public estimator."""

from networks import gru_network
from sklearn.utils.estimator_checks import parametrize_with_checks

from skseq import (
    LagSequencer,
    RecurrentClassifier,
    RecurrentRegressor,
    SequenceClassifier,
    SequencePadder,
    SequenceRegressor,
    TextTokenizer,
)
from skseq._base import _SequenceEstimator

# The checks demand real learning (accuracy > 0.83, R^2 > 0.5) on their own
# small datasets: small networks, a few dozen epochs.
_CLASSIFIER = RecurrentClassifier(units=8, epochs=20, learning_rate=0.02)
_REGRESSOR = RecurrentRegressor(cell="gru", units=16, epochs=30, learning_rate=0.02)
_OWN_CLASSIFIER = SequenceClassifier(
    model=gru_network, model_params={"units": 8}, epochs=20, learning_rate=0.02
)
_OWN_REGRESSOR = SequenceRegressor(
    model=gru_network, model_params={"units": 16}, epochs=30, learning_rate=0.02
)

_NETWORK_XFAIL = {
    "check_sample_weight_equivalence_on_dense_data": (
        "minibatch gradient descent: a weight of 2 and a repeated sample give "
        "different batches and step counts, so the fits differ numerically"
    ),
}


def _expected_failed_checks(estimator):
    if isinstance(estimator, _SequenceEstimator):
        return _NETWORK_XFAIL
    return {}


@parametrize_with_checks(
    [
        LagSequencer(),
        LagSequencer(layout="sktime", n_lags=1),
        SequencePadder(),
        TextTokenizer(),
        _CLASSIFIER,
        _REGRESSOR,
        _OWN_CLASSIFIER,
        _OWN_REGRESSOR,
    ],
    expected_failed_checks=_expected_failed_checks,
)
def test_sklearn_compatible_estimator(estimator, check):
    check(estimator)
