"""The web commands: ``serve`` (the web application and API), ``user`` and ``token`` (accounts).

``cooptrack serve`` runs Uvicorn over the store with ``--workers`` processes (default: one per CPU;
each keeps its own view of the store and its own throttles, see docs/operations.md), no ``Server``
banner, proxy headers read by the app from the configured proxies only, a structured access log
with ``--access-log``.
``cooptrack user add NAME --role reader|editor|admin`` asks for the password twice on a terminal,
or reads one line from standard input (``echo "$PW" | cooptrack user add …``); ``user role``,
``disable``, ``enable``, ``remove``, ``reset-password`` and ``logout`` (end the sessions) manage
accounts. ``cooptrack token add NAME`` prints a new API token once (valid ``--days``, 90 by
default); only its hash is kept; ``token list`` shows each with its expiry and last use, and
``cooptrack token revoke PREFIX`` (or ``--user NAME``: all of theirs) ends it.
"""

from __future__ import annotations

import dataclasses
import os
import sys
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from cooptrack.cli.base import DbOption, app, boundary, open_store, say, stdout
from cooptrack.errors import CooptrackError
from cooptrack.store.accounts import AccountRole

user_app = typer.Typer(help="Accounts: readers (read), editors (also record progress), admins (also manage accounts).",
                       no_args_is_help=True)  # fmt: skip
token_app = typer.Typer(help="API tokens for scripts (Authorization: Bearer).", no_args_is_help=True)
app.add_typer(user_app, name="user")
app.add_typer(token_app, name="token")


@app.command()
@boundary
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="port to listen on")] = 8000,
    login_to_read: Annotated[
        bool, typer.Option("--login-to-read", help="require signing in to read [or $COOPTRACK_READ_REQUIRES_LOGIN]")
    ] = False,
    secure_cookies: Annotated[
        bool,
        typer.Option("--secure-cookies", help="always mark cookies Secure (behind HTTPS) [$COOPTRACK_SECURE_COOKIES]"),
    ] = False,
    base_url: Annotated[
        str | None, typer.Option("--base-url", help="the public URL, for absolute links [$COOPTRACK_BASE_URL]")
    ] = None,
    allowed_host: Annotated[
        list[str] | None,
        typer.Option(
            "--allowed-host", metavar="HOST", help="also answer to this Host (repeatable) [$COOPTRACK_ALLOWED_HOSTS]"
        ),
    ] = None,
    trusted_proxy: Annotated[
        list[str] | None,
        typer.Option(
            "--trusted-proxy",
            metavar="ADDRESS",
            help="believe X-Forwarded-For/-Proto from this address or network (repeatable) "
            "[$COOPTRACK_TRUSTED_PROXIES]",
        ),
    ] = None,
    hsts_seconds: Annotated[
        int | None, typer.Option("--hsts-seconds", min=0, help="send Strict-Transport-Security over HTTPS")
    ] = None,
    access_log: Annotated[
        str | None,
        typer.Option("--access-log", metavar="FILE", help="one JSON line per request to FILE (- for stderr)"),
    ] = None,
    workers: Annotated[
        int | None, typer.Option("--workers", min=1, max=64, help="worker processes [one per CPU]")
    ] = None,
) -> None:
    """Serve the web application and the JSON API (docs at /api/docs) over the store."""
    import uvicorn  # imported here: the other commands do not need it

    from cooptrack.serve.app import WebSettings, create_app, log_access_to, serve_environment

    env = WebSettings.from_env()
    settings = dataclasses.replace(
        env,
        read_requires_login=env.read_requires_login or login_to_read,
        secure_cookies=env.secure_cookies or secure_cookies,
        base_url=base_url or env.base_url,
        allowed_hosts=(*env.allowed_hosts, host, *(allowed_host or ())),
        trusted_proxies=(*env.trusted_proxies, *(trusted_proxy or ())),
        hsts_seconds=env.hsts_seconds if hsts_seconds is None else hsts_seconds,
        warm=True,
    )
    if access_log:
        log_access_to(access_log)
    count = workers or os.cpu_count() or 1
    store = open_store(db)  # opened here too: a store that cannot be opened is said once, before any worker
    plural = "es" if count > 1 else ""
    sys.stderr.write(f"cooptrack: serving on http://{host}:{port}/ (API docs at /api/docs), {count} process{plural}; "
                     "Ctrl-C stops\n")  # fmt: skip
    if count == 1:
        try:
            uvicorn.run(create_app(store, settings), **uvicorn_options(host, port))
        finally:
            store.close()  # what the server kept is written, its watch over the store ends
        return
    url = store.engine.url.render_as_string(hide_password=False)
    store.close()
    os.environ.update(serve_environment(url, settings, access_log))  # read by each worker's app_from_env
    run_workers(uvicorn_options(host, port, count))


