"""The web commands: ``serve`` (the web application and API), ``user`` and ``token`` (accounts).

``cooptrack serve`` runs one Uvicorn process over the store. ``cooptrack user add NAME --role
editor`` asks for the password twice on a terminal, or reads one line from standard input
(``echo "$PW" | cooptrack user add …``). ``cooptrack token add NAME`` prints a new API token
once; only its hash is kept, and ``cooptrack token revoke PREFIX`` ends it.
"""

from __future__ import annotations

import dataclasses
import sys
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from cooptrack.cli.base import DbOption, app, boundary, open_store, say, stdout
from cooptrack.errors import CooptrackError
from cooptrack.store.accounts import AccountRole

user_app = typer.Typer(help="Accounts that may record progress (editors) and manage others (admins).",
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
) -> None:
    """Serve the web application and the JSON API (docs at /api/docs) over the store."""
    import uvicorn  # imported here: the other commands do not need it

    from cooptrack.serve.app import WebSettings, create_app

    settings = WebSettings.from_env()
    settings = dataclasses.replace(
        settings,
        read_requires_login=settings.read_requires_login or login_to_read,
        secure_cookies=settings.secure_cookies or secure_cookies,
    )
    web_app = create_app(open_store(db), settings)
    sys.stderr.write(f"cooptrack: serving on http://{host}:{port}/ (API docs at /api/docs); Ctrl-C stops\n")
    uvicorn.run(web_app, host=host, port=port, log_level="warning", proxy_headers=True)


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
    role: Annotated[AccountRole, typer.Option("--role", help="editor (records progress) or admin")] = (
        AccountRole.EDITOR
    ),
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
    for column in ("name", "role", "added"):
        table.add_column(column)
    for u in users:
        table.add_row(Text(u.name), Text(u.role), Text(f"{u.created_at:%Y-%m-%d}"))
    stdout().print(table)


@token_app.command("add")
@boundary
def token_add(
    name: Annotated[str, typer.Argument(help="the user the token acts for")],
    label: Annotated[str, typer.Option("--label", help="what the token is for")] = "script",
    db: DbOption = None,
) -> None:
    """Make an API token for a user; it is printed once and cannot be shown again."""
    from cooptrack.serve.auth import make_token

    with open_store(db) as store:
        made = make_token(store, name, label)
    sys.stdout.write(made.secret + "\n")
    sys.stderr.write(f"token {made.prefix}… for {name}: keep it now, it is not shown again\n")


@token_app.command("list")
@boundary
def token_list(db: DbOption = None) -> None:
    """The tokens, by prefix (never the tokens themselves)."""
    with open_store(db) as store:
        tokens = store.tokens()
    table = Table(title=Text(f"{len(tokens)} tokens"), title_justify="left")
    for column in ("prefix", "user", "label", "made", "revoked"):
        table.add_column(column)
    for t in tokens:
        revoked = f"{t.revoked_at:%Y-%m-%d}" if t.revoked_at else ""
        table.add_row(Text(t.prefix), Text(t.user.name), Text(t.label), Text(f"{t.created_at:%Y-%m-%d}"), Text(revoked))
    stdout().print(table)


@token_app.command("revoke")
@boundary
def token_revoke(
    prefix: Annotated[str, typer.Argument(help="the start of the token (as token list shows it)")],
    db: DbOption = None,
) -> None:
    """Revoke a token; it stops working at once."""
    if len(prefix.strip()) < 6:
        raise CooptrackError("give at least six characters of the token (cooptrack token list shows them)")
    with open_store(db) as store:
        revoked = store.revoke_token(prefix.strip())
    say(f"revoked {revoked.prefix}… ({revoked.label}, for {revoked.user.name})")
