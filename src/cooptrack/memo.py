"""Answers remembered for the document being parsed, forgotten at the next one.

A page asks about the same sentences several times (relevance, the meeting, the people and the
agreements each read the lead; a measure's first sentence is often the whole measure), so a
function of a text alone may remember its answers with :func:`per_document`. The pipeline calls
:func:`new_document` before each document: nothing learnt from one page serves another (a
benchmark of many similar pages measures the work one page costs), and memory holds one page's
answers. Outside the pipeline (a test calling a rule directly) a memory is emptied when it holds
``LIMIT`` answers, so that it never grows without bound.

The functions remembered must be pure, and their answers immutable (tuples, frozen dataclasses).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

LIMIT = 20_000
_memories: list[dict[Any, Any]] = []  # every remembering function's answers
_MISSING = object()


def new_document() -> None:
    """Forget every answer remembered so far (the next calls are about another document)."""
    for memory in _memories:
        memory.clear()


def per_document(fn: Callable[[K], V]) -> Callable[[K], V]:
    """``fn`` (one hashable argument) remembering its answers until :func:`new_document`."""
    cache: dict[K, V] = {}
    _memories.append(cache)

    @functools.wraps(fn)
    def remembered(arg: K) -> V:
        value = cache.get(arg, _MISSING)  # (a KeyError raised and caught costs more, at every first call)
        if value is _MISSING:
            if len(cache) >= LIMIT:
                cache.clear()
            value = cache[arg] = fn(arg)
        return value  # type: ignore[return-value]  # never _MISSING

    return remembered
