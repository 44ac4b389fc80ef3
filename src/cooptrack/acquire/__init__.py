"""Acquire: the only code that reads files (and, later, the network).

It turns a path into a :class:`Document`: the raw bytes, where and when they came from, their
hash, and the decoded text, or raises an :class:`~cooptrack.errors.InputError` naming the file
and the problem in one line. :mod:`~cooptrack.acquire.files` reads files and expands folders;
:mod:`~cooptrack.acquire.decode` tells text from binary content and finds the encoding.
"""

from cooptrack.acquire.files import Document, document_from_bytes, iter_paths, looks_like_html, read_path

__all__ = ["Document", "document_from_bytes", "iter_paths", "looks_like_html", "read_path"]
