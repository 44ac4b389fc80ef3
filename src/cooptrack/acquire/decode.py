"""Bytes to text: refuse binary content, find the encoding, decode.

In order: a byte-order mark (UTF-8, UTF-16, UTF-32); UTF-16 without one (every other byte
zero); refusal of binary content (known file signatures, named for the user, then NUL bytes and
control characters); the charset of the HTTP ``Content-Type`` header, when the page came over
HTTP with one and the bytes decode under it (a Western single-byte label, often a server's
default, does not outrank bytes that are valid UTF-8); UTF-8, mending a few stray Windows-1252
bytes in otherwise valid UTF-8; the charset an HTML page or XML declaration names; Windows-1252
for Western text whose non-ASCII bytes stand alone (curly quotes, accents); and otherwise the
encoding ``charset-normalizer`` finds, preferring Windows-1252 and the Chinese sets (Big5,
GB18030) when another reading is about as likely, since the releases are in English or Chinese.
Narrow charsets are read as their usual supersets (ASCII and Latin-1 as Windows-1252, GB2312
and GBK as GB18030).
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable

from cooptrack.errors import BinaryInput, UndecodableInput

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(raw: bytes, label: str, charset: str | None = None) -> tuple[str, str]:
    """Decode bytes into text and name the encoding used; refuse binary data.

    ``charset`` is what the HTTP ``Content-Type`` header said (:func:`http_charset`), if anything.
    """
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return _checked(_decode_strictly(raw, encoding, label), label), encoding
    utf16 = _bomless_utf16(raw)
    if utf16 is not None:
        return _checked(utf16[0], label), utf16[1]
    _refuse_binary(raw, label)
    sent = _sent(raw, charset) if charset else None
    if sent is not None:
        return sent
    for attempt in (_utf8, _declared, _western):
        found = attempt(raw)
        if found is not None:
            return found
    found = _detected(raw)
    if found is None:
        raise UndecodableInput(label, "is not UTF-8, and its text encoding could not be recognised")
    return found


def _decode_strictly(raw: bytes, encoding: str, label: str) -> str:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        name = encoding.removesuffix("-sig").upper()
        raise UndecodableInput(label, f"starts with a {name} byte-order mark but is not valid {name}") from exc


def _checked(text: str, label: str) -> str:
    """Refuse text that decoded but is mostly control characters (binary behind a BOM)."""
    if "\x00" in text or _control_share(text[:8192]) > 0.05:
        raise BinaryInput(label, "is not text (binary content)")
    return text


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    controls = sum(1 for ch in text if ch < "\x20" and ch not in "\t\n\r\f\v\x1a\x1b")
    return controls / len(text)


def _bomless_utf16(raw: bytes) -> tuple[str, str] | None:
    """UTF-16 without a byte-order mark: mostly-Latin text has a zero in every other byte."""
    head = raw[:4096]
    if len(head) < 8 or len(raw) % 2:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    half = len(head) // 2
    if odd > 0.7 * half and even < 0.05 * half:
        encoding = "utf-16-le"
    elif even > 0.7 * half and odd < 0.05 * half:
        encoding = "utf-16-be"
    else:
        return None
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError:
        return None
    if "\x00" in text or _control_share(text[:4096]) > 0.01:
        return None
    return text, encoding


# --------------------------------------------------------------------------------------------
# Binary content

# File signatures, checked at the start of the file, with the plain name given to the user.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"PK\x05\x06", "a ZIP archive"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"BZh9", "a bzip2 archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old-style Microsoft Office document"),
    (b"{\\rtf", "an RTF document"),
    (b"\x7fELF", "a program"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"ID3", "an MP3 audio file"),
    (b"OggS", "an Ogg audio or video file"),
    (b"wOFF", "a web font"),
    (b"wOF2", "a web font"),
)
_RIFF_KINDS = {b"WEBP": "a WebP image", b"WAVE": "a WAV audio file", b"AVI ": "an AVI video"}
_OFFICE_PARTS = ((b"word/", "a Word document"), (b"xl/", "an Excel workbook"), (b"ppt/", "a PowerPoint file"))


# the bytes that are not control characters (tab, new lines, form feed, SUB, ESC and text): deleted,
# what is left of a head is its control characters, counted in one step
_NOT_CONTROL = bytes(b for b in range(256) if not (b < 9 or (13 < b < 32 and b not in (26, 27))))


def _refuse_binary(raw: bytes, label: str) -> None:
    kind = _file_kind(raw[:8192])
    if kind is not None:
        raise BinaryInput(label, f"is not text ({kind})")
    if b"\x00" in raw:
        raise BinaryInput(label, "is not text (it contains NUL bytes)")
    head = raw[:8192]
    controls = len(head.translate(None, _NOT_CONTROL))
    if controls > len(head) * 0.05:
        raise BinaryInput(label, "is not text (binary content)")


def _file_kind(head: bytes) -> str | None:
    """Name a binary format from its signature, or None."""
    for signature, kind in _SIGNATURES:
        if head.startswith(signature):
            if kind == "a ZIP archive":
                return next((name for part, name in _OFFICE_PARTS if part in head), kind)
            return kind
    if head.startswith(b"RIFF") and head[8:12] in _RIFF_KINDS:
        return _RIFF_KINDS[head[8:12]]
    if head[4:8] == b"ftyp":
        return "an image (HEIC)" if head[8:12] in (b"heic", b"heix", b"mif1") else "a video or audio file"
    return None


# --------------------------------------------------------------------------------------------
# Text encodings

_STRAY_BYTE = re.compile("[\udc80-\udcff]")


def _utf8(raw: bytes) -> tuple[str, str] | None:
    """UTF-8; or UTF-8 with a few stray Windows-1252 bytes (a pasted curly quote), mended."""
    text = raw.decode("utf-8", "surrogateescape")
    stray = len(_STRAY_BYTE.findall(text))
    if not stray:
        return text, "utf-8"
    beyond_ascii = len(text) - len(text.encode("ascii", "ignore")) - stray  # decoded well
    if beyond_ascii < stray:
        return None
    return _STRAY_BYTE.sub(_cp1252_char, text), "utf-8 (with stray windows-1252 bytes)"


def _cp1252_char(match: re.Match[str]) -> str:
    return bytes([ord(match.group()) - 0xDC00]).decode("cp1252", "replace")


_DECLARED = re.compile(
    rb"""<meta[^>]{0,300}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})"""
    rb"""|<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.:-]{1,40})""",
    re.IGNORECASE,
)
# Labels that name a narrower charset than the one actually written, as browsers read them, and
# the supersets to try when the named one fails (Big5 files are often Microsoft's or HKSCS).
_WIDER: dict[str, tuple[str, ...]] = {
    "ascii": ("cp1252",),
    "latin_1": ("cp1252",),
    "iso8859_1": ("cp1252",),
    "gb2312": ("gb18030",),
    "gbk": ("gb18030",),
    "big5": ("big5", "cp950", "big5hkscs"),
}


def _variants(names: Iterable[str]) -> list[str]:
    """Codec names to try, in order, for the charsets named: supersets in place of subsets."""
    out: list[str] = []
    for name in names:
        out.extend(_WIDER.get(name, (name,)))
    return list(dict.fromkeys(out))


_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE)


def http_charset(content_type: str | None) -> str | None:
    """The ``charset`` parameter of a ``Content-Type`` header (``text/html; charset=Big5``), or None."""
    found = _CHARSET.search(content_type or "")
    return found.group(1) if found else None


def _sent(raw: bytes, charset: str) -> tuple[str, str] | None:
    """The bytes decoded as the HTTP header's charset says, when they are that."""
    try:
        name = codecs.lookup(charset).name.replace("-", "_")
    except LookupError:
        return None
    if name.startswith(("utf_16", "utf_32")):
        return None  # without a BOM (checked before), a guess
    if name in ("ascii", "latin_1", "iso8859_1", "cp1252") and _utf8(raw) is not None:
        return None  # a server's default label over a UTF-8 page: the bytes win
    for encoding in _variants([name]):
        text = _try_decode(raw, encoding)
        if text is not None:
            return text, encoding
    return None


