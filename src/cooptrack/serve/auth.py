"""Who is asking: passwords (argon2), browser sessions, CSRF tokens, API tokens, login limits.

- Passwords are hashed with argon2id (``argon2-cffi``'s current parameters); a hash made with
  older parameters is replaced at the next successful sign-in.
- A browser session is a random cookie (``ct_session``): HttpOnly, SameSite=Lax, and Secure
  when the request came over HTTPS (directly or as ``X-Forwarded-Proto: https``) or when the
  settings say so. The store keeps only its SHA-256.
- Every form carries a CSRF token: the session's own once signed in; before that (the sign-in
  form), a random value also set as the ``ct_csrf`` cookie (double submit). JSON writes with a
  session send it as ``X-CSRF-Token``; requests with an API token need none.
- API tokens (``Authorization: Bearer ct_…``) are shown once, stored as SHA-256, revocable.
- Sign-in attempts are limited per user name and per client address (:class:`LoginLimiter`).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from fastapi import Request

from cooptrack.store import Store
from cooptrack.store.accounts import AccountRole
from cooptrack.store.models import UserAccount

SESSION_COOKIE = "ct_session"
CSRF_COOKIE = "ct_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
TOKEN_PREFIX = "ct_"
PASSWORD_MIN = 10

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


def make_token(store: Store, user: str, label: str) -> NewToken:
    secret = TOKEN_PREFIX + new_secret()
    prefix = secret[: len(TOKEN_PREFIX) + 8]
    store.add_token(user, label, digest(secret), prefix)
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
    def can_write(self) -> bool:
        return self.user is not None and self.user.role in (AccountRole.EDITOR, AccountRole.ADMIN)

    @property
    def is_admin(self) -> bool:
        return self.user is not None and self.user.role == AccountRole.ADMIN


def identify(store: Store, request: Request) -> Caller:
    """Who sent the request: an API token, else a session cookie, else nobody."""
    header = request.headers.get("authorization", "")
    scheme, _, credential = header.partition(" ")
    if scheme.lower() == "bearer" and credential.strip():
        token = store.token_for(digest(credential.strip()))
        if token is not None:
            return Caller(token.user, "token", "")
        return Caller(None, "bad_token", "")
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie:
        session = store.session_for(digest(cookie))
        if session is not None:
            return Caller(session.user, "session", session.csrf, session.token_hash)
    return Caller(None, "anonymous", request.cookies.get(CSRF_COOKIE) or "")


def is_https(request: Request, force: bool) -> bool:
    """Whether cookies must be Secure: HTTPS seen directly or through a proxy, or forced by settings."""
    forwarded = request.headers.get("x-forwarded-proto", "").split(",")[0].strip().lower()
    return force or request.url.scheme == "https" or forwarded == "https"


class LoginLimiter:
    """At most ``attempts`` failed sign-ins per ``window`` seconds, per user name and per address.

    Kept in memory (one server process); the clock can be given, so tests do not wait.
    """

    def __init__(self, attempts: int = 5, window: float = 900.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.attempts = attempts
        self.window = window
        self.clock = clock
        self._failures: dict[str, deque[float]] = {}

    def _recent(self, key: str) -> deque[float]:
        now = self.clock()
        seen = self._failures.setdefault(key, deque())
        while seen and seen[0] <= now - self.window:
            seen.popleft()
        return seen

    def retry_after(self, *keys: str) -> int:
        """Seconds until another attempt is allowed (0: allowed now)."""
        wait = 0.0
        for key in keys:
            seen = self._recent(key)
            if len(seen) >= self.attempts:
                wait = max(wait, seen[0] + self.window - self.clock())
        return int(wait) + 1 if wait > 0 else 0

    def failed(self, *keys: str) -> None:
        for key in keys:
            self._recent(key).append(self.clock())
        if len(self._failures) > 10_000:  # forget the quiet ones (no failure in the window), so memory stays bounded
            for key in [k for k in self._failures if not self._recent(k)]:
                del self._failures[key]

    def succeeded(self, *keys: str) -> None:
        for key in keys:
            self._failures.pop(key, None)
