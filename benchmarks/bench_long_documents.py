"""Long documents: the text recipe's ``maxlen`` / ``max_tokens`` rule.

A corpus of 10,000 training and 10,000 test documents whose lengths follow
a log-normal law (median 80 tokens, the longest 12,000 tokens), made of
IMDB reviews: each document is a run of consecutive tokens from a shuffled
stream of the reviews of its label (the training documents from the
training reviews, the test documents from the test reviews), so the label's
signal (the reviews' sentiment) is spread over the whole document, not in
its first tokens, and short documents carry less of it than long ones.

Three fits, each in its own process (so that each peak resident memory is
its own): ``make_text_classifier(random_state=0)`` (``maxlen="auto"``,
``max_tokens="auto"``), the same recipe with the hand-chosen
``maxlen=400, max_tokens=20000`` of Keras' text examples, and TF-IDF +
logistic regression (``bench_quality.py``'s text baseline). Each row: test
accuracy, fit time (wall and CPU), predict time, resident memory before
the fit and its peak (``ru_maxrss``), and what ``maxlen`` and the
vocabulary resolved to. ``--old`` adds the recipe's former defaults
(``maxlen=None, max_tokens=None``: every document padded to the longest,
every token kept). Run from the repository root::

    .venv/bin/python benchmarks/bench_long_documents.py [--quick] [--old]

``--quick`` makes 1,000 / 1,000 documents of the same lengths law.
"""

import argparse
import json
import os
import pickle
import re
import resource
import subprocess
import sys
import tempfile
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")  # Keras' default backend

import numpy as np  # noqa: E402

MEDIAN, SIGMA, LONGEST = 80, 1.35, 12_000
CONFIGS = {
    "defaults": {},
    "maxlen=400, max_tokens=20000": {"maxlen": 400, "max_tokens": 20_000},
    "TF-IDF + LR": None,
}
OLD = (
    "former defaults (maxlen=None, max_tokens=None)",
    {"maxlen": None, "max_tokens": None},
)
_TOKEN = re.compile(r"\w+(?:'\w+)*")  # TextTokenizer's default pattern
_TAG = re.compile(r"<[A-Za-z/!][^<>]*>")


def lengths_law(n, rng):
    """``n`` document lengths: log-normal, median ``MEDIAN``, within 5 and
    ``LONGEST`` tokens, the longest exactly ``LONGEST``."""
    lengths = np.clip(rng.lognormal(np.log(MEDIAN), SIGMA, n), 5, LONGEST)
    lengths = lengths.round().astype(int)
    lengths[np.argmax(lengths)] = LONGEST
    return lengths


def documents(frame, n, rng):
    """``n`` documents (tokens joined by spaces) and their labels, balanced,
    cut from one shuffled token stream per label of the reviews ``frame``."""
    labels = rng.permutation(np.arange(n) % 2)
    lengths = lengths_law(n, rng)
    docs = []
    for label in (0, 1):
        reviews = frame["text"].to_numpy()[frame["label"].to_numpy() == label]
        stream = []
        for text in reviews[rng.permutation(len(reviews))]:
            stream += _TOKEN.findall(_TAG.sub(" ", text).lower())
        need = lengths[labels == label]
        if need.sum() > len(stream):
            raise ValueError(
                f"{need.sum()} tokens of label {label} asked, the reviews hold "
                f"{len(stream)}; make fewer documents."
            )
        ends = np.cumsum(need)
        docs.append(
            [" ".join(stream[e - k : e]) for e, k in zip(ends, need, strict=True)]
        )
    out = np.empty(n, dtype=object)
    for label in (0, 1):
        out[labels == label] = docs[label]
    return out, labels


def make_corpus(data, n, path):
    from skseq.datasets import load_imdb

    rng = np.random.default_rng(0)
    corpus = {}
    for split in ("train", "test"):
        corpus[split] = documents(load_imdb(split, data_home=data), n, rng)
    with open(path, "wb") as f:
        pickle.dump(corpus, f)
    return corpus


