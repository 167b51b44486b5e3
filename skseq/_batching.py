"""Length-bucketed batches: tf.data training (and validation) datasets."""

import numpy as np
import tensorflow as tf

# Sequences are sorted by length inside pools of this many batches: batches hold
# similar lengths, yet which sequences meet in a batch still changes each epoch.
_POOL_BATCHES = 50


def bucket_batches(lengths, batch_size, rng, *, shuffle=True):
    """Split sample indices into batches of similar length.

    Parameters
    ----------
    lengths : ndarray of shape (n,)
        Real length of each sequence.
    batch_size : int
        Samples per batch.
    rng : numpy.random.RandomState
        Source of the shuffling.
    shuffle : bool
        Shuffle pools and batch order (training); otherwise sort all samples
        by length once (evaluation).

    Returns
    -------
    list of ndarray
        Indices of each batch.
    """
    n = len(lengths)
    if not shuffle:
        order = np.argsort(lengths, kind="stable")
        return [order[i : i + batch_size] for i in range(0, n, batch_size)]
    perm = rng.permutation(n)
    pool = _POOL_BATCHES * batch_size
    batches = []
    for start in range(0, n, pool):
        chunk = perm[start : start + pool]
        chunk = chunk[np.argsort(lengths[chunk], kind="stable")]
        batches.extend(
            chunk[i : i + batch_size] for i in range(0, len(chunk), batch_size)
        )
    rng.shuffle(batches)
    return batches


# No tf.data autotuning: these pipelines have nothing to tune (one generator,
# a fixed prefetch), and destroying an iterator waits for the autotuning
# thread's current sleep, whose period grows as the fit runs: at the end of a
# 45 s fit of 500 series of 2,000 steps, the iterator took from 0 to 37 s to
# close, the fit's return waiting on it (benchmarks/bench_fit_end.py).
_OPTIONS = tf.data.Options()
_OPTIONS.autotune.enabled = False


class _Feed:
    """The batch generator of the fit in progress, read by a reused dataset.

    TensorFlow keeps every ``Dataset.from_generator`` function (and with it
    the generator's closure: the training data) alive until the process
    ends, so a new dataset per fit grew memory by the size of each fit's
    data. A trainer builds each of its datasets once and points it at the
    current fit's batches through this object, which forgets them after the
    fit.
    """

    def __init__(self):
        self.generate = None

    def __call__(self):
        # no batches once the fit has ended (an iterator left behind by an
        # interrupted fit then ends at once instead of raising)
        return iter(()) if self.generate is None else self.generate()


def training_dataset(
    X, y, sample_weight, batch_size, rng, *, bucket, cache, shuffle=True, repeat=False
):
    """A ``tf.data.Dataset`` of training (or validation) batches.

    With ``bucket``, batches hold sequences of similar length and each is cut
    to its longest sequence; without, batches are plain (shuffled) slices at
    the full width. Every iteration (every epoch) draws a new shuffle from
    ``rng``, so the run is reproducible from the estimator's random_state.
    ``cache`` (a trainer's ``datasets``) keeps one dataset per kind of batch
    across fits; :func:`release` then drops the data from it.

    With ``repeat``, one iteration yields the epochs one after the other
    without end (the same batches, in the same order): read with Keras'
    ``steps_per_epoch``, the iterator then lives across epochs instead of
    being made anew for each, which cost more than the training steps of
    a small data set (about 80 ms an epoch on the 2-core machine).
    """
    values, lengths = X.values, X.lengths
    n = len(lengths)
    n_batches = -(-n // batch_size)

    def epoch():
        if bucket:
            batches = bucket_batches(lengths, batch_size, rng, shuffle=shuffle)
        else:
            order = rng.permutation(n) if shuffle else np.arange(n)
            batches = [order[i : i + batch_size] for i in range(0, n, batch_size)]
        for idx in batches:
            idx = np.sort(idx)
            x = values[idx]
            if bucket:
                x = x[:, : max(int(lengths[idx].max()), 1)]
            batch = (x, y[idx])
            if sample_weight is not None:
                batch += (sample_weight[idx],)
            yield batch

    def generate():
        yield from epoch()
        while repeat:
            yield from epoch()

    spec = (
        tf.TensorSpec((None, None) + values.shape[2:], values.dtype),
        tf.TensorSpec((None,) + y.shape[1:], y.dtype),
    )
    if sample_weight is not None:
        spec += (tf.TensorSpec((None,), sample_weight.dtype),)
    key = (shuffle, repeat, tuple((tuple(s.shape), s.dtype.name) for s in spec))
    if key not in cache:
        feed = _Feed()
        cache[key] = feed, tf.data.Dataset.from_generator(feed, output_signature=spec)
    feed, dataset = cache[key]
    feed.generate = generate
    if not repeat:
        dataset = dataset.apply(tf.data.experimental.assert_cardinality(n_batches))
    # the next batches are cut while the current one trains
    return dataset.prefetch(2).with_options(_OPTIONS)


def release(cache):
    """Let the datasets in ``cache`` forget the last fit's data."""
    for feed, _ in cache.values():
        feed.generate = None
