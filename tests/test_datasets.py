import gzip
import struct

import numpy as np
import pandas as pd
import pytest

from skseq.datasets import (
    get_data_home,
    load_fashion_mnist,
    load_forecasting,
    load_imdb,
    load_sentences,
    load_shakespeare,
    load_ucr,
)


def _write_idx(path, array):
    header = struct.pack(">BBBB", 0, 0, 0x08, array.ndim)
    header += struct.pack(f">{array.ndim}I", *array.shape)
    path.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(path, "wb") as f:
        f.write(header + array.astype(np.uint8).tobytes())


@pytest.fixture
def data_home(tmp_path):
    """A data folder holding a tiny file in each format."""
    imdb = tmp_path / "imdb"
    imdb.mkdir()
    for split, n in (("train", 4), ("test", 3)):
        pd.DataFrame(
            {
                "id": range(n),
                "rating": [9, 2, 8, 1][:n],
                "label": [1, 0, 1, 0][:n],
                "text": ["Great<br />film", "Bad", "Fine", "Awful, truly"][:n],
            }
        ).to_csv(imdb / f"{split}.csv.gz", index=False)

    (tmp_path / "uci_sentences").mkdir()
    pd.DataFrame(
        {"source": ["amazon", "yelp"], "text": ["Good case.", "Meh."], "label": [1, 0]}
    ).to_csv(tmp_path / "uci_sentences" / "sentences.csv", index=False)

    (tmp_path / "tiny_shakespeare").mkdir()
    (tmp_path / "tiny_shakespeare" / "input.txt").write_text(
        "First Citizen:\nSpeak, speak.\n", encoding="utf-8"
    )

    rng = np.random.RandomState(0)
    X_train = rng.normal(size=(3, 2, 5)).astype(np.float32)  # channels first
    X_train[1, :, 3:] = np.nan  # length 3 of 5
    X_test = rng.normal(size=(2, 2, 4)).astype(np.float32)
    folder = tmp_path / "timeseries" / "Toy"
    folder.mkdir(parents=True)
    np.savez(
        folder / "Toy.npz",
        X_train=X_train,
        y_train=np.array(["a", "b", "a"]),
        len_train=np.array([5, 3, 5]),
        X_test=X_test,
        y_test=np.array(["b", "a"]),
        len_test=np.array([4, 4]),
    )

    fashion = tmp_path / "fashion_mnist"
    for prefix, n in (("train", 3), ("t10k", 2)):
        images = np.arange(n * 28 * 28).reshape(n, 28, 28) % 256
        _write_idx(fashion / f"{prefix}-images-idx3-ubyte.gz", images)
        _write_idx(fashion / f"{prefix}-labels-idx1-ubyte.gz", np.arange(n))
    return tmp_path


@pytest.mark.parametrize("split, n", [("train", 4), ("test", 3)])
def test_load_imdb(data_home, split, n):
    df = load_imdb(split, data_home=data_home)
    assert isinstance(df, pd.DataFrame)
    assert list(df.columns) == ["text", "label", "rating"]
    assert len(df) == n
    assert df["text"].iloc[0] == "Great<br />film"
    assert df["label"].tolist() == [1, 0, 1, 0][:n]


def test_load_sentences(data_home):
    df = load_sentences(data_home=data_home)
    assert list(df.columns) == ["source", "text", "label"]
    assert df["text"].tolist() == ["Good case.", "Meh."]


def test_load_shakespeare(data_home):
    assert load_shakespeare(data_home=data_home) == "First Citizen:\nSpeak, speak.\n"


def test_load_ucr_is_time_first_and_keeps_nan_padding(data_home):
    X_train, y_train, X_test, y_test = load_ucr("Toy", data_home=data_home)
    raw = np.load(data_home / "timeseries" / "Toy" / "Toy.npz")
    assert X_train.shape == (3, 5, 2)
    assert X_test.shape == (2, 4, 2)
    assert X_train.dtype == X_test.dtype == np.float32
    assert X_train.flags.c_contiguous
    np.testing.assert_array_equal(X_train, raw["X_train"].transpose(0, 2, 1))
    np.testing.assert_array_equal(X_test, raw["X_test"].transpose(0, 2, 1))
    assert np.isnan(X_train[1, 3:]).all()
    assert not np.isnan(X_train[1, :3]).any()
    assert y_train.tolist() == ["a", "b", "a"]
    assert y_test.tolist() == ["b", "a"]


