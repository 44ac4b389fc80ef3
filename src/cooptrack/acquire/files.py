"""Read documents from disk: what the file is, whether it is text, and in which encoding.

:func:`read_path` turns a path into a :class:`Document` or raises an
:class:`~cooptrack.errors.InputError` subclass whose message is one line, ``<path>: <problem>``,
in plain words: a missing file, a folder, a file the system will not let us read, one over the
size limit (checked from ``stat`` before a byte is read), an empty one, a PDF, an image, an
archive, or text in an encoding that cannot be recognised (the last three are found by
:mod:`cooptrack.acquire.decode`), and JSON (:func:`refuse_json`): a record written by
``cooptrack parse``, a gold file or any other data is not a release, and reading it as one would
make bogus meetings out of its keys and values.

:func:`iter_paths` expands folders into the files they hold, in a stable order, skipping hidden
files and folders and never visiting a folder twice (so symbolic-link loops end).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from cooptrack.acquire.decode import decode
from cooptrack.errors import EmptyInput, MissingInput, NotAFile, NotARelease, TooLarge, UnreadableInput

MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class Document:
    """One input document, decoded, with where and when it came from."""

    source: str  # the name a user knows it by: the file name
    uri: str  # absolute path or URL
    raw: bytes
    text: str
    encoding: str
    media_type: str  # "text/html" or "text/plain"
    fetched_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.raw).hexdigest()


# --------------------------------------------------------------------------------------------
# Reading a file


def read_path(path: Path, *, max_bytes: int = MAX_BYTES) -> Document:
    """Read one file into a :class:`Document`, or raise an InputError naming the problem."""
    label = str(path)
    info = _stat(path, label)
    _require_regular_file(path, info, label)
    if info.st_size > max_bytes:
        raise TooLarge(label, _too_large(info.st_size, max_bytes))
    raw = _read_at_most(path, label, max_bytes)
    uri = os.path.realpath(path)
    return document_from_bytes(raw, source=path.name, uri=uri, label=label, max_bytes=max_bytes)


def _stat(path: Path, label: str) -> os.stat_result:
    try:
        return path.stat()
    except FileNotFoundError as exc:
        if path.is_symlink():
            raise MissingInput(label, "is a broken symbolic link (its target does not exist)") from exc
        raise MissingInput(label, "no such file or folder") from exc
    except NotADirectoryError as exc:
        raise MissingInput(label, "no such file (a part of the path is not a folder)") from exc
    except ValueError as exc:  # an embedded NUL character
        raise MissingInput(label, "is not a valid file name") from exc
    except OSError as exc:
        raise UnreadableInput(label, f"cannot be read ({_reason(exc)})") from exc


def _require_regular_file(path: Path, info: os.stat_result, label: str) -> None:
    mode = info.st_mode
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        try:
            with os.scandir(path):
                pass
        except OSError as exc:
            raise UnreadableInput(label, f"is a folder that cannot be read ({_reason(exc)})") from exc
        raise NotAFile(label, "is a folder, not a file")
    if stat.S_ISFIFO(mode):
        kind = "a named pipe"
    elif stat.S_ISSOCK(mode):
        kind = "a socket"
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        kind = "a device"
    else:
        kind = "a special file"
    raise NotAFile(label, f"is not a regular file ({kind})")


def _read_at_most(path: Path, label: str, max_bytes: int) -> bytes:
    """Read the file, but never more than the limit (it may have grown since ``stat``)."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(max_bytes + 1)
    except OSError as exc:
        raise UnreadableInput(label, f"cannot be read ({_reason(exc)})") from exc
    if len(raw) > max_bytes:
        raise TooLarge(label, f"is too large (over {_megabytes(max_bytes)}, the limit)")
    return raw


def _reason(exc: OSError) -> str:
    return (exc.strerror or type(exc).__name__).lower()


def _megabytes(size: int) -> str:
    value = size / (1024 * 1024)
    return f"{value:.0f} MB" if value == int(value) else f"{value:.1f} MB"


def _too_large(size: int, limit: int) -> str:
    return f"is too large ({_megabytes(size)}; the limit is {_megabytes(limit)})"


# --------------------------------------------------------------------------------------------
# Bytes to a document


