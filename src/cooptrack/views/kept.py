"""What is worked out from every meeting, kept in the store for the next process that needs it.

Gathering the people named in every meeting into persons, and following every measure from
meeting to meeting into commitments, take seconds at 10,000 pages, and every process that shows
them did it again: each server process after a start or an ingest, each command. The first one to
work them out keeps them (a :class:`cooptrack.store.models.Digest`) under the part of the store's
stamp they depend on (the documents and users' corrections) and the fingerprint of the code that
worked them out (:mod:`cooptrack.fingerprint`); the next one reads them (a fraction of the time)
if the store is still in that state and the code the same. Kept only when the store did not
change while they were worked out, so that what is kept under a stamp is what that state of the
store gives; a row that cannot be read is worked out again.
"""

from __future__ import annotations

import json
import logging
import re
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, TypeVar

from cooptrack import fingerprint
from cooptrack.errors import StoreError
from cooptrack.knowledge import commitments as knowledge_commitments
from cooptrack.knowledge import people
from cooptrack.knowledge.commitments import Ledger
from cooptrack.store import Store
from cooptrack.store.models import Measure, Meeting
from cooptrack.views import queries

T = TypeVar("T")
_LOG = logging.getLogger("cooptrack.views")
VERSION = 2  # the shape of what is kept (the code's fingerprint is part of every key as well)


def keep(store: Store, what: str, write: Callable[[], None]) -> None:
    """``write()`` now, or in the store's writing thread (:meth:`.Store.keep_in_background`, a server
    process's); a store that cannot be written to is logged, never raised (what was worked out is the
    answer either way)."""

    def logged() -> None:
        try:
            write()
        except StoreError as exc:
            _LOG.warning("the %s were not kept: %s", what, exc)
        except Exception:  # in the writing thread nothing else would say it
            _LOG.exception("the %s were not kept", what)

    store.later(logged)


def encode(value: Any) -> bytes:
    """A plain JSON value, compressed, as kept."""
    return zlib.compress(json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str).encode(), 6)


def decode(body: bytes) -> Any:
    """What :func:`encode` kept; ValueError (or zlib.error) when it cannot be read."""
    return json.loads(zlib.decompress(body))


_CHUNK = 1 << 16  # compressed bytes decompressed at a time


def encode_lines(values: Iterable[Any]) -> bytes:
    """Plain JSON values, one a line, compressed, as kept: read back one at a time
    (:func:`decode_lines`)."""
    packer = zlib.compressobj(6)
    parts = [packer.compress(json.dumps(v, ensure_ascii=False, separators=(",", ":"), default=str).encode() + b"\n")
             for v in values]  # fmt: skip
    parts.append(packer.flush())
    return b"".join(parts)


def decode_lines(body: bytes) -> Iterator[Any]:
    """The values :func:`encode_lines` kept, a chunk of lines at a time, never all decoded at once:
    what is made of each can take the place of what was decoded before it (decoded whole, 80,000
    commitments or 20,000 persons left the process 15 MiB larger than building them afresh);
    ValueError (or zlib.error) when they cannot be read."""
    for lines in _chunks(body):  # decoded in one call (not one a line: 100,000 calls)
        yield from json.loads(b"[" + lines.replace(b"\n", b",") + b"]")


def _chunks(body: bytes) -> Iterator[bytes]:
    """What :func:`encode_lines` kept, as its whole lines a chunk at a time (still encoded)."""
    unpacker, rest = zlib.decompressobj(), b""
    for start in range(0, len(body), _CHUNK):
        lines, _, rest = (rest + unpacker.decompress(body[start : start + _CHUNK])).rpartition(b"\n")
        if lines:
            yield lines
    rest += unpacker.flush()
    if rest or not unpacker.eof:
        raise ValueError("the values kept are cut short")


def _lines_naming(body: bytes, texts: Iterable[str]) -> Iterator[tuple[int, Any]]:
    """Each line (its place, its value) of what :func:`encode_lines` kept that holds one of these
    texts as a JSON string of its own; only those lines are decoded (a meeting's page looks up a
    few keys among 100,000)."""
    needles = sorted({json.dumps(t, ensure_ascii=False).encode() for t in texts}, key=len, reverse=True)
    if not needles:
        return
    pattern = re.compile(b"|".join(map(re.escape, needles)))
    place = 0
    for chunk in _chunks(body):
        done = -1  # where the last line decoded ends
        for found in pattern.finditer(chunk):
            if found.start() < done:
                continue  # in a line decoded already
            start = chunk.rfind(b"\n", 0, found.start()) + 1
            end = chunk.find(b"\n", found.end())
            done = len(chunk) if end < 0 else end
            yield place + chunk.count(b"\n", 0, start), json.loads(chunk[start:done])
        place += chunk.count(b"\n") + 1


