"""Accounts: users who may write, their browser sessions and their API tokens.

Only hashes are stored: a password as argon2 (made by :mod:`cooptrack.serve.auth`), a session
cookie and an API token as SHA-256 (they are long random strings, so a fast hash is enough).
A token is shown once, when made; it is named afterwards by its first characters (``prefix``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from contextlib import AbstractContextManager
from enum import StrEnum

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, joinedload, sessionmaker

from cooptrack.errors import CooptrackError, NotFound, StoreError
from cooptrack.store.models import ApiToken, UserAccount, WebSession

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,199}$")


class AccountRole(StrEnum):
    """What an account may do: editors record events; admins also manage accounts."""

    EDITOR = "editor"
    ADMIN = "admin"


class AccountsMixin:
    """Store methods for users, sessions and tokens (a base of :class:`~cooptrack.store.store.Store`)."""

    url: str
    _sessions: sessionmaker[Session]
    _written: Callable[[], AbstractContextManager[Session]]  # the store's write transaction (its lock, its errors)
    _read: Callable[[], AbstractContextManager[Session]]  # a session for reading (its errors one StoreError)

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

    def set_password_hash(self, name: str, password_hash: str) -> None:
        """Replace a user's password hash (a rehash with newer parameters, or a new password)."""
        with self._written() as session:
            user = session.scalar(select(UserAccount).where(UserAccount.name == name))
            if user is None:
                raise NotFound(f'no user "{name}"')
            user.password_hash = password_hash

    # --- browser sessions -----------------------------------------------------------------------

    def open_session(self, user: UserAccount, token_hash: str, csrf: str, lifetime: dt.timedelta) -> WebSession:
        now = _now()
        row = WebSession(token_hash=token_hash, user_id=user.id, csrf=csrf, created_at=now, expires_at=now + lifetime)
        with self._written() as session:
            session.add(row)
        return row

    def session_for(self, token_hash: str) -> WebSession | None:
        """The live session with this cookie hash (its user loaded), or None if unknown or expired."""
        with self._read() as session:
            row = session.scalar(
                select(WebSession).where(WebSession.token_hash == token_hash).options(joinedload(WebSession.user))
            )
        return row if row is not None and row.expires_at > _now() else None

    def close_session(self, token_hash: str) -> None:
        """End a session (signing out), and forget every expired one."""
        with self._written() as session:
            session.execute(delete(WebSession).where(WebSession.token_hash == token_hash))
            session.execute(delete(WebSession).where(WebSession.expires_at <= _now()))

    # --- API tokens -----------------------------------------------------------------------------

    def add_token(self, user_name: str, label: str, token_hash: str, prefix: str) -> ApiToken:
        with self._written() as session:
            user = session.scalar(select(UserAccount).where(UserAccount.name == user_name))
            if user is None:
                raise NotFound(f'no user "{user_name}" (add one with cooptrack user add)')
            row = ApiToken(token_hash=token_hash, prefix=prefix, label=label, user_id=user.id, created_at=_now())
            session.add(row)
        return row

    def token_for(self, token_hash: str) -> ApiToken | None:
        """The unrevoked token with this hash (its user loaded), or None."""
        with self._read() as session:
            return session.scalar(
                select(ApiToken)
                .where(ApiToken.token_hash == token_hash, ApiToken.revoked_at.is_(None))
                .options(joinedload(ApiToken.user))
            )

    def tokens(self) -> list[ApiToken]:
        with self._read() as session:
            stmt = select(ApiToken).options(joinedload(ApiToken.user)).order_by(ApiToken.created_at, ApiToken.id)
            return list(session.scalars(stmt))

    def revoke_token(self, prefix: str) -> ApiToken:
        """Revoke the one live token whose prefix this is; it stops working at once."""
        with self._written() as session:
            found = list(
                session.scalars(
                    select(ApiToken)
                    .where(ApiToken.prefix.startswith(prefix, autoescape=True), ApiToken.revoked_at.is_(None))
                    .options(joinedload(ApiToken.user))
                )
            )  # fmt: skip
            if not found:
                raise NotFound(f'no live token starting "{prefix}" (cooptrack token list shows them)')
            if len(found) > 1:
                raise CooptrackError(f'"{prefix}" starts {len(found)} tokens; give more of it')
            found[0].revoked_at = _now()
            return found[0]


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
