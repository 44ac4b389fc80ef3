"""The forms that change something: sign in, sign out, record a status, re-attach an event.

Every form carries the caller's CSRF token (checked before anything else); signing in is
throttled (:mod:`.throttle`: per account and address, per account unless from a browser that
signed in to it before, per address over many names); a disabled account cannot sign in; after a
change the browser is sent back to a page (post, redirect, get), so that reloading does not repeat it.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Path, Request
from fastapi.responses import RedirectResponse, Response

from cooptrack.errors import CooptrackError, NotFound
from cooptrack.serve import i18n
from cooptrack.serve.auth import (
    CSRF_COOKIE,
    SESSION_COOKIE,
    Caller,
    check_password,
    digest,
    hash_password,
    is_https,
    needs_rehash,
    new_secret,
    same,
)
from cooptrack.serve.context import Problem, caller, client_address, data, web, writer
from cooptrack.serve.pages import commitment_page, measure_page, render
from cooptrack.serve.throttle import DEVICE_COOKIE
from cooptrack.store.tracking import NoteField
from cooptrack.views import ledger
from cooptrack.views.service import Data
from cooptrack.vocab import EvidenceKind, TrackingStatus

router = APIRouter(include_in_schema=False)

Short = Annotated[str, Form(max_length=200)]
Token = Annotated[str, Form(alias="csrf_token", max_length=200)]


def check_csrf(request: Request, token: str) -> Caller:
    """The caller, once the form's CSRF token is theirs (403 otherwise)."""
    who = caller(request)
    expected = who.csrf if who.via == "session" else request.cookies.get(CSRF_COOKIE)
    if not same(token, expected):
        raise Problem(403, "this form has expired or did not come from this site: reload the page and try again",
                      code="csrf")  # fmt: skip
    return who


def _safe_next(target: str | None) -> str:
    """Only a path of this site (never ``//elsewhere`` or a full URL)."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/tracker"


# --- the interface's language ----------------------------------------------------------------------


@router.post("/language")
def choose_language(
    request: Request, csrf: Token, language: Short, next: Annotated[str, Form(max_length=2000)] = "/"
) -> Response:
    """Remember the browser's language (a cookie for a year) and go back to the page it was on."""
    check_csrf(request, csrf)
    if language not in i18n.LANGUAGES:
        raise Problem(422, f"no interface in {language!r} (there is {', '.join(i18n.LANGUAGES)})")
    response = RedirectResponse(next if _safe_next(next) == next else "/", status_code=303)
    secure = is_https(request, web(request).settings.secure_cookies)
    response.set_cookie(i18n.COOKIE, language, max_age=365 * 24 * 3600, httponly=True, samesite="lax",
                        secure=secure, path="/")  # fmt: skip
    return response


# --- signing in and out --------------------------------------------------------------------------


@router.get("/login")
def login_form(request: Request, next: str | None = None) -> Response:
    return render(request, "login.html", next=_safe_next(next), problem=None, name="")


@router.post("/login")
def login(
    request: Request, name: Short, password: Annotated[str, Form(max_length=1000)], csrf: Token,
    next: Annotated[str, Form(max_length=500)] = "/tracker",
) -> Response:  # fmt: skip
    check_csrf(request, csrf)
    w = web(request)
    address, device = client_address(request), request.cookies.get(DEVICE_COOKIE)
    wait = w.throttle.wait(name, address, device)
    if wait:
        message = f"too many failed sign-ins: try again in {_duration(wait)}"
        return render(request, "login.html", 429, {"Retry-After": str(wait)}, next=_safe_next(next),
                      problem=message, name=name)  # fmt: skip
    user = w.store.user(name)
    if user is None or not check_password(user.password_hash, password):
        if user is None:
            hash_password(password)  # as slow as a wrong password, so names cannot be probed by timing
        w.throttle.failed(name, address)
        return render(request, "login.html", 401, next=_safe_next(next), problem="wrong name or password", name=name)
    if user.disabled_at is not None:
        return render(request, "login.html", 403, next=_safe_next(next), name=name,
                      problem="this account is disabled: ask an admin")  # fmt: skip
    known = w.throttle.succeeded(name, address)
    if needs_rehash(user.password_hash):
        w.store.set_password_hash(user.name, hash_password(password))
    secret = new_secret()
    lifetime = dt.timedelta(hours=w.settings.session_hours)
    w.store.open_session(user, digest(secret), new_secret(), lifetime)
    response = RedirectResponse(_safe_next(next), status_code=303)
    secure = is_https(request, w.settings.secure_cookies)
    response.set_cookie(
        SESSION_COOKIE, secret, max_age=int(lifetime.total_seconds()), httponly=True, samesite="lax",
        secure=secure, path="/",
    )  # fmt: skip
    response.set_cookie(DEVICE_COOKIE, known, max_age=365 * 86400, httponly=True, samesite="strict", secure=secure,
                        path="/login")  # fmt: skip
    return response