def test_load_ucr_unknown_name_lists_datasets(data_home):
    with pytest.raises(FileNotFoundError, match=r"Nope\.npz.*\['Toy'\]"):
        load_ucr("Nope", data_home=data_home)


@pytest.mark.parametrize("split, n", [("train", 3), ("test", 2)])
def test_load_fashion_mnist(data_home, split, n):
    X, y = load_fashion_mnist(split, data_home=data_home)
    assert X.shape == (n, 28, 28)
    assert X.dtype == np.float32
    assert y.dtype == np.int64
    assert 0 <= X.min() and X.max() <= 1
    assert X[0, 0, 1] == np.float32(1 / 255)
    assert X.max() == 1
    assert y.tolist() == list(range(n))


def test_load_fashion_mnist_rejects_corrupt_files(data_home):
    path = data_home / "fashion_mnist" / "train-images-idx3-ubyte.gz"
    with gzip.open(path, "rb") as f:
        content = f.read()
    with gzip.open(path, "wb") as f:
        f.write(content[:-10])
    with pytest.raises(ValueError, match="truncated or corrupt"):
        load_fashion_mnist(data_home=data_home)
    with gzip.open(path, "wb") as f:
        f.write(b"not an idx file")
    with pytest.raises(ValueError, match="idx file of unsigned bytes"):
        load_fashion_mnist(data_home=data_home)


def test_load_imdb_n_samples_is_a_reproducible_random_subset(data_home):
    full = load_imdb("train", data_home=data_home)
    subset = load_imdb("train", data_home=data_home, n_samples=3)
    assert len(subset) == 3
    assert list(subset.columns) == ["text", "label", "rating"]
    assert subset.index.is_unique
    # the rows keep their index and content in the whole split
    pd.testing.assert_frame_equal(subset, full.loc[subset.index])
    # the same draw on every call: that of DataFrame.sample with the same seed
    pd.testing.assert_frame_equal(
        subset, load_imdb("train", data_home=data_home, n_samples=3)
    )
    pd.testing.assert_frame_equal(subset, full.sample(3, random_state=0))
    for seed in (1, np.random.RandomState(1)):
        pd.testing.assert_frame_equal(
            load_imdb("train", data_home=data_home, n_samples=3, random_state=seed),
            full.sample(3, random_state=1),
        )


def test_load_imdb_n_samples_of_the_whole_split_shuffles_it(data_home):
    full = load_imdb("test", data_home=data_home)
    everything = load_imdb("test", data_home=data_home, n_samples=np.int64(3))
    assert sorted(everything.index) == list(full.index)
    pd.testing.assert_frame_equal(everything.sort_index(), full)


def test_load_sentences_n_samples(data_home):
    full = load_sentences(data_home=data_home)
    one = load_sentences(data_home=data_home, n_samples=1, random_state=3)
    assert len(one) == 1
    pd.testing.assert_frame_equal(one, full.sample(1, random_state=3))


def test_load_fashion_mnist_n_samples_keeps_images_and_labels_paired(data_home):
    X_full, y_full = load_fashion_mnist("train", data_home=data_home)
    X, y = load_fashion_mnist("train", data_home=data_home, n_samples=2)
    assert X.shape == (2, 28, 28)
    assert X.dtype == np.float32
    assert y.dtype == np.int64
    assert len(set(y.tolist())) == 2
    # in the fake data the label of an image is its position in the file
    np.testing.assert_array_equal(X, X_full[y])
    rows = np.random.RandomState(0).choice(3, 2, replace=False)
    np.testing.assert_array_equal(y, y_full[rows])
    X_again, y_again = load_fashion_mnist(data_home=data_home, n_samples=2)
    np.testing.assert_array_equal(X_again, X)
    np.testing.assert_array_equal(y_again, y)


