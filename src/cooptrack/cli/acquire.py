"""The acquisition commands: ``fetch URL...`` and ``crawl --since DATE|last [--until DATE]``.

Both read pages through the page cache (``--cache DIR``, else ``$COOPTRACK_CACHE``, else
``./cooptrack-cache``), so a page is fetched once unless ``--refresh`` is given, then parse and
store each release as ``ingest`` does. A page that cannot be fetched, decoded, parsed or stored is
one line ``error: <url>: <problem>`` on standard error, and the rest goes on; the exit status is 1
if any failed. At the end, a summary: pages fetched and read from the cache, releases picked and
skipped, records ingested (inserted or updated), unchanged and not relevant, and failures; with
``--format json``, the same as one JSON object with every release considered and what became of it.
On a terminal, a progress bar runs on standard error.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeRemainingColumn
from rich.text import Text

from cooptrack import config, render
from cooptrack.acquire.archive import CrawlPlan, DayDone, Decided, Failed, Fetched, IndexRead, NoIndex, crawl, today
from cooptrack.acquire.cache import CrawlState, DayStatus, Page, PageCache
from cooptrack.acquire.http import HttpClient, HttpOptions
from cooptrack.cli.base import (
    DbOption,
    FormatOption,
    OutputFormat,
    TimeCapOption,
    app,
    boundary,
    error,
    keep_overview,
    open_store,
    stderr,
    stdout,
    store_one,
)
from cooptrack.errors import CooptrackError, InputError, StoreError
from cooptrack.store import Store
from cooptrack.workers import ParsePool

CacheOption = Annotated[
    Path | None,
    typer.Option("--cache", metavar="DIR", help="the page cache [default: $COOPTRACK_CACHE or ./cooptrack-cache]"),
]
RefreshOption = Annotated[bool, typer.Option("--refresh", help="fetch pages again even when they are in the cache")]
RateOption = Annotated[
    float | None,
    typer.Option("--rate", min=0.01, max=10.0, help=f"requests per second [default: {config.REQUESTS_PER_SECOND:g}]"),
]
AllowHostOption = Annotated[
    list[str] | None,
    typer.Option("--allow-host", metavar="HOST", help="also fetch from HOST (a name, or *.domain); repeatable"),
]

_TALLY = ("fetched", "from_cache", "picked", "skipped", "inserted", "updated", "unchanged", "not_relevant", "failed")


def client_options(rate: float | None, extra_hosts: list[str]) -> HttpOptions:
    """The HTTP client's options for a command: the settings, ``--rate`` and ``--allow-host``.

    Private and loopback addresses stay refused; tests reach their local server by replacing
    this function with one whose options allow 127.0.0.1.
    """
    return HttpOptions(
        rate=config.REQUESTS_PER_SECOND if rate is None else rate,
        allowed_hosts=config.ALLOWED_HOSTS + tuple(extra_hosts),
    )


# --- the commands -------------------------------------------------------------------------------


@app.command()
@boundary
def fetch(
    urls: Annotated[list[str], typer.Argument(help="press-release pages to fetch, parse and store")],
    db: DbOption = None,
    cache: CacheOption = None,
    refresh: RefreshOption = False,
    rate: RateOption = None,
    allow_host: AllowHostOption = None,
    time_cap: TimeCapOption = config.PARSE_TIME_CAP_SECONDS,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Fetch releases by URL (once: later runs read the cache), parse and store them."""
    with (
        _Run(db, cache, client_options(rate, allow_host or []), fmt, time_cap) as run,
        run.progress(len(urls), "fetching") as step,
    ):
        for url in urls:
            run.fetch_and_store(url, refresh=refresh)
            step()
            if run.aborted:
                break
    run.finish()


