"""The README works as written, and the command line starts quietly and fast."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[1] / "README.md"
FENCE = re.compile(r"^```(\w+)\n(.*?)^```", re.DOTALL | re.MULTILINE)
# absl's C++ log lines, as TensorFlow writes them at start-up
ABSL_LINE = re.compile(
    r"^(?:[IWE]\d{4} [\d:.]+ +\d+ \S+:\d+\] |WARNING: All log)", re.M
)


def _blocks(language):
    text = README.read_text(encoding="utf-8")
    return [code for lang, code in FENCE.findall(text) if lang == language]


def _python(*args, env=None, cwd=None):
    return subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=600,
    )


def _env(**changes):
    env = dict(os.environ)
    for key, value in changes.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def test_readme_has_python_blocks():
    assert len(_blocks("python")) >= 2


@pytest.mark.parametrize("i", range(len(_blocks("python"))))
def test_python_block_runs_as_pasted(i, tmp_path):
    """Each block alone, in a fresh interpreter and an empty folder.

    TF_CPP_MIN_LOG_LEVEL unset, as in a new shell: TensorFlow's start-up
    notices must not reach stderr.
    """
    code = _blocks("python")[i]
    result = _python("-c", code, cwd=tmp_path, env=_env(TF_CPP_MIN_LOG_LEVEL=None))
    assert result.returncode == 0, f"block {i}:\n{code}\n{result.stderr[-3000:]}"
    assert not ABSL_LINE.search(result.stderr), result.stderr


def test_bash_blocks_do_not_assume_the_project_data_folder():
    for code in _blocks("bash"):
        assert "../shared" not in code, code


def test_demo_help_answers_before_tensorflow_loads():
    result = _python("-X", "importtime", "-m", "skseq", "demo", "--help")
    assert result.returncode == 0, result.stderr[-3000:]
    assert "usage: python -m skseq demo" in result.stdout
    imported = [line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines()]
    assert "skseq" in imported
    assert not [
        name for name in imported if name.split(".")[0] in {"tensorflow", "keras"}
    ]


def test_tensorflow_threads_follow_omp_num_threads():
    """A joblib or Dask worker's OMP_NUM_THREADS sizes TensorFlow's pools."""
    code = (
        "import os, skseq; print(os.environ['TF_NUM_INTRAOP_THREADS'], "
        "os.environ['TF_NUM_INTEROP_THREADS'])"
    )
    env = _env(OMP_NUM_THREADS="1", TF_NUM_INTRAOP_THREADS=None)
    result = _python("-c", code, env={**env, "TF_NUM_INTEROP_THREADS": "3"})
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.split() == ["1", "3"]  # a pool set by the user stays