def _duration(seconds: int) -> str:
    if seconds < 90:
        return f"{seconds} seconds"
    return f"{-(-seconds // 60)} minutes"


@router.post("/logout")
def logout(request: Request, csrf: Token) -> Response:
    who = check_csrf(request, csrf)
    if who.session_hash:
        web(request).store.close_session(who.session_hash)
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


# --- tracking ------------------------------------------------------------------------------------


@router.post("/measures/{key}/events")
def add_event(
    request: Request, key: str, d: Annotated[Data, Depends(data)], csrf: Token,
    status: Annotated[str, Form(max_length=40)], note: Annotated[str, Form(max_length=4000)] = "",
    evidence_url: Annotated[str, Form(max_length=2000)] = "", evidence_kind: Annotated[str, Form(max_length=20)] = "",
) -> Response:  # fmt: skip
    check_csrf(request, csrf)
    who = writer(request)
    d.measure(key)
    form = {"status": status, "note": note, "evidence_url": evidence_url, "evidence_kind": evidence_kind}
    try:
        chosen = TrackingStatus(status)
        kind = EvidenceKind(evidence_kind) if evidence_kind else None
        web(request).store.record_event(key, chosen, by=who.name or "?", note=note, evidence_url=evidence_url,
                                        evidence_kind=kind)  # fmt: skip
    except ValueError:
        return measure_page(request, d, key, "choose one of the statuses listed", form)
    except CooptrackError as exc:
        if type(exc) is not CooptrackError:
            raise
        return measure_page(request, d, key, str(exc), form)
    return RedirectResponse(f"/measures/{key}#history", status_code=303)


@router.post("/measures/{key}/notes")
def add_notes(
    request: Request, key: str, d: Annotated[Data, Depends(data)], csrf: Token,
    bureau: Annotated[str, Form(max_length=300)] = "", checked: Annotated[str, Form(max_length=20)] = "",
) -> Response:  # fmt: skip
    """The bureau responsible for a measure, and the day its progress was checked: each an append-only
    note (the latest stands), shared by every appearance of its commitment."""
    check_csrf(request, csrf)
    who = writer(request)
    d.measure(key)
    form = {"bureau": bureau, "checked": checked}
    wanted = [(NoteField.BUREAU, bureau), (NoteField.CHECKED, checked)]
    if not any(value.strip() for _, value in wanted):
        return measure_page(request, d, key, "write the bureau responsible, or the day you checked", form)
    try:
        for field, value in wanted:
            if value.strip():
                web(request).store.record_note(key, field, value, by=who.name or "?")
    except CooptrackError as exc:
        if type(exc) is not CooptrackError:
            raise
        return measure_page(request, d, key, str(exc), form)
    return RedirectResponse(f"/measures/{key}#notes", status_code=303)


@router.post("/commitments/{key}/split")
def split_commitment(
    request: Request, key: str, d: Annotated[Data, Depends(data)], csrf: Token,
    measure: Annotated[str, Form(max_length=64)], note: Annotated[str, Form(max_length=4000)] = "",
) -> Response:  # fmt: skip
    """The appearance ``measure`` and those after it become a commitment of their own."""
    check_csrf(request, csrf)
    who = writer(request)
    c = d.commitment(key)
    if measure.strip() not in c.keys:
        return commitment_page(request, d, key, "choose an appearance of this commitment")
    try:
        ledger.split(web(request).store, measure.strip(), by=who.name or "?", note=note.strip() or None)
    except CooptrackError as exc:
        if type(exc) is not CooptrackError:
            raise
        return commitment_page(request, d, key, str(exc))
    return RedirectResponse(f"/commitments/{measure.strip()}", status_code=303)


@router.post("/commitments/{key}/join")
def join_commitments(
    request: Request, key: str, d: Annotated[Data, Depends(data)], csrf: Token,
    other: Annotated[str, Form(max_length=64)], note: Annotated[str, Form(max_length=4000)] = "",
) -> Response:  # fmt: skip
    """This commitment and the one of the measure (or commitment) ``other`` are one."""
    check_csrf(request, csrf)
    who = writer(request)
    c = d.commitment(key)
    try:
        ledger.join(web(request).store, c.key, other, by=who.name or "?", note=note.strip() or None)
    except CooptrackError as exc:
        if type(exc) not in (CooptrackError, NotFound):
            raise
        return commitment_page(request, d, key, str(exc))
    return RedirectResponse(f"/commitments/{c.key}", status_code=303)  # any appearance's key finds the joined one


@router.post("/events/{event_id}/reattach")
def reattach(
    request: Request, event_id: Annotated[int, Path(ge=1, le=2**62)], csrf: Token,
    measure: Annotated[str, Form(max_length=64)],
) -> Response:  # fmt: skip
    check_csrf(request, csrf)
    who = writer(request)
    web(request).store.reattach_event(event_id, measure.strip(), by=who.name or "?")
    return RedirectResponse(f"/measures/{measure.strip()}#history", status_code=303)