def _tag(stamp: object) -> str | None:
    """The part of a stamp people and commitments depend on (the documents, users' corrections), as
    kept; None without one."""
    documents, correction = getattr(stamp, "documents", None), getattr(stamp, "correction", None)
    return None if documents is None else encode_tag([VERSION, fingerprint.code(), *documents, correction])


def encode_tag(parts: Sequence[object]) -> str:
    return json.dumps(list(parts), default=str)


def all_people(
    store: Store, stamp: object, meetings: Sequence[Meeting], by_slug: Callable[[], Mapping[str, Meeting]]
) -> list[people.PersonRecord]:
    """Everyone named in ``meetings`` (the store at ``stamp``), gathered into persons
    (:func:`.queries.all_people`): read as kept for this state of the store, else worked out and kept."""
    return _kept(
        store, "people", stamp,
        lambda: queries.all_people(store, meetings), people.as_rows,
        lambda rows: people.from_rows(rows, by_slug()),
    )  # fmt: skip


def commitments(
    store: Store,
    stamp: object,
    build: Callable[[], Ledger],
    measures: Callable[[], Mapping[str, Measure]],
    meeting_of: Callable[[], Mapping[str, Meeting]],
) -> Ledger:
    """Every commitment (``build()``: :func:`.ledger.ledger`) of the store at ``stamp``: read as kept
    for this state of the store, its appearances these measures at these meetings, else built and kept."""
    return _kept(
        store, "commitments", stamp, build, knowledge_commitments.as_rows,
        lambda rows: knowledge_commitments.from_rows(rows, measures(), meeting_of()),
    )  # fmt: skip


def _read(store: Store, name: str, stamp: object) -> bytes | None:
    """What was kept as ``name`` for this state of the store, if anything (None: work it out)."""
    tag = _tag(stamp)
    if tag is None:
        return None
    try:
        return store.digest(name, tag)
    except StoreError as exc:
        _LOG.warning("could not read the %s kept: %s", name, exc)
        return None


def groups_of(store: Store, stamp: object, keys: Iterable[str]) -> list[list[str]] | None:
    """The commitments that hold any of these measures and appear at more than one meeting, each
    as its appearances' keys in order (what :meth:`.Tracking.shared` shares a status across), read
    from the commitments kept for the store at ``stamp``; None when none are kept for it or they
    cannot be read."""
    wanted = set(keys)
    body = _read(store, "commitments", stamp)
    if body is None:
        return None
    try:
        groups = ([str(a[0]) for a in row[4]] for at, row in _lines_naming(body, wanted) if at > 0)  # 0: decisions
        return [g for g in groups if len(g) > 1 and not wanted.isdisjoint(g)]
    except (KeyError, IndexError, ValueError, TypeError, zlib.error) as exc:
        _LOG.warning("the commitments kept could not be read (%r)", exc)
        return None


def people_at(store: Store, stamp: object, slug: str) -> dict[tuple[str, tuple[int, int] | None], str] | None:
    """The page of each person named at the meeting ``slug``, by their name and span there (as
    :meth:`.Data.people_at` gives them), read from the people kept for the store at ``stamp``;
    None when none are kept for it or they cannot be read."""
    body = _read(store, "people", stamp)
    if body is None:
        return None
    out: dict[tuple[str, tuple[int, int] | None], str] = {}
    try:
        for _, (pid, *_rest, appearances) in _lines_naming(body, [slug]):
            for name, _honorific, _post, _side, _roles, at, span, _signed in appearances:
                if at == slug:
                    out[(name, (span[0], span[1]) if span else None)] = f"/people/{pid}"
    except (KeyError, IndexError, ValueError, TypeError, zlib.error) as exc:
        _LOG.warning("the people kept could not be read (%r)", exc)
        return None
    return out


def _kept(
    store: Store,
    name: str,
    stamp: object,
    work: Callable[[], T],
    as_rows: Callable[[T], Iterable[Any]],
    from_rows: Callable[[Iterator[Any]], T],
) -> T:
    tag = _tag(stamp)
    body = _read(store, name, stamp)
    if body is not None:
        try:
            return from_rows(decode_lines(body))
        except (KeyError, IndexError, ValueError, TypeError, zlib.error) as exc:
            _LOG.warning("the %s kept could not be read (%r): working them out again", name, exc)
    found = work()
    if tag is not None:
        rows = list(as_rows(found))  # taken now: what is kept is what was worked out for this state

        def write() -> None:
            if _tag(store.stamp()) == tag:  # the store did not change meanwhile
                store.keep_digest(name, tag, encode_lines(rows))

        keep(store, name, write)
    return found
