"""Accounts: users (readers, editors, admins), their browser sessions and their API tokens.

Only hashes are stored: a password as argon2 (made by :mod:`cooptrack.serve.auth`), a session
cookie and an API token as SHA-256 (they are long random strings, so a fast hash is enough).
A token is shown once, when made; it is named afterwards by its first characters (``prefix``).

An admin can disable an account (it cannot sign in; its sessions end and its tokens are refused
until it is enabled again), remove it (its sessions and tokens go with it; the events it
recorded keep its name), reset its password (its sessions end), end its sessions and revoke its
tokens. The last admin who can sign in cannot be disabled, removed or made something else.
A session ends after an idle time (:meth:`AccountsMixin.session_for`'s ``idle``) as well as at its
expiry; a token may have an expiry; both remember when they were last used (written at most
once a minute, so reading does not become writing; in a server process by the store's writing
thread, so that a request never waits for the write lock).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import threading
from collections import OrderedDict
from collections.abc import Callable
from contextlib import AbstractContextManager
from enum import StrEnum
from functools import partial
from typing import Any, TypeVar

from sqlalchemy import Connection, Update, delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, joinedload, sessionmaker

from cooptrack.errors import CooptrackError, NotFound, StoreError
from cooptrack.store.models import ApiToken, UserAccount, WebSession

_LOG = logging.getLogger("cooptrack.store")
R = TypeVar("R")
S = TypeVar("S", WebSession, ApiToken)
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,199}$")


class AccountRole(StrEnum):
    """What an account may do: readers read (where reading needs signing in); editors also record
    events; admins also manage accounts."""

    READER = "reader"
    EDITOR = "editor"
    ADMIN = "admin"


TOUCH_EVERY = dt.timedelta(minutes=1)  # a session's or token's last use is written at most this often
_KNOWN_ACCOUNTS = 4096  # the sessions and tokens whose rows a store keeps between requests (the last used)


class AccountsMixin:
    """Store methods for users, sessions and tokens (a base of :class:`~cooptrack.store.store.Store`)."""

    url: str
    _sessions: sessionmaker[Session]
    _written: Callable[[], AbstractContextManager[Session]]  # the store's write transaction (its lock, its errors)
    _read: Callable[[], AbstractContextManager[Session]]  # a session for reading (its errors one StoreError)
    _connected: Callable[[], AbstractContextManager[Connection]]  # a connection for one read (no session)
    _data_version: Callable[[], int | None]  # SQLite's count of commits by other connections (None: unknown)
    _known_accounts: OrderedDict[tuple[str, str], tuple[int, Any]]  # a session's or token's row, read at a version
    _known_accounts_lock: threading.Lock
    later: Callable[[Callable[[], None]], None]  # a write now, or in the store's writing thread (a server's)

    # --- users --------------------------------------------------------------------------------

    def add_user(self, name: str, role: AccountRole, password_hash: str) -> UserAccount:
        """A new account; the name must be free and made of letters, digits and ``. _ @ -``."""
        if not _NAME.match(name):
            raise CooptrackError(f'"{name}" cannot be a user name: use letters, digits and . _ @ - (at most 200)')
        row = UserAccount(name=name, role=role.value, password_hash=password_hash, created_at=_now())
        try:
            with self._written() as session:
                session.add(row)
        except StoreError as exc:
            if isinstance(exc.__cause__, IntegrityError):
                raise CooptrackError(f'there is already a user "{name}"') from exc
            raise
        return row

    def user(self, name: str) -> UserAccount | None:
        with self._read() as session:
            return session.scalar(select(UserAccount).where(UserAccount.name == name))

    def users(self) -> list[UserAccount]:
        with self._read() as session:
            return list(session.scalars(select(UserAccount).order_by(UserAccount.name)))

    def set_password_hash(self, name: str, password_hash: str, *, end_sessions_but: str | None = None) -> None:
        """Replace a user's password hash (a rehash, a change, a reset).

        ``end_sessions_but``: end every session of the user but this one (``""``: all of them).
        """
        with self._written() as session:
            user = _user(session, name)
            user.password_hash = password_hash
            if end_sessions_but is not None:
                session.execute(
                    delete(WebSession).where(WebSession.user_id == user.id, WebSession.token_hash != end_sessions_but)
                )

    def set_role(self, name: str, role: AccountRole) -> UserAccount:
        with self._written() as session:
            user = _user(session, name)
            if role is not AccountRole.ADMIN:
                _keep_an_admin(session, user, "made a " + role.value)
            user.role = role.value
            return user

    def disable_user(self, name: str) -> UserAccount:
        """Disable an account: it cannot sign in, its sessions end, its tokens are refused."""
        with self._written() as session:
            user = _user(session, name)
            _keep_an_admin(session, user, "disabled")
            user.disabled_at = user.disabled_at or _now()
            session.execute(delete(WebSession).where(WebSession.user_id == user.id))
            return user

    def enable_user(self, name: str) -> UserAccount:
        with self._written() as session:
            user = _user(session, name)
            user.disabled_at = None
            return user

    def remove_user(self, name: str) -> None:
        """Remove an account with its sessions and tokens (the events it recorded keep its name)."""
        with self._written() as session:
            user = _user(session, name)
            _keep_an_admin(session, user, "removed")
            session.execute(delete(WebSession).where(WebSession.user_id == user.id))
            session.execute(delete(ApiToken).where(ApiToken.user_id == user.id))
            session.delete(user)

    def end_sessions(self, name: str) -> int:
        """End every session of a user (they must sign in again); returns how many ended."""
        with self._written() as session:
            user = _user(session, name)
            ended = session.execute(delete(WebSession).where(WebSession.user_id == user.id))
            return int(getattr(ended, "rowcount", 0) or 0)

    def live_sessions(self) -> dict[str, int]:
        """How many sessions each user has open (not expired)."""
        with self._read() as session:
            rows = session.execute(
                select(UserAccount.name, func.count(WebSession.id))
                .join(WebSession, WebSession.user_id == UserAccount.id)
                .where(WebSession.expires_at > _now())
                .group_by(UserAccount.name)
            )
            return {name: int(count) for name, count in rows}

    # --- browser sessions -----------------------------------------------------------------------

    def open_session(self, user: UserAccount, token_hash: str, csrf: str, lifetime: dt.timedelta) -> WebSession:
        now = _now()
        row = WebSession(token_hash=token_hash, user_id=user.id, csrf=csrf, created_at=now, expires_at=now + lifetime,
                         last_seen_at=now)  # fmt: skip
        with self._written() as session:
            session.add(row)
        return row

    def session_for(
        self, token_hash: str, idle: dt.timedelta | None = None, *, changes: int | None = None
    ) -> WebSession | None:
        """The live session with this cookie hash (its user loaded), or None.

        Not live: unknown, expired, idle for longer than ``idle``, or its user disabled. A live
        session's last use is written down (at most once a minute). ``changes``: on PostgreSQL, the
        count of writes to accounts read after the request arrived (:meth:`stamp_and_accounts`).
        """
        row = self._known_row(
            ("session", token_hash), lambda c: _with_user(c, WebSession, WebSession.token_hash == token_hash), changes
        )
        now = _now()
        if row is None or row.expires_at <= now or row.user.disabled_at is not None:
            return None
        if idle is not None and row.last_seen_at + idle <= now:
            return None
        if now - row.last_seen_at >= TOUCH_EVERY:
            self.later(partial(self._touch, update(WebSession).where(WebSession.id == row.id).values(last_seen_at=now)))
            row.last_seen_at = now  # (the row kept: the requests under way do not write it again)
        return row

    def close_session(self, token_hash: str) -> None:
        """End a session (signing out), and forget every expired one."""
        with self._written() as session:
            session.execute(delete(WebSession).where(WebSession.token_hash == token_hash))
            session.execute(delete(WebSession).where(WebSession.expires_at <= _now()))

    def _known_row(self, key: tuple[str, str], read: Callable[[Connection], R | None], changes: int | None) -> R | None:
        """``read``'s row (a session's or a token's, with its user), read again only when something
        may have changed it. On SQLite, the row read last for ``key`` while no connection has
        committed since (its ``data_version`` unchanged: a revoked token, an ended session or a
        disabled account is a commit, seen at the next request). On PostgreSQL, the row read last
        while ``changes`` was the same: the count of writes to accounts, sessions and tokens
        (``account_change``, moved by triggers in the writer's transaction), read by the caller
        *after the request arrived* (with the stamp: :meth:`stamp_and_accounts`); without it, always
        read. Either version is taken before the row is read, so a commit in between is seen by the
        next request. Time (expiry, idle) is judged by the caller on every request. Rows not found
        are not kept."""
        version = self._data_version()  # before the read: a commit in between is seen by the next check
        if version is None:
            version = changes
        if version is not None:
            with self._known_accounts_lock:
                known = self._known_accounts.get(key)
                if known is not None and known[0] == version:
                    self._known_accounts.move_to_end(key)
                    found: R = known[1]
                    return found
        with self._connected() as connection:  # one statement of the Core (a signed-in request's every time)
            row = read(connection)
        if version is not None and row is not None:
            with self._known_accounts_lock:
                self._known_accounts[key] = (version, row)
                self._known_accounts.move_to_end(key)
                while len(self._known_accounts) > _KNOWN_ACCOUNTS:
                    self._known_accounts.popitem(last=False)
        return row

    # --- API tokens -----------------------------------------------------------------------------

    def add_token(
        self, user_name: str, label: str, token_hash: str, prefix: str, expires_at: dt.datetime | None = None
    ) -> ApiToken:
        with self._written() as session:
            user = session.scalar(select(UserAccount).where(UserAccount.name == user_name))
            if user is None:
                raise NotFound(f'no user "{user_name}" (add one with cooptrack user add)')
            row = ApiToken(token_hash=token_hash, prefix=prefix, label=label, user_id=user.id, created_at=_now(),
                           expires_at=expires_at)  # fmt: skip
            session.add(row)
        return row

    def token_for(self, token_hash: str, *, changes: int | None = None) -> ApiToken | None:
        """The live token with this hash (its user loaded): not revoked, not expired, its user not disabled.

        Its last use is written down (at most once a minute). ``changes``: as :meth:`session_for`'s.
        """
        row = self._known_row(
            ("token", token_hash),
            lambda c: _with_user(c, ApiToken, ApiToken.token_hash == token_hash, ApiToken.revoked_at.is_(None)),
            changes,
        )
        now = _now()
        if row is None or row.user.disabled_at is not None or (row.expires_at is not None and row.expires_at <= now):
            return None
        if row.last_used_at is None or now - row.last_used_at >= TOUCH_EVERY:
            self.later(partial(self._touch, update(ApiToken).where(ApiToken.id == row.id).values(last_used_at=now)))
            row.last_used_at = now
        return row

    def _touch(self, statement: Update) -> None:
        """Write a session's or a token's last use: in a server process in the store's writing thread
        (:meth:`later`), so that a request does not wait for the write lock (an ingest holds it for a
        batch); a store that cannot be written to is logged, never raised (the use was real either way)."""
        try:
            with self._written() as session:
                session.execute(statement)
        except StoreError as exc:
            _LOG.warning("a session's or token's last use was not written: %s", exc)

    def tokens(self, user_name: str | None = None) -> list[ApiToken]:
        """Every token (or one user's), oldest first, revoked and expired ones included."""
        with self._read() as session:
            stmt = select(ApiToken).options(joinedload(ApiToken.user)).order_by(ApiToken.created_at, ApiToken.id)
            if user_name is not None:
                stmt = stmt.join(UserAccount, ApiToken.user_id == UserAccount.id).where(UserAccount.name == user_name)
            return list(session.scalars(stmt))

    def revoke_token(self, prefix: str, user_name: str | None = None) -> ApiToken:
        """Revoke the one live token whose prefix this is (of ``user_name``, when given); it stops working at once."""
        with self._written() as session:
            stmt = (
                select(ApiToken)
                .where(ApiToken.prefix.startswith(prefix, autoescape=True), ApiToken.revoked_at.is_(None))
                .options(joinedload(ApiToken.user))
            )
            if user_name is not None:
                stmt = stmt.join(UserAccount, ApiToken.user_id == UserAccount.id).where(UserAccount.name == user_name)
            found = list(session.scalars(stmt))
            if not found:
                raise NotFound(f'no live token starting "{prefix}" (cooptrack token list shows them)')
            if len(found) > 1:
                raise CooptrackError(f'"{prefix}" starts {len(found)} tokens; give more of it')
            found[0].revoked_at = _now()
            return found[0]

    def revoke_tokens(self, user_name: str) -> int:
        """Revoke every live token of a user; returns how many."""
        with self._written() as session:
            user = _user(session, user_name)
            done = session.execute(
                update(ApiToken)
                .where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
                .values(revoked_at=_now())
            )
            return int(getattr(done, "rowcount", 0) or 0)


def _user(session: Session, name: str) -> UserAccount:
    user = session.scalar(select(UserAccount).where(UserAccount.name == name))
    if user is None:
        raise NotFound(f'no user "{name}"')
    return user


def _keep_an_admin(session: Session, user: UserAccount, change: str) -> None:
    """Refuse a change that would leave no admin who can sign in."""
    if user.role != AccountRole.ADMIN or user.disabled_at is not None:
        return
    others = session.scalar(
        select(func.count(UserAccount.id)).where(
            UserAccount.role == AccountRole.ADMIN.value, UserAccount.disabled_at.is_(None), UserAccount.id != user.id
        )
    )
    if not others:
        raise CooptrackError(f"{user.name} is the last admin who can sign in, and cannot be {change}")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _with_user(connection: Connection, model: type[S], *where: Any) -> S | None:
    """The row of ``model`` (a session or a token) meeting ``where``, with its user, read with one
    statement of the Core and made into detached objects (the ORM's session and its joined load cost
    four times the query: a signed-in request asks this every time)."""
    own, users = list(model.__table__.columns), list(UserAccount.__table__.columns)
    found = connection.execute(
        select(*own, *users).join(UserAccount, model.user_id == UserAccount.id).where(*where)
    ).first()
    if found is None:
        return None
    user = UserAccount(**{c.key: found[len(own) + i] for i, c in enumerate(users)})
    return model(**{c.key: found[i] for i, c in enumerate(own)}, user=user)
