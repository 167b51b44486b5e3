"""Loaders of real datasets stored on disk.

Nothing is downloaded: every loader reads a folder ``data_home`` laid out as

.. code-block:: text

    data_home/
        imdb/train.csv.gz, imdb/test.csv.gz
        uci_sentences/sentences.csv
        fashion_mnist/{train,t10k}-{images-idx3,labels-idx1}-ubyte.gz
        tiny_shakespeare/input.txt
        timeseries/<Name>/<Name>.npz
        forecasting/{ETTh1.csv.gz,ETTh2.csv.gz,exchange_rate.csv,airline-passengers.csv}

``data_home`` defaults to the environment variable ``SKSEQ_DATA``, else to
``../shared/data`` relative to the current working directory. The loaders of
tables of samples (:func:`load_imdb`, :func:`load_sentences`,
:func:`load_fashion_mnist`) take ``n_samples`` to return a random subset,
the same one on every call unless ``random_state`` says otherwise.

The datasets and their licences: the Large Movie Review Dataset (Maas et
al., ACL 2011); Sentiment Labelled Sentences (Kotzias et al., KDD 2015);
Fashion-MNIST (Zalando Research, MIT); tiny Shakespeare (public domain, from
char-rnn); UCR/UEA time-series archive sets as shipped in the aeon wheel;
the forecasting benchmarks ETTh1/ETTh2 (Zhou et al., AAAI 2021, CC BY-ND
4.0), exchange rates (Lai et al., SIGIR 2018) and airline passengers (Box &
Jenkins 1976).
"""

import gzip
import numbers
import os
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.utils import check_random_state

__all__ = [
    "get_data_home",
    "load_fashion_mnist",
    "load_forecasting",
    "load_imdb",
    "load_sentences",
    "load_shakespeare",
    "load_ucr",
]

DATA_ENV = "SKSEQ_DATA"
DEFAULT_DATA_HOME = Path("..", "shared", "data")
_SPLITS = ("train", "test")


def get_data_home(data_home=None):
    """The folder the loaders read from.

    Parameters
    ----------
    data_home : str or path-like, default=None
        The folder. None means the environment variable ``SKSEQ_DATA`` when
        it is set and not empty, else ``../shared/data`` relative to the
        current working directory.

    Returns
    -------
    pathlib.Path
        The folder (not checked for existence).

    Examples
    --------
    >>> from skseq.datasets import get_data_home
    >>> str(get_data_home("/data/skseq"))
    '/data/skseq'
    """
    if data_home is None:
        data_home = os.environ.get(DATA_ENV) or DEFAULT_DATA_HOME
    return Path(data_home).expanduser()


def _file(data_home, *parts):
    """Path of ``data_home/parts...``; FileNotFoundError when it is missing."""
    home = get_data_home(data_home)
    path = home.joinpath(*parts)
    if not path.is_file():
        if data_home is not None:
            origin = "the data_home argument"
        elif os.environ.get(DATA_ENV):
            origin = f"the {DATA_ENV} environment variable"
        else:
            origin = f"the default, as {DATA_ENV} is not set"
        raise FileNotFoundError(
            f"Dataset file not found: {os.path.abspath(path)} (data home "
            f"{home}, from {origin}). Pass data_home= or set the {DATA_ENV} "
            f"environment variable to the folder that holds {parts[0]}/."
        )
    return path


def _check_split(split):
    if split not in _SPLITS:
        raise ValueError(f"`split` must be 'train' or 'test'. Got {split!r} instead.")


def _read_csv(path, columns):
    frame = pd.read_csv(path)
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(
            f"{path} must have the columns {columns}. Got {list(frame.columns)} "
            f"instead (missing {missing})."
        )
    return frame[columns]


