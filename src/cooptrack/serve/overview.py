"""The overview page's content: worked out once for a state of the store, and kept in the store.

What the overview shows spans every meeting (the counts, the heatmap, the timeline, the
mechanisms): working it out needs the server's whole view of the store (every meeting, the
commitments, the people), seconds at 10,000 pages. So it is kept as a :class:`.models.Digest`
under the store's stamp, one per language (the charts' words): written by ``cooptrack ingest`` and
``reparse`` when they end (:func:`keep_all`), by ``cooptrack db upgrade`` when this code has not
kept it yet (an upgrade: what earlier code kept is never read), and by the first server process
that had to work it out (:func:`kept`), read by every other process that finds the store in that
state: a server started again, a second worker, the first overview after an ingest. What depends
on the day (the commitments with no news for a year) is kept as what it is counted from, and
counted per request.

Imported by the CLI (after an ingest): no route, no FastAPI here.
"""

from __future__ import annotations

import datetime as dt
import logging
import zlib
from collections.abc import Callable
from typing import Any

from markupsafe import Markup

from cooptrack import fingerprint
from cooptrack.errors import StoreError
from cooptrack.knowledge import series
from cooptrack.serve import charts, i18n
from cooptrack.store import Store
from cooptrack.views import service as views
from cooptrack.views.kept import decode as kept_decode
from cooptrack.views.kept import encode as kept_encode
from cooptrack.views.kept import encode_tag, keep
from cooptrack.views.service import Data

_LOG = logging.getLogger("cooptrack.serve")
UNDATED_SHOWN = 20  # the overview names at most this many meetings of no known year
VERSION = 1  # the shape of what is kept (the code's fingerprint is part of every key as well)


def digest(d: Data, language: str) -> dict[str, Any]:
    """What the overview shows of ``d``, with the charts' words in ``language``: plain JSON."""
    mx = series.matrix(d.mechanisms, latest=False, counted=d.ledger.counted)  # a commitment once, not per meeting
    entries = series.timeline(d.mechanisms)
    with i18n.speaking(language):  # the charts' titles and labels
        heatmap = str(charts.heatmap(mx))
        timeline = str(charts.timeline(entries, {m.name: views.mechanism_slug(m) for m in d.mechanisms}))
    undated = [e.meeting.slug for e in entries if e.years is None]
    counts, stale = views.overview_parts(d)
    return {
        "counts": counts,
        "stale": stale,
        "heatmap": heatmap,
        "matrix": views.matrix_json(mx),
        "timeline": timeline,
        "since": charts.timeline_since(entries),
        "undated": undated[:UNDATED_SHOWN],
        "undated_more": max(0, len(undated) - UNDATED_SHOWN),
        "mechanisms": [views.mechanism_row(m) for m in d.mechanisms],
    }


def shown(found: dict[str, Any], today: dt.date) -> dict[str, Any]:
    """The template's arguments from a digest, on ``today``."""
    out = {k: v for k, v in found.items() if k != "stale"}
    out["counts"] = counts(found, today)
    out["cells"] = {(c["partner"], c["theme"]): c["measures"] for c in found["matrix"]["counts"]}  # looked up
    out["heatmap"], out["timeline"] = Markup(found["heatmap"]), Markup(found["timeline"])
    return out


def counts(found: dict[str, Any], today: dt.date) -> dict[str, Any]:
    """The counts of a digest on ``today`` (:func:`cooptrack.views.service.overview`'s)."""
    return {**found["counts"], "stale": views.stale_on(found["stale"], today)}


def name(language: str) -> str:
    return f"overview:{language}"


def stamp_text(stamp: tuple[object, ...]) -> str:
    """A stamp as kept beside a digest, with the version of what is kept and the fingerprint of the
    code (other code may draw the overview otherwise)."""
    return encode_tag([VERSION, fingerprint.code(), *stamp])


def decode(body: bytes) -> dict[str, Any]:
    found: dict[str, Any] = kept_decode(body)
    return found


def kept(store: Store, language: str, stamp: tuple[object, ...], data: Callable[[], Data]) -> dict[str, Any]:
    """The digest kept for the store at ``stamp``; else worked out from ``data()`` and kept (a store
    that cannot be written to is only logged: the answer is the same)."""
    tag = stamp_text(stamp)
    try:
        body = store.digest(name(language), tag)
    except StoreError as exc:
        _LOG.warning("could not read the kept overview: %s", exc)
        body = None
    if body is not None:
        try:
            return decode(body)
        except (zlib.error, ValueError) as exc:  # damaged: worked out again, and replaced
            _LOG.warning("the kept overview could not be read (%s): working it out again", exc)
    found = digest(data(), language)
    keep(store, "overview", lambda: store.keep_digest(name(language), tag, kept_encode(found)))
    return found


def all_kept(store: Store) -> bool:
    """Whether the overview is kept in every language for the store as it is now, by this code."""
    tag = stamp_text(store.stamp())
    return all(store.digest(name(language), tag) is not None for language in i18n.LANGUAGES)


def keep_all(store: Store) -> bool:
    """Work out the overview in every language and keep it, for the store as it is now (after an
    ingest); False when the store was written to meanwhile (the first reader works it out then)."""
    before = store.stamp()
    d = Data(store, before)  # the people and commitments it works out are kept for this state too
    bodies = {language: kept_encode(digest(d, language)) for language in i18n.LANGUAGES}
    if store.stamp() != before:
        return False
    for language, body in bodies.items():
        store.keep_digest(name(language), stamp_text(before), body)
    return True
