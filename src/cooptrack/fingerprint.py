"""A fingerprint of this cooptrack's code: what is kept in the store for the next process (the
overview, the people, the commitments, the pairs of measures worded alike) is kept under it too,
so that code that works them out otherwise never reads what earlier code kept, whether or not its
version number changed (a checkout between two releases, a patched install).

The hash of every file of the package (its Python modules, templates and data) but compiled
bytecode, read once per process (about 2 MB).
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

_PACKAGE = Path(__file__).parent


@functools.cache
def code() -> str:
    """The hash (hex, 16 characters) of the package's files, their paths and contents."""
    return _files(_PACKAGE, sorted(p for p in _PACKAGE.rglob("*") if p.is_file() and "__pycache__" not in p.parts))


@functools.cache
def module(path: str) -> str:
    """The hash (hex, 16 characters) of one file of the package (``knowledge/changes.py``)."""
    return _files(_PACKAGE, [_PACKAGE / path])


def _files(root: Path, paths: list[Path]) -> str:
    h = hashlib.blake2b(digest_size=8)
    for p in paths:
        h.update(p.relative_to(root).as_posix().encode())
        h.update(b"\0")
        h.update(p.read_bytes())
        h.update(b"\0")
    return h.hexdigest()