def document_from_bytes(
    raw: bytes,
    *,
    source: str,
    uri: str,
    label: str | None = None,
    max_bytes: int = MAX_BYTES,
    charset: str | None = None,
) -> Document:
    """Decode raw bytes into a Document (files, and pages, with the ``charset`` their HTTP header gave)."""
    label = label or source
    if len(raw) > max_bytes:
        raise TooLarge(label, _too_large(len(raw), max_bytes))
    if not raw:
        raise EmptyInput(label, "is empty")
    text, encoding = decode(raw, label, charset)
    if not text.strip(_BLANKS):
        problem = "is empty" if not text else "contains only white space"
        raise EmptyInput(label, problem)
    refuse_json(text, label)
    media_type = "text/html" if looks_like_html(text) else "text/plain"
    return Document(source=source, uri=uri, raw=raw, text=text, encoding=encoding, media_type=media_type)


# What a blank file may hold: white space of every kind, invisible characters, the BOM.
_BLANKS = " \t\n\r\f\v\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
_BLANKS += "\u2028\u2029\u202f\u205f\u3000\u0085\u200b\u200c\u200d\u2060\ufeff"


# --------------------------------------------------------------------------------------------
# Kinds of text and folders

# Keys every record ``cooptrack parse`` writes holds (the gold format's, plus the parser's own).
_RECORD_KEYS = frozenset({"mechanism", "meeting", "areas", "agreements", "parser_version"})


def refuse_json(text: str, label: str) -> None:
    """Refuse a JSON document: a record ``cooptrack parse`` wrote, a gold file, or other data.

    Only text that starts with ``{`` or ``[`` and parses whole as JSON is refused; a release that
    quotes a brace is not JSON. A record names the release it was parsed from, to ingest instead.
    """
    head = text.lstrip(_BLANKS)
    if not head.startswith(("{", "[")):
        return
    try:
        data = json.loads(head)
    except ValueError:
        return
    if isinstance(data, dict) and data.keys() >= _RECORD_KEYS:
        source = data.get("source")
        where = f" ({source})" if isinstance(source, str) and source else ""
        version = data.get("parser_version")
        raise NotARelease(
            label,
            f"is a record written by cooptrack parse {version}, not a release: ingest the release it was parsed "
            f"from{where}",
        )
    if isinstance(data, dict) and {"mechanism", "meeting", "areas"} <= data.keys():
        raise NotARelease(label, "is a record in the gold format (JSON), not a release: only releases are ingested")
    raise NotARelease(label, "is JSON data, not a release (text or HTML)")


_HTML_MARKERS = ("<body", "<p>", "<p ", "<div", "<br", "<span", "<table", "<head", "<title")


def looks_like_html(text: str) -> bool:
    """Whether decoded text is an HTML page (or fragment) rather than plain text."""
    head = text[:4096].lstrip(_BLANKS).lower()
    if head.startswith(("<!doctype html", "<html", "<?xml")):
        return True
    return sum(head.count(m) for m in _HTML_MARKERS) >= 2


def iter_paths(paths: Iterable[Path]) -> Iterator[Path]:
    """Expand folders into the files they hold; keep other paths as given.

    A folder yields its files in name order, then those of its subfolders, skipping hidden files and folders (a
    leading dot) and Office lock files (``~$``). A folder reached twice, through a symbolic link
    or a loop of them, is visited once. A subfolder that cannot be listed is yielded itself, so
    that :func:`read_path` reports it instead of it being skipped in silence.
    """
    for path in paths:
        try:
            is_dir = path.is_dir()
        except OSError:
            is_dir = False  # read_path will say what is wrong with it
        if is_dir:
            yield from _walk(path)
        else:
            yield path


def _walk(root: Path) -> Iterator[Path]:
    seen: set[tuple[int, int]] = set()
    stack: list[Path] = [root]
    while stack:
        folder = stack.pop()
        try:
            info = folder.stat()
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            yield folder
            continue
        if (info.st_dev, info.st_ino) in seen:
            continue
        seen.add((info.st_dev, info.st_ino))
        subfolders: list[Path] = []
        for entry in entries:
            if entry.name.startswith((".", "~$")):
                continue
            if _is_dir(entry):
                subfolders.append(Path(entry.path))
            else:
                yield Path(entry.path)
        stack.extend(reversed(subfolders))


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False