def _subsample(n_samples, random_state, *arrays):
    """The same ``n_samples`` random rows of each of ``arrays`` (all if None).

    Row positions are drawn without replacement and kept in the order drawn,
    by ``check_random_state(random_state).choice``: the draw that
    ``DataFrame.sample(n_samples, random_state=random_state)`` makes, so a
    DataFrame gets the very rows, index included, that this call returns.
    """
    if n_samples is None:
        return arrays
    n_total = len(arrays[0])
    if (
        isinstance(n_samples, bool)
        or not isinstance(n_samples, numbers.Integral)
        or not 1 <= n_samples <= n_total
    ):
        raise ValueError(
            f"`n_samples` must be None or an int in [1, {n_total}] (the size of "
            f"the data). Got {n_samples!r} instead."
        )
    rows = check_random_state(random_state).choice(n_total, n_samples, replace=False)
    return tuple(a.iloc[rows] if hasattr(a, "iloc") else a[rows] for a in arrays)


def load_imdb(split="train", *, data_home=None, n_samples=None, random_state=0):
    """Load the IMDB movie reviews (Large Movie Review Dataset).

    25,000 training and 25,000 test reviews, balanced, for binary sentiment
    classification (Maas et al., ACL 2011). Read from
    ``data_home/imdb/{split}.csv.gz``. ``n_samples`` picks a random subset,
    e.g. for a quick run.

    Parameters
    ----------
    split : {"train", "test"}, default="train"
        Which half to load.
    data_home : str or path-like, default=None
        Folder of the datasets; see :func:`get_data_home`.
    n_samples : int, default=None
        How many reviews to return, drawn at random without replacement
        (from 1 to the 25,000 of the split). None returns every review, in
        file order.
    random_state : int, RandomState instance or None, default=0
        Seed of the draw of ``n_samples`` reviews. The default, a fixed seed,
        draws the same reviews on every call: those of
        ``load_imdb(split).sample(n_samples, random_state=0)``.

    Returns
    -------
    pandas.DataFrame
        Columns ``text`` (the raw review, with HTML line breaks ``<br />``:
        use ``TextTokenizer(strip_html=True)``), ``label`` (1 positive, rating
        7-10; 0 negative, rating 1-4) and ``rating``. A subset keeps the
        index of its rows in the whole split.

    Raises
    ------
    FileNotFoundError
        If the file is not there.
    ValueError
        If ``split`` is neither "train" nor "test", or ``n_samples`` is not
        None or an int from 1 to the size of the split.

    Examples
    --------
    >>> from skseq.datasets import load_imdb
    >>> reviews = load_imdb("test")  # doctest: +SKIP
    >>> reviews.shape  # doctest: +SKIP
    (25000, 3)
    >>> load_imdb("train", n_samples=2000).shape  # doctest: +SKIP
    (2000, 3)
    """
    _check_split(split)
    path = _file(data_home, "imdb", f"{split}.csv.gz")
    reviews = _read_csv(path, ["text", "label", "rating"])
    return _subsample(n_samples, random_state, reviews)[0]


def load_sentences(*, data_home=None, n_samples=None, random_state=0):
    """Load the Sentiment Labelled Sentences (Kotzias et al., KDD 2015).

    3,000 short review sentences, 1,000 each from amazon, imdb and yelp, for
    binary sentiment classification. Read from
    ``data_home/uci_sentences/sentences.csv``.

    Parameters
    ----------
    data_home : str or path-like, default=None
        Folder of the datasets; see :func:`get_data_home`.
    n_samples : int, default=None
        Draw this many of the 3,000 sentences at random, without
        replacement. None returns all of them, in file order.
    random_state : int, RandomState instance or None, default=0
        Seed for drawing ``n_samples`` sentences: an int gives the same
        subset every time.

    Returns
    -------
    pandas.DataFrame
        Columns ``source`` ("amazon", "imdb" or "yelp"), ``text`` and
        ``label`` (1 positive, 0 negative). A subset keeps the index of its
        rows in the whole file.

    Raises
    ------
    FileNotFoundError
        If the file is not there.
    ValueError
        If ``n_samples`` is not None or an int from 1 to the number of
        sentences.
    """
    path = _file(data_home, "uci_sentences", "sentences.csv")
    sentences = _read_csv(path, ["source", "text", "label"])
    return _subsample(n_samples, random_state, sentences)[0]


