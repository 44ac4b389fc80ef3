"""Acquire: every kind of bad input gives one line naming the file; good text decodes right.

All files are written by the tests into a temporary folder; the text in them is synthetic.
"""

from __future__ import annotations

import gzip
import io
import os
import socket
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from cooptrack.acquire import Document, iter_paths, read_path
from cooptrack.acquire import files as acquire_files
from cooptrack.errors import (
    BinaryInput,
    EmptyInput,
    InputError,
    MissingInput,
    NotAFile,
    TooLarge,
    UndecodableInput,
    UnreadableInput,
)

# Synthetic release text in the styles the readers meet.
ENGLISH = (
    "Hong Kong/Hubei Co-operation Conference held in Wuhan\n\n"
    "     The Chief Secretary for Administration said, \u201cThe two places\u2019 co-operation "
    "will open new markets.\u201d The plenary was held today (October 16).\n"
)
TRADITIONAL = (
    "香港／湖北合作會議第三次全體會議在武漢舉行\n"
    "政務司司長今日在武漢與湖北省常務副省長共同主持會議，雙方同意在金融、創新科技及青年交流等六個範疇加強合作。\n"
)
SIMPLIFIED = (
    "香港／山东合作会议第二次全体会议在济南举行\n"
    "财政司司长今日在济南与山东省省长共同主持会议，双方同意在港口物流、中医药及青年交流等八个范畴加强合作。\n"
)


def _write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def _error(path: Path, kind: type[InputError] = InputError) -> InputError:
    with pytest.raises(kind) as caught:
        read_path(path)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(str(path).replace("\n", "\\n") + ": ")
    return caught.value


# --------------------------------------------------------------------------------------------
# Files that are not there, or not files


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    assert str(_error(path, MissingInput)) == f"{path}: no such file or folder"


def test_broken_symbolic_link(tmp_path: Path) -> None:
    path = tmp_path / "link.txt"
    path.symlink_to(tmp_path / "gone.txt")
    assert str(_error(path, MissingInput)) == f"{path}: is a broken symbolic link (its target does not exist)"


def test_symbolic_link_loop(tmp_path: Path) -> None:
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.symlink_to(second)
    second.symlink_to(first)
    assert "symbolic links" in _error(first, UnreadableInput).problem


def test_path_through_a_file(tmp_path: Path) -> None:
    parent = _write(tmp_path, "release.txt", ENGLISH.encode())
    _error(parent / "child.txt", MissingInput)


def test_directory(tmp_path: Path) -> None:
    folder = tmp_path / "releases"
    folder.mkdir()
    assert str(_error(folder, NotAFile)) == f"{folder}: is a folder, not a file"


def test_named_pipe_is_refused_without_reading(tmp_path: Path) -> None:
    pipe = tmp_path / "feed.txt"
    os.mkfifo(pipe)
    assert str(_error(pipe, NotAFile)) == f"{pipe}: is not a regular file (a named pipe)"


def test_socket_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        assert str(_error(path, NotAFile)) == f"{path}: is not a regular file (a socket)"


def test_permission_refused_by_the_system(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write(tmp_path, "secret.txt", ENGLISH.encode())

    def refuse(self: Path, *args: object, **kwargs: object) -> io.BufferedReader:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "open", refuse)
    assert str(_error(path, UnreadableInput)) == f"{path}: cannot be read (permission denied)"


# --------------------------------------------------------------------------------------------
# Size


def test_too_large_is_refused_from_stat_without_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(21 * 1024 * 1024)  # sparse: big on paper, nothing written

    def must_not_open(self: Path, *args: object, **kwargs: object) -> io.BufferedReader:
        raise AssertionError("the file was opened")

    monkeypatch.setattr(Path, "open", must_not_open)
    error = _error(path, TooLarge)
    assert str(error) == f"{path}: is too large (21 MB; the limit is 20 MB)"