def _declared(raw: bytes) -> tuple[str, str] | None:
    """The charset an HTML page or XML declaration names, when the bytes agree with it."""
    match = _DECLARED.search(raw[:4096])
    if match is None:
        return None
    label = (match.group(1) or match.group(2)).decode("ascii").lower()
    try:
        name = codecs.lookup(label).name.replace("-", "_")
    except LookupError:
        return None
    if name.startswith(("utf_16", "utf_32", "utf_8")):
        return None  # a page that says UTF-16 is not (it would have a BOM); UTF-8 failed already
    for encoding in _variants([name]):
        text = _try_decode(raw, encoding)
        if text is not None:
            return text, encoding
    return None


_ADJACENT_HIGH = re.compile(rb"[\x80-\xff]{2}")


def _western(raw: bytes) -> tuple[str, str] | None:
    """Windows-1252 when every non-ASCII byte stands alone, as curly quotes and accents do.

    Chinese double-byte encodings put non-ASCII bytes side by side, so they are not taken here.
    """
    if _ADJACENT_HIGH.search(raw):
        return None
    text = _try_decode(raw, "cp1252")
    return None if text is None else (text, "cp1252")


# The releases are in English or Chinese: when another reading is found about as likely (a short
# Big5 line can pass for Shift_JIS), one of these is preferred.
_LIKELY = frozenset({"cp1252", "big5", "big5hkscs", "cp950", "gb18030", "gbk", "gb2312"})
_AS_LIKELY = 0.1  # difference in charset-normalizer's "chaos" (share of odd characters)


def _detected(raw: bytes) -> tuple[str, str] | None:
    """The encoding charset-normalizer finds, preferring Windows-1252 and the Chinese sets."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(raw))
    if not matches:
        return None
    best = matches[0].chaos
    likely = [m for m in matches if m.chaos <= best + _AS_LIKELY and _LIKELY & set(m.could_be_from_charset)]
    for match in likely + matches:
        candidates = [str(e) for e in match.could_be_from_charset] or [str(match.encoding)]
        if "cp1252" in candidates:
            candidates.insert(0, "cp1252")
        for encoding in _variants(candidates):
            if encoding.startswith(("utf_16", "utf_32")):
                continue  # without a BOM or zero bytes these are guesses on too little evidence
            text = _try_decode(raw, encoding)
            if text is not None:
                return text, encoding
    return None


def _try_decode(raw: bytes, encoding: str) -> str | None:
    try:
        return raw.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None
