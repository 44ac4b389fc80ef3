"""Acquire: the only code that reads files and the network.

It turns a path or a URL into a :class:`Document`: the raw bytes, where and when they came from,
their hash, and the decoded text, or raises an :class:`~cooptrack.errors.InputError` naming the
file or URL and the problem in one line. :mod:`~cooptrack.acquire.files` reads files and expands
folders; :mod:`~cooptrack.acquire.decode` tells text from binary content and finds the encoding;
:mod:`~cooptrack.acquire.http` fetches pages politely, :mod:`~cooptrack.acquire.cache` keeps
them on disk, and :mod:`~cooptrack.acquire.archive` walks the press-release archive.
"""

from cooptrack.acquire.files import Document, document_from_bytes, iter_paths, looks_like_html, read_path

__all__ = ["Document", "document_from_bytes", "iter_paths", "looks_like_html", "read_path"]
