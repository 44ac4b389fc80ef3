"""Account pages: one's own account (password, tokens) and, for admins, everyone's (``/admin/users``).

``/account``: who you are, your role, a form to change your password (the current one first; your
other sessions end), your API tokens with when each was last used, and a button to revoke one.
``/admin/users`` (admins only): every account with its role, whether it is disabled, its open
sessions and live tokens, and forms to change its role, disable or enable it, reset its password
(its sessions end), end its sessions, revoke its tokens, or remove it. Every form carries the
CSRF token; every change is answered by a redirect (post, redirect, get) with a note of what was done.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from cooptrack.errors import CooptrackError
from cooptrack.serve.auth import Caller, check_password, hash_password, password_problem
from cooptrack.serve.context import LoginRequired, Problem, caller, web
from cooptrack.serve.forms import Token, check_csrf
from cooptrack.serve.pages import render
from cooptrack.store.accounts import AccountRole

router = APIRouter(include_in_schema=False)

Password = Annotated[str, Form(max_length=1000)]
_NOTES = {
    "password": "Your password was changed; your other sessions have ended.",
    "revoked": "The token was revoked.",
    "role": "The role was changed.", "disable": "The account was disabled; its sessions have ended.",
    "enable": "The account was enabled.", "reset": "The password was reset; the account's sessions have ended.",
    "sessions": "The account's sessions have ended.", "tokens": "The account's tokens were revoked.",
    "remove": "The account was removed.",
}  # fmt: skip


def signed_in(request: Request) -> Caller:
    who = caller(request)
    if who.user is None or who.via != "session":
        raise LoginRequired("sign in to see your account")
    return who


def admin(request: Request) -> Caller:
    who = signed_in(request)
    if not who.is_admin:
        raise Problem(403, "only an admin may manage accounts")
    return who


Me = Annotated[Caller, Depends(signed_in)]
Admin = Annotated[Caller, Depends(admin)]


# --- one's own account ----------------------------------------------------------------------------


@router.get("/account")
def account(request: Request, who: Me, done: str | None = None) -> Response:
    return _account_page(request, who, note=_NOTES.get(done or ""))


def _account_page(request: Request, who: Caller, problem: str | None = None, note: str | None = None) -> Response:
    tokens = web(request).store.tokens(who.name)
    return render(request, "account.html", 422 if problem else 200, tokens=tokens, problem=problem, note=note)


@router.post("/account/password")
def change_password(request: Request, csrf: Token, current: Password, new: Password, again: Password) -> Response:
    who = check_csrf(request, csrf)
    if who.user is None or who.via != "session":
        raise LoginRequired("sign in to change your password")
    problem = password_problem(new) or (None if new == again else "the two new passwords differ")
    if not check_password(who.user.password_hash, current):
        problem = "the current password is wrong"
    if problem:
        return _account_page(request, who, problem)
    web(request).store.set_password_hash(who.user.name, hash_password(new), end_sessions_but=who.session_hash or "")
    return RedirectResponse("/account?done=password", status_code=303)


@router.post("/account/tokens/revoke")
def revoke_own_token(request: Request, csrf: Token, prefix: Annotated[str, Form(max_length=20)]) -> Response:
    who = check_csrf(request, csrf)
    if who.user is None or who.via != "session":
        raise LoginRequired("sign in to revoke your tokens")
    web(request).store.revoke_token(prefix, user_name=who.user.name)
    return RedirectResponse("/account?done=revoked", status_code=303)


# --- everyone's (admins) --------------------------------------------------------------------------


@router.get("/admin/users")
def users(request: Request, who: Admin, done: str | None = None) -> Response:
    return _users_page(request, note=_NOTES.get(done or ""))


def _users_page(request: Request, problem: str | None = None, note: str | None = None) -> Response:
    store = web(request).store
    live: dict[str, int] = {}
    for t in store.tokens():
        if t.revoked_at is None:
            live[t.user.name] = live.get(t.user.name, 0) + 1
    return render(request, "admin_users.html", 422 if problem else 200, users=store.users(),
                  sessions=store.live_sessions(), tokens=live, roles=[r.value for r in AccountRole],
                  problem=problem, note=note)  # fmt: skip


@router.post("/admin/users/{name}/{action}")
def manage(
    request: Request, name: str, action: str, csrf: Token, password: Annotated[str, Form(max_length=1000)] = "",
    role: Annotated[str, Form(max_length=20)] = "", confirm: Annotated[str, Form(max_length=10)] = "",
) -> Response:  # fmt: skip
    check_csrf(request, csrf)
    who = admin(request)
    store = web(request).store
    try:
        if action == "role":
            store.set_role(name, AccountRole(role))
        elif action == "disable":
            store.disable_user(name)
        elif action == "enable":
            store.enable_user(name)
        elif action == "reset":
            problem = password_problem(password)
            if problem:
                raise CooptrackError(problem)
            store.set_password_hash(name, hash_password(password), end_sessions_but="")
        elif action == "sessions":
            store.end_sessions(name)
        elif action == "tokens":
            store.revoke_tokens(name)
        elif action == "remove":
            if confirm != "yes":
                raise CooptrackError(f"tick the box to confirm that {name} is to be removed")
            store.remove_user(name)
        else:
            raise Problem(404, f"no action {action!r} on accounts")
    except ValueError:
        return _users_page(request, f"{role!r} is not a role")
    except CooptrackError as exc:
        if type(exc) is not CooptrackError:
            raise
        return _users_page(request, str(exc))
    if name == who.name and action in ("disable", "remove", "reset", "sessions"):
        return RedirectResponse("/", status_code=303)  # one's own session has ended
    return RedirectResponse(f"/admin/users?done={action}", status_code=303)