def rss_mb():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def child(name, path):
    """Fit one configuration on the corpus at ``path``; print a JSON line."""
    with open(path, "rb") as f:
        corpus = pickle.load(f)
    (X_train, y_train), (X_test, y_test) = corpus["train"], corpus["test"]
    params = dict(CONFIGS.get(name, OLD[1] if name == OLD[0] else None) or {})
    if name == "TF-IDF + LR":
        from bench_quality import tfidf_lr_model

        model, info = tfidf_lr_model(), {}
    else:
        from skseq import make_text_classifier

        model = make_text_classifier(random_state=0, **params)
    before = rss_mb()
    start, cpu = time.perf_counter(), time.process_time()
    model.fit(X_train, y_train)
    fit_s, fit_cpu = time.perf_counter() - start, time.process_time() - cpu
    start = time.perf_counter()
    accuracy = float(np.mean(model.predict(X_test) == y_test))
    predict_s = time.perf_counter() - start
    if name != "TF-IDF + LR":
        clf = model[-1]
        info = {
            "maxlen": int(model["padder"].maxlen_),
            "vocabulary": int(model["tokenizer"].vocabulary_size_),
            "epochs": f"{len(clf.validation_scores_)} + {clf.n_iter_}",
        }
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result = dict(
        accuracy=accuracy,
        fit_s=fit_s,
        fit_cpu=fit_cpu,
        predict_s=predict_s,
        rss_before=before,
        peak=peak,
        **info,
    )
    print("RESULT " + json.dumps(result), flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=None, help="data folder (SKSEQ_DATA)")
    parser.add_argument("--quick", action="store_true", help="1,000 / 1,000 documents")
    parser.add_argument(
        "--old", action="store_true", help="also fit the former defaults (slow)"
    )
    parser.add_argument("--child", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--corpus", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.corpus)
        return
    n = 1000 if args.quick else 10_000
    names = list(CONFIGS) + ([OLD[0]] if args.old else [])
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "corpus.pkl")
        corpus = make_corpus(args.data, n, path)
        lengths = np.array([doc.count(" ") + 1 for doc in corpus["train"][0]])
        q = np.quantile(lengths, [0.5, 0.9, 0.99]).round().astype(int).tolist()
        print(
            f"# {n} / {n} documents; training lengths: median {q[0]}, 0.9 quantile "
            f"{q[1]}, 0.99 quantile {q[2]}, longest {lengths.max()}, "
            f"{lengths.sum():,} tokens; {os.cpu_count()} cores",
            flush=True,
        )
        header = (
            "| fit | accuracy | fit wall (s) | fit CPU (s) | predict (s) | RSS "
            "before fit (MB) | peak RSS (MB) | maxlen_ | vocabulary | epochs |"
        )
        rows = []
        for name in names:
            command = [sys.executable, __file__, "--child", name, "--corpus", path]
            done = subprocess.run(command, capture_output=True, text=True)
            lines = [x for x in done.stdout.splitlines() if x.startswith("RESULT ")]
            if done.returncode or not lines:
                print(f"# {name} failed ({done.returncode}):\n{done.stderr[-3000:]}")
                continue
            r = json.loads(lines[-1][len("RESULT ") :])
            rows.append(
                f"| {name} | {r['accuracy']:.4f} | {r['fit_s']:.0f} | "
                f"{r['fit_cpu']:.0f} | {r['predict_s']:.1f} | "
                f"{r['rss_before']:.0f} | {r['peak']:.0f} | "
                f"{r.get('maxlen', '')} | {r.get('vocabulary', '')} | "
                f"{r.get('epochs', '')} |"
            )
            print(f"# {rows[-1]}", flush=True)
    print()
    print(header)
    print("|---|" + "---:|" * 9)
    print("\n".join(rows))


if __name__ == "__main__":
    main()