def load_ucr(name, *, data_home=None):
    """Load a UCR/UEA time-series dataset in the layout Keras expects.

    Read from ``data_home/timeseries/<name>/<name>.npz``, whose arrays are
    channels-first ``(n_cases, n_channels, length)``; they are returned
    time-first ``(n_cases, length, n_channels)``. Shorter series of an
    unequal-length set keep their NaN padding at the end, which
    :class:`~skseq.RecurrentClassifier` and :class:`~skseq.RecurrentRegressor`
    read as padding (masked); train and test may have different lengths.

    Parameters
    ----------
    name : str
        Dataset name, e.g. "JapaneseVowels", "GunPoint", "Covid3Month".
    data_home : str or path-like, default=None
        Folder of the datasets; see :func:`get_data_home`.

    Returns
    -------
    X_train : ndarray of shape (n_train, length_train, n_channels), float32
    y_train : ndarray of shape (n_train,)
        Labels (str) for classification, floats for regression.
    X_test : ndarray of shape (n_test, length_test, n_channels), float32
    y_test : ndarray of shape (n_test,)

    Raises
    ------
    FileNotFoundError
        If the file is not there (the message lists the datasets present).

    Examples
    --------
    >>> from skseq.datasets import load_ucr
    >>> X_train, y_train, X_test, y_test = load_ucr("JapaneseVowels")  # doctest: +SKIP
    >>> X_train.shape  # doctest: +SKIP
    (270, 26, 12)
    """
    try:
        path = _file(data_home, "timeseries", name, f"{name}.npz")
    except FileNotFoundError as exc:
        folder = get_data_home(data_home) / "timeseries"
        if folder.is_dir():
            present = sorted(p.name for p in folder.iterdir() if p.is_dir())
            raise FileNotFoundError(f"{exc} Datasets present: {present}.") from None
        raise
    with np.load(path, allow_pickle=False) as data:
        out = []
        for split in _SPLITS:
            X = data[f"X_{split}"]
            if X.ndim != 3:
                raise ValueError(
                    f"X_{split} in {path} must be 3-D (n_cases, n_channels, "
                    f"length). Got shape {X.shape} instead."
                )
            X = np.ascontiguousarray(X.transpose(0, 2, 1), dtype=np.float32)
            out += [X, data[f"y_{split}"]]
    return tuple(out)


_FORECASTING = {
    # name: file, index column, frequency of its rows
    "ETTh1": ("ETTh1.csv.gz", "date", "h"),
    "ETTh2": ("ETTh2.csv.gz", "date", "h"),
    "exchange_rate": ("exchange_rate.csv", "date", "D"),
    "airline": ("airline-passengers.csv", "Month", "MS"),
}


def load_forecasting(name, *, data_home=None):
    """Load a forecasting benchmark as a time-indexed table.

    Read from ``data_home/forecasting/``: "ETTh1" and "ETTh2" (hourly
    transformer loads and oil temperature ``OT``, 7 columns), "exchange_rate"
    (8 daily exchange rates; the file's dates are consecutive days, not
    trading days) and "airline" (monthly passengers, 1949-1960). The
    benchmarks' standard splits are in the data folder's README.

    Parameters
    ----------
    name : {"ETTh1", "ETTh2", "exchange_rate", "airline"}
        Dataset name.
    data_home : str or path-like, default=None
        Folder of the datasets; see :func:`get_data_home`.

    Returns
    -------
    history : pandas DataFrame (a Series for "airline")
        Float columns indexed by a ``DatetimeIndex`` with its frequency,
        what :class:`~skseq.RecurrentForecaster` reads.

    Examples
    --------
    >>> from skseq.datasets import load_forecasting
    >>> etth1 = load_forecasting("ETTh1")  # doctest: +SKIP
    >>> etth1.shape, etth1.index.freqstr  # doctest: +SKIP
    ((17420, 7), 'h')
    """
    if name not in _FORECASTING:
        raise ValueError(
            f"`name` must be one of {sorted(_FORECASTING)}. Got {name!r} instead."
        )
    file, index, freq = _FORECASTING[name]
    table = pd.read_csv(_file(data_home, "forecasting", file), parse_dates=[index])
    table = table.set_index(index).asfreq(freq).astype(np.float64)
    table.index.name = "date"
    return table.iloc[:, 0] if table.shape[1] == 1 else table


