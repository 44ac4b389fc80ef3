"""Acquire: the only code that reads files (and, later, the network).

It turns a path into a :class:`Document`: the raw bytes, where and when they came from, their
hash, and the decoded text, or raises an :class:`~cooptrack.errors.InputError` naming the file
and the problem.
"""

from cooptrack.acquire.files import Document, iter_paths, read_path

__all__ = ["Document", "iter_paths", "read_path"]