@pytest.mark.parametrize("n_samples", [0, -1, 5, 2.0, "2", True])
@pytest.mark.parametrize(
    "loader, n_total", [(load_imdb, 4), (load_sentences, 2), (load_fashion_mnist, 3)]
)
def test_bad_n_samples(data_home, loader, n_total, n_samples):
    with pytest.raises(
        ValueError, match=rf"must be None or an int in \[1, {n_total}\]"
    ):
        loader(data_home=data_home, n_samples=n_samples)


@pytest.mark.parametrize("loader", [load_imdb, load_fashion_mnist])
def test_bad_split(data_home, loader):
    with pytest.raises(ValueError, match="`split` must be 'train' or 'test'"):
        loader("valid", data_home=data_home)


def test_missing_columns(tmp_path):
    (tmp_path / "uci_sentences").mkdir()
    pd.DataFrame({"text": ["a"]}).to_csv(
        tmp_path / "uci_sentences" / "sentences.csv", index=False
    )
    with pytest.raises(ValueError, match=r"missing \['source', 'label'\]"):
        load_sentences(data_home=tmp_path)


@pytest.mark.parametrize(
    "load",
    [
        load_imdb,
        load_sentences,
        load_shakespeare,
        load_fashion_mnist,
        lambda data_home: load_ucr("GunPoint", data_home=data_home),
    ],
)
def test_missing_file_names_path_and_env_var(tmp_path, load):
    with pytest.raises(FileNotFoundError, match="SKSEQ_DATA") as info:
        load(data_home=tmp_path / "nowhere")
    assert str(tmp_path / "nowhere") in str(info.value)


def test_data_home_from_env_var(data_home, monkeypatch):
    monkeypatch.setenv("SKSEQ_DATA", str(data_home))
    assert get_data_home() == data_home
    assert len(load_sentences()) == 2
    # an explicit argument wins over the environment
    with pytest.raises(FileNotFoundError, match="data_home argument"):
        load_sentences(data_home=data_home / "nowhere")


def test_data_home_default_is_relative_to_cwd(data_home, monkeypatch):
    monkeypatch.delenv("SKSEQ_DATA", raising=False)
    (data_home / "project").mkdir()
    monkeypatch.chdir(data_home / "project")
    with pytest.raises(FileNotFoundError, match="SKSEQ_DATA is not set"):
        load_sentences()
    (data_home / "shared" / "data").mkdir(parents=True)
    (data_home / "uci_sentences").rename(data_home / "shared/data/uci_sentences")
    assert len(load_sentences()) == 2


def test_empty_env_var_means_default(monkeypatch):
    monkeypatch.setenv("SKSEQ_DATA", "")
    assert get_data_home().as_posix() == "../shared/data"


def test_load_forecasting_indexes_by_time_with_the_frequency(tmp_path):
    folder = tmp_path / "forecasting"
    folder.mkdir()
    pd.DataFrame(
        {
            "date": pd.date_range("2016-07-01", periods=5, freq="h"),
            "HUFL": range(5),
            "OT": np.arange(5) / 2,
        }  # fmt: skip
    ).to_csv(folder / "ETTh1.csv.gz", index=False)
    (folder / "airline-passengers.csv").write_text(
        '"Month","Passengers"\r\n"1949-01",112\r\n"1949-02",118\r\n'
    )
    etth1 = load_forecasting("ETTh1", data_home=tmp_path)
    assert list(etth1.columns) == ["HUFL", "OT"] and etth1.index.freqstr == "h"
    assert etth1.dtypes.eq(np.float64).all()
    airline = load_forecasting("airline", data_home=tmp_path)
    assert isinstance(airline, pd.Series) and airline.index.freqstr == "MS"
    assert airline.tolist() == [112.0, 118.0]
    with pytest.raises(ValueError, match="`name` must be one of"):
        load_forecasting("ETTm1", data_home=tmp_path)
