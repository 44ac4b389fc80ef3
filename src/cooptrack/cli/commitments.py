"""Commands about commitments: a measure followed from meeting to meeting (list, show, split, join).

``cooptrack commitments list [PARTNER] [--stale]`` counts each commitment once however many
meetings repeated it; ``show KEY`` gives its appearances with the wording's changes; ``split`` and
``join`` record a user's decision (kept for ever, replayed after every re-ingest).
"""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text

from cooptrack import render
from cooptrack.cli.base import DbOption, FormatOption, OutputFormat, app, boundary, open_store, say, stdout
from cooptrack.cli.knowledge import ByOption, NoteOption, _by, _recorded, _t, _wording
from cooptrack.knowledge import commitments
from cooptrack.views import ledger

commitments_app = typer.Typer(
    help="Measures followed from meeting to meeting: list, show, split, join.", no_args_is_help=True
)
app.add_typer(commitments_app, name="commitments")

KeyArgument = Annotated[str, typer.Argument(help="a commitment's or an appearance's key (six characters or more)")]


def _rows(db: str | None, partner: str | None, stale: bool) -> tuple[list[dict[str, Any]], list[commitments.Reshape]]:
    """The commitments of ``partner`` (or every one), as /api/commitments lists them, and the users'
    decisions that name a measure no release reads any more."""
    from cooptrack.views import service as views  # the commitment's one summary, the API's too (views.commitment)

    with open_store(db) as store:
        d = views.Data(store)
        rows = views.commitments_filter(d, partner=partner, theme=None, status=None, q=None, stale=stale)
        return rows, d.ledger.unattached


@commitments_app.command("list")
@boundary
def list_commitments(
    partner: Annotated[str | None, typer.Argument(help="only this partner's (e.g. Jiangxi)")] = None,
    stale: Annotated[
        bool,
        typer.Option(
            "--stale", help="only those with no status change for 12 months, or still agreed after three meetings"
        ),
    ] = False,
    db: DbOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Every commitment once, with where it was first agreed and last seen, its status and staleness
    (with --format json, the items of /api/commitments)."""
    rows, unattached = _rows(db, partner, stale)
    if fmt is OutputFormat.JSON:
        render.print_json(stdout(), rows)
        return
    statements = sum(len(r["appearances"]) for r in rows)
    title = f"{len(rows)} commitments ({statements} statements at meetings)"
    table = Table(title=Text(title), title_justify="left", box=box.SIMPLE_HEAD)
    for column in ("key", "measure (latest wording)", "first agreed", "last seen", "meetings", "status", "stale"):
        table.add_column(column, overflow="fold", justify="right" if column == "meetings" else "left")
    for r in rows:
        table.add_row(_t(r["key"][:12], "cyan"), _t(r["text"]), _t(r["first_agreed"]["meeting"]),
                      _t(r["last_seen"]["meeting"]), _t(len(r["appearances"])), _t(r["status"]),
                      _t("; ".join(r["stale"]), "yellow"))  # fmt: skip
    stdout().print(table)
    for gone in unattached:
        say(f"kept, not applied: {gone.kind} by {gone.made_by} on {gone.made_at[:10]} names a measure no release "
            f"reads any more ({gone.first[:12]}, {gone.second[:12]})", "yellow")  # fmt: skip


@commitments_app.command("show")
@boundary
def show_commitment(key: KeyArgument, db: DbOption = None, fmt: FormatOption = OutputFormat.TABLE) -> None:
    """A commitment meeting by meeting: first agreed, repeated, reworded (word by word), last seen."""
    from cooptrack.views import service as views  # the commitment's one document, the API's too (views.commitment)

    with open_store(db) as store:
        d = views.Data(store)
        row = views.commitment_view(d, d.commitment(key)).document()
    if fmt is OutputFormat.JSON:
        render.print_json(stdout(), row)
        return
    head = Text.assemble((row["text"], "bold"), f"\n{row['mechanism']} · status {row['status']}")
    table = Table(box=box.SIMPLE_HEAD)
    for column in ("", "meeting", "when", "key", "basis / wording"):
        table.add_column(column, overflow="fold")
    labels = {"first": "first agreed", "repeated": "repeated", "reworded": "reworded"}
    for a in row["appearances"]:
        detail = _wording(a["wording"]) if a["wording"] else _t(a["basis"] or a["text"])
        table.add_row(_t(labels[a["how"]], "bold"), _t(a["meeting"]), _t(a["when"]), _t(a["key"][:12], "cyan"), detail)
    parts: list[Any] = [head, table]
    parts += [Text(f"stale: {why}", "yellow") for why in row["stale"]]
    parts += [Text(f"{d['kind']} by {d['made_by']} on {d['made_at'][:10]}", "dim") for d in row["decisions"]]
    parts.append(Text("cooptrack commitments split KEY / join KEY KEY records a decision (keys as shown).", "dim"))
    stdout().print(Group(*parts))


@commitments_app.command("split")
@boundary
def split_commitment(
    key: Annotated[str, typer.Argument(help="the key of the appearance that starts a commitment of its own")],
    by: ByOption = None,
    note: NoteOption = None,
    db: DbOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """This appearance (and those after it) is not the commitment agreed before it."""
    with open_store(db) as store:
        _recorded(ledger.split(store, key, by=_by(by), note=note), fmt)


@commitments_app.command("join")
@boundary
def join_commitments(
    first: KeyArgument,
    second: KeyArgument,
    by: ByOption = None,
    note: NoteOption = None,
    db: DbOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """The commitments of these two measures are one."""
    with open_store(db) as store:
        _recorded(ledger.join(store, first, second, by=_by(by), note=note), fmt)
