"""Seeded builds of Keras networks, private to the building thread."""

import random
import threading

# Keras draws its default initializer and dropout seeds from Python's random
# module. A build draws them instead from its own ``random.Random``, seeded
# from ``random_state`` and private to the building thread: other threads'
# draws (a Dask worker's event loop, a server) cannot shift them, and the
# process' ``random`` is left alone. Never TensorFlow's global seed or op
# determinism, which would act on every thread of the process.
_BUILD_LOCK = threading.Lock()


class _ThreadSeeds(threading.local):
    """Stands for the ``random`` module where Keras draws its default seeds:
    the building thread's own generator while it builds, else ``random``."""

    rng = None

    def __getattr__(self, name):  # anything but randint: the module's
        return getattr(random, name)

    def randint(self, low, high):
        return (self.rng or random).randint(low, high)


def _thread_seeds():
    """The ``_ThreadSeeds`` Keras draws from, installed on first use; None
    where this Keras draws its seeds elsewhere (then builds seed ``random``
    itself, under the lock)."""
    try:
        from keras.src.random import seed_generator
    except ImportError:  # another Keras layout
        return None
    source = getattr(seed_generator, "python_random", None)
    if isinstance(source, _ThreadSeeds):
        return source
    if source is not random:
        return None
    seed_generator.python_random = _ThreadSeeds()
    return seed_generator.python_random


def seeded(build, seed):
    """``build()`` with Keras' default seeds drawn from ``seed``."""
    with _BUILD_LOCK:
        seeds = _thread_seeds()
        if seeds is None:
            state = random.getstate()
            random.seed(seed)
        else:
            seeds.rng = random.Random(seed)
        try:
            return build()
        finally:
            if seeds is None:
                random.setstate(state)
            else:
                seeds.rng = None