def run_workers(options: dict[str, Any]) -> None:
    """Several worker processes (see :mod:`cooptrack.serve.workers`: a socket that keeps Nagle off)."""
    from cooptrack.serve import workers

    workers.run(options)


def uvicorn_options(host: str, port: int, workers: int = 1) -> dict[str, Any]:
    """How Uvicorn runs the app: no Server banner, no proxy headers of its own (the app reads them from the
    configured proxies only), no access log of its own (the app's is structured); ``workers`` processes,
    none restarted for being slow to answer the supervisor's health check while it is busy (building
    its view of a large store holds it for seconds on a loaded machine: the default 5 s killed workers
    in the middle of answering)."""
    return {"host": host, "port": port, "log_level": "warning", "proxy_headers": False, "server_header": False,
            "access_log": False, "workers": workers, "timeout_worker_healthcheck": 120}  # fmt: skip


def _read_password(name: str) -> str:
    from cooptrack.serve.auth import password_problem

    if sys.stdin.isatty():
        password: str = typer.prompt(f"password for {name}", hide_input=True, confirmation_prompt=True)
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    problem = password_problem(password)
    if problem:
        raise CooptrackError(problem)
    return password


@user_app.command("add")
@boundary
def user_add(
    name: Annotated[str, typer.Argument(help="the user name to sign in with")],
    role: Annotated[
        AccountRole,
        typer.Option("--role", help="reader (reads), editor (records progress) or admin (manages accounts)"),
    ] = AccountRole.EDITOR,
    db: DbOption = None,
) -> None:
    """Add an account; the password is asked for (or read from standard input)."""
    from cooptrack.serve.auth import hash_password

    password = _read_password(name)
    with open_store(db) as store:
        store.add_user(name, role, hash_password(password))
    say(f"added {role.value} {name}")


@user_app.command("list")
@boundary
def user_list(db: DbOption = None) -> None:
    """The accounts."""
    with open_store(db) as store:
        users = store.users()
    table = Table(title=Text(f"{len(users)} accounts"), title_justify="left")
    for column in ("name", "role", "added", "disabled"):
        table.add_column(column)
    for u in users:
        disabled = f"{u.disabled_at:%Y-%m-%d}" if u.disabled_at else ""
        table.add_row(Text(u.name), Text(u.role), Text(f"{u.created_at:%Y-%m-%d}"), Text(disabled))
    stdout().print(table)


@user_app.command("role")
@boundary
def user_role(
    name: Annotated[str, typer.Argument(help="the account")],
    role: Annotated[AccountRole, typer.Argument(help="reader, editor or admin")],
    db: DbOption = None,
) -> None:
    """Give an account another role (the last admin stays one)."""
    with open_store(db) as store:
        store.set_role(name, role)
    say(f"{name} is now {role.value}")


@user_app.command("disable")
@boundary
def user_disable(name: Annotated[str, typer.Argument(help="the account")], db: DbOption = None) -> None:
    """Disable an account: it cannot sign in, its sessions end, its tokens are refused (until enabled)."""
    with open_store(db) as store:
        store.disable_user(name)
    say(f"disabled {name}; its sessions have ended")


