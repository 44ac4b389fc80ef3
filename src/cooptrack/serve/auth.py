"""Who is asking: passwords (argon2), browser sessions, CSRF tokens, API tokens, roles.

- Passwords are hashed with argon2id (``argon2-cffi``'s current parameters); a hash made with
  older parameters is replaced at the next successful sign-in.
- A browser session is a random cookie (``ct_session``): HttpOnly, SameSite=Lax, and Secure
  when the request came over HTTPS (directly, or said so by a trusted proxy's
  ``X-Forwarded-Proto``) or when the settings say so. The store keeps only its SHA-256. It ends
  at its expiry, after an idle time, when its user is disabled, or when an admin ends it.
- Every form carries a CSRF token: the session's own once signed in; before that (the sign-in
  form), a random value also set as the ``ct_csrf`` cookie (double submit). JSON writes with a
  session send it as ``X-CSRF-Token``; requests with an API token need none.
- API tokens (``Authorization: Bearer ct_…``) are shown once, stored as SHA-256, revocable,
  and expire (90 days unless said otherwise).
- Roles: a reader reads (where reading needs signing in) and changes nothing; an editor also
  records statuses; an admin also manages accounts.
- Sign-in attempts are throttled (:mod:`cooptrack.serve.throttle`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from fastapi import Request, Response

from cooptrack.errors import CooptrackError
from cooptrack.store import Store
from cooptrack.store.accounts import AccountRole
from cooptrack.store.models import UserAccount

SESSION_COOKIE = "ct_session"
CSRF_COOKIE = "ct_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
TOKEN_PREFIX = "ct_"
PASSWORD_MIN = 10
TOKEN_DAYS = 90  # a new API token's lifetime unless said otherwise

_HASHER = PasswordHasher()


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def check_password(stored_hash: str, password: str) -> bool:
    try:
        return _HASHER.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    try:
        return _HASHER.check_needs_rehash(stored_hash)
    except InvalidHashError:
        return True


def password_problem(password: str) -> str | None:
    """Why a password cannot be used, or None."""
    if len(password) < PASSWORD_MIN:
        return f"a password needs at least {PASSWORD_MIN} characters"
    if len(password) > 1000:
        return "a password has at most 1000 characters"
    return None


def digest(secret: str) -> str:
    """The stored form of a session cookie or an API token."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def same(a: str | None, b: str | None) -> bool:
    """Constant-time comparison of two tokens (False if either is missing)."""
    return bool(a) and bool(b) and hmac.compare_digest(str(a).encode(), str(b).encode())


@dataclass(frozen=True)
class NewToken:
    """An API token as made: ``secret`` is shown once and never stored."""

    secret: str
    prefix: str


def make_token(store: Store, user: str, label: str, days: int = TOKEN_DAYS) -> NewToken:
    """A new API token for ``user``, valid for ``days`` days."""
    if not 1 <= days <= 3660:
        raise CooptrackError("a token lasts from 1 to 3660 days")
    secret = TOKEN_PREFIX + new_secret()
    prefix = secret[: len(TOKEN_PREFIX) + 8]
    store.add_token(user, label, digest(secret), prefix, dt.datetime.now(dt.UTC) + dt.timedelta(days=days))
    return NewToken(secret, prefix)


@dataclass(frozen=True)
class Caller:
    """The person behind a request: a user (or nobody), and how they proved it."""

    user: UserAccount | None
    via: str  # "session", "token" or "anonymous"
    csrf: str  # the token this caller's forms must carry
    session_hash: str | None = None

    @property
    def name(self) -> str | None:
        return self.user.name if self.user else None

    @property
    def role(self) -> str | None:
        return self.user.role if self.user else None

    @property
    def can_write(self) -> bool:
        return self.user is not None and self.user.role in (AccountRole.EDITOR, AccountRole.ADMIN)

    @property
    def is_admin(self) -> bool:
        return self.user is not None and self.user.role == AccountRole.ADMIN


def identify(store: Store, request: Request, idle: dt.timedelta | None = None, changes: int | None = None) -> Caller:
    """Who sent the request: an API token, else a session cookie (idle for less than ``idle``), else nobody.

    ``changes``: the count of writes to accounts read after the request arrived, if it was
    (PostgreSQL: an unchanged session or token is then not read again; see ``Store.session_for``)."""
    header = request.headers.get("authorization", "")
    scheme, _, credential = header.partition(" ")
    if scheme.lower() == "bearer" and credential.strip():
        token = store.token_for(digest(credential.strip()), changes=changes)
        if token is not None:
            return Caller(token.user, "token", "")
        return Caller(None, "bad_token", "")
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie:
        session = store.session_for(digest(cookie), idle, changes=changes)
        if session is not None:
            return Caller(session.user, "session", session.csrf, session.token_hash)
    return Caller(None, "anonymous", request.cookies.get(CSRF_COOKIE) or "")


def new_csrf() -> str:
    """A new CSRF token for an anonymous browser (32 URL-safe characters)."""
    return secrets.token_urlsafe(24)


def give_csrf(response: Response, request: Request, token: str, force_secure: bool) -> None:
    """Set an anonymous browser's CSRF cookie to ``token`` (the double submit of its forms)."""
    secure = is_https(request, force_secure)
    response.set_cookie(CSRF_COOKIE, token, httponly=True, samesite="lax", secure=secure, path="/")


def is_https(request: Request, force: bool) -> bool:
    """Whether cookies must be Secure: HTTPS seen (directly, or as a trusted proxy said), or forced by settings.

    ``X-Forwarded-Proto`` is read by :mod:`.middleware` only from the configured proxies, which
    sets the request's scheme; here it is never read from the request itself.
    """
    return force or request.url.scheme == "https"