@app.command("crawl")
@boundary
def crawl_archive(
    since: Annotated[
        str, typer.Option("--since", metavar="DATE|last", help="first day (YYYY-MM-DD), or last: after the last crawl")
    ],
    until: Annotated[
        str | None, typer.Option("--until", metavar="DATE", help="last day (YYYY-MM-DD) [default: today in HK]")
    ] = None,
    archive: Annotated[
        str, typer.Option("--archive", metavar="URL", help="the archive's root (daily index pages YYYYMM/DD.htm)")
    ] = config.ARCHIVE_URL,
    explain: Annotated[bool, typer.Option("--explain", help="also list each release skipped, and why")] = False,
    db: DbOption = None,
    cache: CacheOption = None,
    refresh: RefreshOption = False,
    rate: RateOption = None,
    allow_host: AllowHostOption = None,
    time_cap: TimeCapOption = config.PARSE_TIME_CAP_SECONDS,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Walk the press-release archive's daily index pages, pick the releases about co-operation
    meetings from their headlines (saying why), and fetch, parse and store them.

    A crawl that is stopped resumes where it was when run again (every page read is cached);
    --since last starts at the earliest day not done (the ledger's), for daily updates.
    """
    with _Run(db, cache, client_options(rate, allow_host or []), fmt, time_cap) as run:
        plan = _plan(since, until, archive, refresh, run.state)
        if plan is None:
            run.say(Text(f"nothing to crawl: the days up to {run.state.last_day(archive)} have been crawled"))
        else:
            run.crawl(plan, explain=explain)
    run.finish()


def _plan(since: str, until: str | None, archive: str, refresh: bool, state: CrawlState) -> CrawlPlan | None:
    """The days to crawl; None when ``--since last`` finds nothing left to do."""
    last_day = today()
    end = _date(until, "--until") if until else last_day
    if end > last_day:
        end = last_day  # the archive has no index for days to come (and a 404 would be remembered)
    if since.strip().lower() == "last":
        start_at = state.resume_day(archive)  # the earliest day not done, however many later days are
        if start_at is None:
            raise CooptrackError(
                f"{archive}: no crawl has completed a day yet (cache {state.root}); start with --since YYYY-MM-DD"
            )
        if start_at > end:
            return None
        skip = state.done_days(archive, start_at, end)
        return CrawlPlan(since=start_at, until=end, archive=archive, refresh=refresh, skip=skip)
    else:
        start = _date(since, "--since")
    if start > end:
        raise typer.BadParameter(f"{start} is after {end}", param_hint="'--since'")
    return CrawlPlan(since=start, until=end, archive=archive, refresh=refresh)


def _date(value: str, option: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError as exc:
        raise typer.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)", param_hint=f"'{option}'") from exc


# --- one run --------------------------------------------------------------------------------------


class _Run:
    """One fetch or crawl: the store, cache and client, the tally, and what the user sees."""

    def __init__(
        self, db: str | None, cache: Path | None, options: HttpOptions, fmt: OutputFormat, time_cap: float
    ) -> None:
        root = config.cache_dir(cache)
        self.cache = PageCache(root)
        self.state = CrawlState(root)
        self.fmt = fmt
        self.tally: Counter[str] = Counter(dict.fromkeys(_TALLY, 0))
        self.pages: list[dict[str, Any]] = []  # every release considered, for --format json
        self.aborted = False
        self._progress: Progress | None = None
        self._client = HttpClient(options)
        self._parser = ParsePool(1, time_cap)  # each page parsed in a worker process, under the time cap
        self._store: Store | None = None
        try:
            self._store = open_store(db)
        except BaseException:
            self._client.close()
            raise

    def __enter__(self) -> _Run:
        return self

    def __exit__(self, *exc: object) -> None:
        self._client.close()
        self._parser.close()
        if self._store is not None:
            if self.tally["inserted"] + self.tally["updated"] and not exc[0]:
                keep_overview(self._store)
            self._store.close()

    # --- output ---------------------------------------------------------------------------------

    @contextmanager
    def progress(self, total: int, label: str) -> Iterator[Any]:
        """A progress bar on a terminal's standard error; yields the function that advances it."""
        err = stderr()
        bar = Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
            console=err, transient=True, disable=not err.is_terminal, redirect_stdout=False, redirect_stderr=False,
        )  # fmt: skip
        with bar:
            task: TaskID = bar.add_task(label, total=total)
            self._progress = bar if err.is_terminal else None
            try:
                yield lambda: bar.advance(task)
            finally:
                self._progress = None

    def say(self, text: Text) -> None:
        """A line for the user (not with --format json), above the progress bar on a terminal."""
        if self.fmt is OutputFormat.JSON:
            return
        out = stdout()
        if self._progress is not None and out.is_terminal:
            self._progress.console.print(text, soft_wrap=True)
        else:
            out.print(text, soft_wrap=True)

    def fail(self, exc: CooptrackError, entry: dict[str, Any] | None = None) -> None:
        """One error line (above the progress bar on a terminal), counted, and noted in ``entry``."""
        if self._progress is not None:
            self._progress.console.print(Text("error: " + " ".join(str(exc).splitlines())), soft_wrap=True)
        else:
            error(exc)
        self.tally["failed"] += 1
        if entry is not None:
            entry["outcome"] = "failed"
            entry["error"] = str(exc)

    def finish(self) -> None:
        """The summary, then exit 1 if anything failed."""
        tally = self.tally
        ingested = tally["inserted"] + tally["updated"]
        if self.fmt is OutputFormat.JSON:
            render.print_json(stdout(), {"summary": dict(tally, ingested=ingested), "pages": self.pages})
        else:
            stdout().print(
                Text(
                    f"fetched {tally['fetched']}, from cache {tally['from_cache']}; picked {tally['picked']}, "
                    f"skipped {tally['skipped']}; ingested {ingested}, unchanged {tally['unchanged']} "
                    f"({tally['not_relevant']} not relevant); failed {tally['failed']}"
                ),
                soft_wrap=True,
            )
        raise typer.Exit(1 if tally["failed"] else 0)

    # --- work -----------------------------------------------------------------------------------

    def fetch_and_store(self, url: str, *, refresh: bool) -> None:
        entry: dict[str, Any] = {"url": url}
        self.pages.append(entry)
        try:
            page = self.cache.fetch(url, self._client, refresh=refresh)
        except InputError as exc:
            self.fail(exc, entry)
            return
        self.count_page(page)
        self.store(page, entry)

    def count_page(self, page: Page) -> None:
        self.tally["from_cache" if page.from_cache else "fetched"] += 1

    def store(self, page: Page, entry: dict[str, Any]) -> None:
        """Decode, parse and store one fetched release; a StoreError ends the run."""
        assert self._store is not None
        before = Counter(self.tally)
        try:
            doc = page.document()
            record = self._parser.parse_one(doc, page.url)
            store_one(self._store, doc, record, page.url, self.tally)
        except StoreError as exc:
            self.fail(exc, entry)
            self.aborted = True
            return
        except CooptrackError as exc:
            self.fail(exc, entry)
            return
        changed = [key for key in ("inserted", "updated", "unchanged", "failed") if self.tally[key] > before[key]]
        entry["outcome"] = changed[0] if changed else "unknown"
        entry["relevant"] = record.relevant

    def crawl(self, plan: CrawlPlan, *, explain: bool) -> None:
        """Walk the plan's days, each written down in the ledger: done, empty (no index) or incomplete."""
        empty: set[dt.date] = set()
        with self.progress((plan.until - plan.since).days + 1 - len(plan.skip), "crawling") as advance:
            for event in crawl(plan, self.cache, self._client):
                if isinstance(event, IndexRead):
                    self.count_page(event.page)
                elif isinstance(event, Decided):
                    self._decided(event, explain=explain)
                elif isinstance(event, Fetched):
                    self.count_page(event.page)
                    self.store(event.page, self.pages[-1])
                elif isinstance(event, Failed):
                    self.fail(event.error, self._entry_for(event.url))
                elif isinstance(event, NoIndex):
                    empty.add(event.day)
                elif isinstance(event, DayDone):
                    done = DayStatus.EMPTY if event.day in empty else DayStatus.DONE
                    self.state.record(plan.archive, event.day, done if event.complete else DayStatus.INCOMPLETE)
                    advance()
                if self.aborted:
                    break

    def _entry_for(self, url: str) -> dict[str, Any] | None:
        """The entry of the release just decided, when ``url`` is its (not a day's index)."""
        return self.pages[-1] if self.pages and self.pages[-1]["url"] == url else None

    def _decided(self, event: Decided, *, explain: bool) -> None:
        listing, decision = event.listing, event.decision
        self.tally["picked" if decision.picked else "skipped"] += 1
        entry: dict[str, Any] = {
            "url": listing.url, "day": listing.day.isoformat(), "title": listing.title,
            "picked": decision.picked, "reason": decision.reason,
        }  # fmt: skip
        self.pages.append(entry)
        if decision.picked or explain:
            word = "picked " if decision.picked else "skipped"
            self.say(Text(f"{word} {listing.day} {listing.title} ({decision.reason})"))
        if not decision.picked:
            entry["outcome"] = "skipped"