def _read_idx(path):
    """An idx file (gzip-compressed) of unsigned bytes as an ndarray."""
    with gzip.open(path, "rb") as f:
        buffer = f.read()
    if len(buffer) < 4 or buffer[:2] != b"\x00\x00" or buffer[2] != 0x08:
        raise ValueError(
            f"{path} must be an idx file of unsigned bytes (magic number "
            f"0x000008..). Got {buffer[:4].hex() or 'an empty file'} instead."
        )
    ndim = buffer[3]
    offset = 4 + 4 * ndim
    shape = tuple(np.frombuffer(buffer, dtype=">u4", count=ndim, offset=4).tolist())
    data = np.frombuffer(buffer, dtype=np.uint8, offset=offset)
    if data.size != np.prod(shape):
        raise ValueError(
            f"{path} is truncated or corrupt: its header says shape {shape} "
            f"({int(np.prod(shape))} values), but it holds {data.size}."
        )
    return data.reshape(shape)


def load_fashion_mnist(
    split="train", *, data_home=None, n_samples=None, random_state=0
):
    """Load Fashion-MNIST with images as sequences of rows.

    60,000 training and 10,000 test 28x28 grey-scale images of 10 kinds of
    clothing (Zalando Research). Each image is a sequence of 28 time steps
    (rows) of 28 features (pixels), ready for a recurrent estimator. Read
    from the idx files ``data_home/fashion_mnist/{train,t10k}-*-ubyte.gz``.

    Parameters
    ----------
    split : {"train", "test"}, default="train"
        The 60,000 training images or the 10,000 test images.
    data_home : str or path-like, default=None
        Folder of the datasets; see :func:`get_data_home`.
    n_samples : int, default=None
        Return only this many images of the split, a random subset drawn
        without replacement; None returns them all, in file order.
    random_state : int, RandomState instance or None, default=0
        Seed of that draw; with an int, every call returns the same images.

    Returns
    -------
    X : ndarray of shape (n, 28, 28), float32
        Pixel intensities scaled to [0, 1]; ``n`` is ``n_samples`` when it
        is given.
    y : ndarray of shape (n,), int64
        Class index 0-9 (0 T-shirt/top, 1 trouser, 2 pullover, 3 dress,
        4 coat, 5 sandal, 6 shirt, 7 sneaker, 8 bag, 9 ankle boot).

    Raises
    ------
    FileNotFoundError
        If a file is not there.
    ValueError
        If ``split`` is neither "train" nor "test", a file is not a valid
        idx file, or ``n_samples`` is out of range.

    Examples
    --------
    >>> from skseq.datasets import load_fashion_mnist
    >>> X, y = load_fashion_mnist("test", n_samples=1000)  # doctest: +SKIP
    >>> X.shape, y.shape  # doctest: +SKIP
    ((1000, 28, 28), (1000,))
    """
    _check_split(split)
    prefix = "train" if split == "train" else "t10k"
    images = _read_idx(
        _file(data_home, "fashion_mnist", f"{prefix}-images-idx3-ubyte.gz")
    )
    labels = _read_idx(
        _file(data_home, "fashion_mnist", f"{prefix}-labels-idx1-ubyte.gz")
    )
    if images.ndim != 3 or labels.ndim != 1 or len(images) != len(labels):
        raise ValueError(
            "Fashion-MNIST images must be (n, rows, columns) and labels (n,). "
            f"Got shapes {images.shape} and {labels.shape} instead."
        )
    images, labels = _subsample(n_samples, random_state, images, labels)
    X = images.astype(np.float32) / np.float32(255)
    return X, labels.astype(np.int64)


def load_shakespeare(*, data_home=None):
    """Load tiny Shakespeare, one text for character-level language models.

    1,115,394 characters (65 distinct) of Shakespeare's plays, as used by
    char-rnn. Read from ``data_home/tiny_shakespeare/input.txt``.

    Parameters
    ----------
    data_home : str or path-like, default=None
        Folder of the datasets; see :func:`get_data_home`.

    Returns
    -------
    str
        The whole text.

    Raises
    ------
    FileNotFoundError
        If the file is not there.
    """
    path = _file(data_home, "tiny_shakespeare", "input.txt")
    return path.read_text(encoding="utf-8")
