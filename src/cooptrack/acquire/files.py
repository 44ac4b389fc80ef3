"""Read documents from disk: size and binary checks, encoding detection, provenance."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from cooptrack.errors import BinaryInput, EmptyInput, InputError, TooLarge, UndecodableInput

MAX_BYTES = 20 * 1024 * 1024
SUFFIXES = frozenset({".txt", ".htm", ".html", ".text", ""})


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


def read_path(path: Path, *, max_bytes: int = MAX_BYTES) -> Document:
    """Read one file into a :class:`Document`, or raise an InputError naming the problem."""
    name = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise TooLarge(name, f"too large ({size / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.0f} MB)")
        raw = path.read_bytes()
    except InputError:
        raise
    except IsADirectoryError as exc:
        raise InputError(name, "is a directory") from exc
    except FileNotFoundError as exc:
        raise InputError(name, "no such file") from exc
    except OSError as exc:
        raise InputError(name, f"cannot be read ({exc.strerror or exc})") from exc
    return document_from_bytes(raw, source=path.name, uri=str(path.resolve()), label=name)


def document_from_bytes(raw: bytes, *, source: str, uri: str, label: str | None = None) -> Document:
    """Decode raw bytes into a Document (shared by files and, later, URLs)."""
    label = label or source
    if not raw.strip():
        raise EmptyInput(label, "is empty")
    text, encoding = decode(raw, label)
    if not text.strip():
        raise EmptyInput(label, "contains only white space")
    media_type = "text/html" if looks_like_html(text) else "text/plain"
    return Document(source=source, uri=uri, raw=raw, text=text, encoding=encoding, media_type=media_type)


_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def decode(raw: bytes, label: str) -> tuple[str, str]:
    """Decode bytes: BOM, then UTF-8, then a detected encoding; refuse binary data."""
    for bom, enc in _BOMS:
        if raw.startswith(bom):
            return raw.decode(enc), enc
    if _is_binary(raw):
        raise BinaryInput(label, "is not text (binary content)")
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is None:
        raise UndecodableInput(label, "is not in any text encoding that could be recognised")
    return str(best), str(best.encoding)


_MAGIC = (b"%PDF", b"PK\x03\x04", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"\x7fELF", b"\x1f\x8b")


def _is_binary(raw: bytes) -> bool:
    head = raw[:8192]
    if head.startswith(_MAGIC):
        return True
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls > len(head) * 0.05


def looks_like_html(text: str) -> bool:
    head = text[:4096].lstrip().lower()
    if head.startswith(("<!doctype html", "<html", "<?xml")):
        return True
    markers = ("<body", "<p>", "<p ", "<div", "<br", "<span", "<table", "<head")
    return sum(head.count(m) for m in markers) >= 2


def iter_paths(paths: Iterable[Path]) -> Iterator[Path]:
    """Expand folders (recursively, sorted) into the files they hold; keep files as given."""
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and not child.name.startswith("."):
                    yield child
        else:
            yield path