def test_size_limit_can_be_lowered(tmp_path: Path) -> None:
    path = _write(tmp_path, "release.txt", ENGLISH.encode())
    with pytest.raises(TooLarge, match=r"release\.txt: is too large"):
        read_path(path, max_bytes=10)


def test_file_at_the_limit_is_read(tmp_path: Path) -> None:
    data = ENGLISH.encode()
    assert read_path(_write(tmp_path, "release.txt", data), max_bytes=len(data)).text == ENGLISH


# --------------------------------------------------------------------------------------------
# Empty and binary content


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        pytest.param(b"", "is empty", id="empty"),
        pytest.param(b"   \n\t\r\n  ", "contains only white space", id="ascii-spaces"),
        pytest.param("\u00a0\u3000\u200b\n".encode(), "contains only white space", id="unicode-spaces"),
        pytest.param(b"\xef\xbb\xbf", "is empty", id="utf8-bom-only"),
        pytest.param("\ufeff  \n".encode("utf-16"), "contains only white space", id="utf16-spaces"),
    ],
)
def test_empty_input(tmp_path: Path, data: bytes, problem: str) -> None:
    path = _write(tmp_path, "blank.txt", data)
    assert str(_error(path, EmptyInput)) == f"{path}: {problem}"


def _zip(member: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(member, "<w:document/>")
    return buffer.getvalue()


BINARIES = [
    pytest.param(
        "notes.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\n", "a PDF document", id="pdf"
    ),
    pytest.param("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(20), "a PNG image", id="png"),
    pytest.param("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(40), "a JPEG image", id="jpeg"),
    pytest.param("anim.gif", b"GIF89a\x01\x00\x01\x00\x80\x00\x00", "a GIF image", id="gif"),
    pytest.param("photo.webp", b"RIFF\x24\x00\x00\x00WEBPVP8 ", "a WebP image", id="webp"),
    pytest.param("bundle.zip", _zip("release.txt"), "a ZIP archive", id="zip"),
    pytest.param("release.docx", _zip("word/document.xml"), "a Word document", id="docx"),
    pytest.param("release.txt.gz", gzip.compress(ENGLISH.encode()), "a gzip archive", id="gzip"),
    pytest.param(
        "release.doc",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64),
        "an old-style Microsoft Office document",
        id="doc",
    ),
    pytest.param("release.rtf", b"{\\rtf1\\ansi Hong Kong/Hubei}", "an RTF document", id="rtf"),
    pytest.param("tool", b"\x7fELF\x02\x01\x01" + bytes(50), "a program", id="elf"),
    pytest.param("clip.mp4", b"\x00\x00\x00\x18ftypmp42" + bytes(20), "a video or audio file", id="mp4"),
    pytest.param(
        "notes.txt", ENGLISH.encode()[:40] + b"\x00" + ENGLISH.encode(), "it contains NUL bytes", id="nul-bytes"
    ),
    pytest.param("noise.bin", bytes(range(1, 32)) * 20, "binary content", id="control-bytes"),
]


@pytest.mark.parametrize(("name", "data", "kind"), BINARIES)
def test_binary_input_is_named(tmp_path: Path, name: str, data: bytes, kind: str) -> None:
    path = _write(tmp_path, name, data)
    assert str(_error(path, BinaryInput)) == f"{path}: is not text ({kind})"


def test_binary_behind_a_byte_order_mark(tmp_path: Path) -> None:
    path = _write(tmp_path, "odd.txt", b"\xff\xfe" + b"\x01\x00\x02\x00\x03\x00" * 40)
    assert str(_error(path, BinaryInput)) == f"{path}: is not text (binary content)"


def test_bad_utf16_after_its_byte_order_mark(tmp_path: Path) -> None:
    path = _write(tmp_path, "odd.txt", b"\xff\xfe" + "Hong Kong".encode("utf-16-le") + b"\x00\xd8")
    assert (
        str(_error(path, UndecodableInput)) == f"{path}: starts with a UTF-16 byte-order mark but is not valid UTF-16"
    )


def test_unrecognisable_encoding(tmp_path: Path) -> None:
    path = _write(tmp_path, "mystery.txt", bytes(range(0x80, 0x100)) * 8)
    message = f"{path}: is not UTF-8, and its text encoding could not be recognised"
    assert str(_error(path, UndecodableInput)) == message


# --------------------------------------------------------------------------------------------
# Encodings


@pytest.mark.parametrize(
    ("text", "codec", "encoding"),
    [
        pytest.param(ENGLISH, "utf-8", "utf-8", id="utf-8"),
        pytest.param(ENGLISH, "utf-8-sig", "utf-8-sig", id="utf-8-bom"),
        pytest.param(ENGLISH, "cp1252", "cp1252", id="cp1252-curly-quotes"),
        pytest.param("Caf\u00e9 \u2013 \u201cGreater Bay Area\u201d \u00a312\n", "cp1252", "cp1252", id="cp1252-short"),
        pytest.param(TRADITIONAL, "big5", "big5", id="big5"),
        pytest.param(SIMPLIFIED, "gb18030", "gb18030", id="gb18030"),
        pytest.param(TRADITIONAL + ENGLISH, "utf-16", "utf-16", id="utf-16-bom"),
        pytest.param(ENGLISH, "utf-16-be", "utf-16-be", id="utf-16-be-no-bom"),
        pytest.param(ENGLISH, "utf-16-le", "utf-16-le", id="utf-16-le-no-bom"),
        pytest.param(ENGLISH + TRADITIONAL, "utf-32", "utf-32", id="utf-32-bom"),
    ],
)
def test_text_decodes_to_the_right_characters(tmp_path: Path, text: str, codec: str, encoding: str) -> None:
    doc = read_path(_write(tmp_path, "release.txt", text.encode(codec)))  # "-le"/"-be": no BOM
    assert doc.text == text
    assert doc.encoding == encoding


def test_cp1252_curly_quotes_are_quotes(tmp_path: Path) -> None:
    doc = read_path(_write(tmp_path, "release.txt", b"He said, \x93We agree.\x94 It\x92s done.\n"))
    assert doc.text == "He said, \u201cWe agree.\u201d It\u2019s done.\n"


def test_big5_short_title_with_english(tmp_path: Path) -> None:
    text = "Hong Kong/Hubei Co-operation Conference 香港／湖北合作會議\n"
    assert read_path(_write(tmp_path, "title.txt", text.encode("big5"))).text == text


def test_utf8_with_a_stray_windows_byte_is_mended(tmp_path: Path) -> None:
    data = "Hong Kong\u2019s \u201cpartner\u201d ".encode() + b"Hubei\x92s view\n"
    doc = read_path(_write(tmp_path, "release.txt", data))
    assert doc.text == "Hong Kong\u2019s \u201cpartner\u201d Hubei\u2019s view\n"
    assert doc.encoding.startswith("utf-8")


def test_html_declared_charset_is_honoured(tmp_path: Path) -> None:
    page = '<html><head><meta charset="big5"><title>會議</title></head><body><p>湖北</p></body></html>'
    doc = read_path(_write(tmp_path, "page.htm", page.encode("big5")))
    assert doc.text == page
    assert doc.media_type == "text/html"


# --------------------------------------------------------------------------------------------
# The document


def test_document_records_where_it_came_from(tmp_path: Path) -> None:
    path = _write(tmp_path, "release.txt", ENGLISH.encode())
    doc = read_path(path)
    assert isinstance(doc, Document)
    assert doc.source == "release.txt"
    assert doc.uri == str(path.resolve())
    assert doc.raw == ENGLISH.encode()
    assert doc.media_type == "text/plain"
    assert len(doc.sha256) == 64


def test_html_is_recognised(tmp_path: Path) -> None:
    doc = read_path(_write(tmp_path, "page.htm", b"<!DOCTYPE html><html><body><p>x</p></body></html>"))
    assert doc.media_type == "text/html"


def test_message_stays_on_one_line_whatever_the_file_name(tmp_path: Path) -> None:
    path = _write(tmp_path, "two\nlines.txt", b"")
    error = _error(path, EmptyInput)
    assert str(error).endswith("two\\nlines.txt: is empty")


# --------------------------------------------------------------------------------------------
# Folders


@pytest.fixture
def mixed_folder(tmp_path: Path) -> Iterator[Path]:
    """A folder of good releases, bad files, hidden files and a symbolic-link loop."""
    root = tmp_path / "inbox"
    _write(root, "a_release.txt", ENGLISH.encode())
    _write(root, "b_page.htm", b"<html><body><p>Hong Kong/Hubei</p></body></html>")
    _write(root, "c_big5.txt", TRADITIONAL.encode("big5"))
    _write(root, "sub/d_release.txt", ENGLISH.encode("cp1252"))
    _write(root, "empty.txt", b"")
    _write(root, "scan.pdf", b"%PDF-1.4\n")
    _write(root, "photo.png", b"\x89PNG\r\n\x1a\n" + bytes(16))
    _write(root, ".DS_Store", b"\x00\x00\x00\x01Bud1")
    _write(root, ".git/HEAD", b"ref: refs/heads/main\n")
    _write(root, "~$draft.txt", b"lock")
    (root / "sub" / "loop").symlink_to(root, target_is_directory=True)
    (root / "sub" / "self").symlink_to(root / "sub", target_is_directory=True)
    (root / "gone.txt").symlink_to(root / "nowhere.txt")
    yield root


def _read_all(paths: list[Path]) -> tuple[list[Document], list[str]]:
    docs: list[Document] = []
    errors: list[str] = []
    for path in iter_paths(paths):
        try:
            docs.append(read_path(path))
        except InputError as exc:
            errors.append(str(exc))
    return docs, errors


def test_mixed_folder_yields_the_good_files_and_names_the_bad(mixed_folder: Path) -> None:
    docs, errors = _read_all([mixed_folder])
    assert sorted(d.source for d in docs) == ["a_release.txt", "b_page.htm", "c_big5.txt", "d_release.txt"]
    assert {d.source: d.text for d in docs}["c_big5.txt"] == TRADITIONAL
    assert sorted(errors) == [
        f"{mixed_folder / 'empty.txt'}: is empty",
        f"{mixed_folder / 'gone.txt'}: is a broken symbolic link (its target does not exist)",
        f"{mixed_folder / 'photo.png'}: is not text (a PNG image)",
        f"{mixed_folder / 'scan.pdf'}: is not text (a PDF document)",
    ]


def test_folder_expansion_skips_hidden_files_and_ends_despite_link_loops(mixed_folder: Path) -> None:
    paths = list(iter_paths([mixed_folder]))
    names = [p.relative_to(mixed_folder).as_posix() for p in paths]
    assert not any(part.startswith((".", "~$")) for name in names for part in name.split("/"))
    assert names == [
        "a_release.txt",
        "b_page.htm",
        "c_big5.txt",
        "empty.txt",
        "gone.txt",
        "photo.png",
        "scan.pdf",
        "sub/d_release.txt",
    ]


def test_explicit_paths_are_kept_as_given(mixed_folder: Path) -> None:
    hidden, missing = mixed_folder / ".DS_Store", mixed_folder / "missing.txt"
    assert list(iter_paths([hidden, missing])) == [hidden, missing]


def test_unlistable_subfolder_is_reported_not_skipped(mixed_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_scandir = os.scandir
    locked = mixed_folder / "sub"

    def scandir(path: Path) -> object:
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(acquire_files.os, "scandir", scandir)
    assert locked in list(iter_paths([mixed_folder]))
    with pytest.raises(UnreadableInput) as caught:
        read_path(locked)
    assert str(caught.value) == f"{locked}: is a folder that cannot be read (permission denied)"
