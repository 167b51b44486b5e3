"""Sphinx configuration: ``sphinx-build docs docs/_build``.

Needs the ``docs`` extra (sphinx, numpydoc, myst-parser, matplotlib).
"""

import os
import sys

sys.path.insert(0, os.path.abspath(".."))
os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import skseq  # noqa: E402

project = "skseq"
author = "skseq developers"
copyright = "skseq developers"
release = skseq.__version__
version = release

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "numpydoc",
    "myst_parser",
]
# Links to the Python, NumPy, pandas, scikit-learn and Matplotlib docs need
# their inventories from the network; a build without it (CI, `make docs`
# offline) would fail under -W, so they are opt-in for the published build.
if os.environ.get("SKSEQ_DOCS_INTERSPHINX", "") not in ("", "0"):
    extensions.append("sphinx.ext.intersphinx")

source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build"]

autosummary_generate = False
# The classes list their methods with :members: in api.md; numpydoc's own
# member tables would repeat them.
numpydoc_show_class_members = False
numpydoc_class_members_toctree = False
numpydoc_xref_param_type = False

myst_enable_extensions = ["colon_fence"]
myst_heading_anchors = 3

intersphinx_mapping = {
    "python": ("https://docs.python.org/3", None),
    "numpy": ("https://numpy.org/doc/stable", None),
    "pandas": ("https://pandas.pydata.org/docs", None),
    "sklearn": ("https://scikit-learn.org/stable", None),
    "matplotlib": ("https://matplotlib.org/stable", None),
}

html_theme = "alabaster"
html_title = f"skseq {release}"