@user_app.command("enable")
@boundary
def user_enable(name: Annotated[str, typer.Argument(help="the account")], db: DbOption = None) -> None:
    """Enable a disabled account."""
    with open_store(db) as store:
        store.enable_user(name)
    say(f"enabled {name}")


@user_app.command("remove")
@boundary
def user_remove(
    name: Annotated[str, typer.Argument(help="the account")],
    yes: Annotated[bool, typer.Option("--yes", help="do not ask for confirmation")] = False,
    db: DbOption = None,
) -> None:
    """Remove an account with its sessions and tokens (the statuses it recorded keep its name)."""
    if not yes and not typer.confirm(f"remove {name}?", default=False):
        raise CooptrackError("nothing removed")
    with open_store(db) as store:
        store.remove_user(name)
    say(f"removed {name}")


@user_app.command("reset-password")
@boundary
def user_reset_password(name: Annotated[str, typer.Argument(help="the account")], db: DbOption = None) -> None:
    """Set a new password for an account (asked for, or read from standard input); its sessions end."""
    from cooptrack.serve.auth import hash_password

    password = _read_password(name)
    with open_store(db) as store:
        store.set_password_hash(name, hash_password(password), end_sessions_but="")
    say(f"new password for {name}; its sessions have ended")


@user_app.command("logout")
@boundary
def user_logout(name: Annotated[str, typer.Argument(help="the account")], db: DbOption = None) -> None:
    """End every session of an account (it must sign in again)."""
    with open_store(db) as store:
        ended = store.end_sessions(name)
    say(f"ended {ended} sessions of {name}")


@token_app.command("add")
@boundary
def token_add(
    name: Annotated[str, typer.Argument(help="the user the token acts for")],
    label: Annotated[str, typer.Option("--label", help="what the token is for")] = "script",
    days: Annotated[int, typer.Option("--days", min=1, max=3660, help="how long it is valid")] = 90,
    db: DbOption = None,
) -> None:
    """Make an API token for a user; it is printed once and cannot be shown again."""
    from cooptrack.serve.auth import make_token

    with open_store(db) as store:
        made = make_token(store, name, label, days)
    sys.stdout.write(made.secret + "\n")
    sys.stderr.write(f"token {made.prefix}… for {name}, valid {days} days: keep it now, it is not shown again\n")


@token_app.command("list")
@boundary
def token_list(db: DbOption = None) -> None:
    """The tokens, by prefix (never the tokens themselves)."""
    with open_store(db) as store:
        tokens = store.tokens()
    table = Table(title=Text(f"{len(tokens)} tokens"), title_justify="left")
    for column in ("prefix", "user", "label", "made", "expires", "last used", "revoked"):
        table.add_column(column)
    for t in tokens:
        revoked = f"{t.revoked_at:%Y-%m-%d}" if t.revoked_at else ""
        expires = f"{t.expires_at:%Y-%m-%d}" if t.expires_at else "never"
        used = f"{t.last_used_at:%Y-%m-%d %H:%M}" if t.last_used_at else "never"
        table.add_row(Text(t.prefix), Text(t.user.name), Text(t.label), Text(f"{t.created_at:%Y-%m-%d}"),
                      Text(expires), Text(used), Text(revoked))  # fmt: skip
    stdout().print(table)


@token_app.command("revoke")
@boundary
def token_revoke(
    prefix: Annotated[str | None, typer.Argument(help="the start of the token (as token list shows it)")] = None,
    user: Annotated[str | None, typer.Option("--user", help="revoke every live token of this user")] = None,
    db: DbOption = None,
) -> None:
    """Revoke a token (or all of a user's); it stops working at once."""
    if user is not None and prefix is None:
        with open_store(db) as store:
            count = store.revoke_tokens(user)
        say(f"revoked {count} tokens of {user}")
        return
    if prefix is None or len(prefix.strip()) < 6:
        raise CooptrackError("give at least six characters of the token (cooptrack token list shows them)")
    with open_store(db) as store:
        revoked = store.revoke_token(prefix.strip(), user_name=user)
    say(f"revoked {revoked.prefix}… ({revoked.label}, for {revoked.user.name})")
