"""The store's stamp on PostgreSQL, which the web server reads on every request: CPU of one read in
the web server's process and in the database server's, now against the way before, in one run.

Now: one row of counts moved by triggers (``store_change``, ``core_0013``), read on an async
connection of the event loop (:meth:`Store.stamp_and_accounts_async`). Before: the latest entries
of six indexes with the accounts' count, read on the store's own connection through Starlette's
thread pool, as the server did until then (the same statement is still SQLite's stamp). Each read
is awaited on one event loop, the two ways interleaved round by round; the client's CPU is this
process's (``time.process_time``), the database server's that of each connection's backend process
(``/proc/PID/stat``: run on the database's machine).

    .venv/bin/python benchmarks/stamp.py --db 'postgresql+psycopg://…' [--n 3000] [--rounds 5] [--write]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import time
from pathlib import Path

from common import PG_URL, command_line, machine, table, write_section
from sqlalchemy import select
from starlette.concurrency import run_in_threadpool

from cooptrack.store import Store
from cooptrack.store.tracking import _ACCOUNTS, _STAMP_PARTS

BEFORE = select(*_STAMP_PARTS, _ACCOUNTS)  # the statement PostgreSQL's stamp was until core_0013


def _cpu(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().split(")")[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def _measure(url: str, n: int, rounds: int) -> dict[str, tuple[float, float]]:
    store = Store(url)
    try:
        if store.engine.dialect.name != "postgresql":
            raise SystemExit("stamp.py: a PostgreSQL store is needed (SQLite's stamp is known without a query)")
        assert store._read_own(BEFORE) is not None and await store.stamp_and_accounts_async() is not None
        backends = {
            "before": store._own.driver_connection.info.backend_pid,
            "now": next(iter(store._own_async.values())).info.backend_pid,
        }

        async def before() -> None:
            await run_in_threadpool(store._read_own, BEFORE)

        async def now() -> None:
            await store.stamp_and_accounts_async()

        ways = {"before": before, "now": now}
        spent = {name: [0.0, 0.0] for name in ways}
        for _ in range(rounds):
            for name, read in ways.items():
                server, client = _cpu(backends[name]), time.process_time()
                for _ in range(n):
                    await read()
                spent[name][0] += time.process_time() - client
                spent[name][1] += _cpu(backends[name]) - server
        reads = n * rounds
        return {name: (c / reads * 1e6, s / reads * 1e6) for name, (c, s) in spent.items()}
    finally:
        store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=PG_URL, help="a PostgreSQL store (migrated when opened)")
    parser.add_argument("--n", type=int, default=3000, help="reads a round, each way")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--write", action="store_true", help="write the section of docs/performance.md")
    args = parser.parse_args()
    facts = machine()
    found = asyncio.run(_measure(args.db, args.n, args.rounds))
    rows = [
        ["before: six indexes' latest entries, own connection, thread pool", *found["before"]],
        ["now: one row of counts, the event loop's async connection", *found["now"]],
    ]
    body = (
        f"{facts}\n\nCommand: `{command_line()}`. {args.rounds} rounds of {args.n:,} reads each way, interleaved.\n\n"
        + table(["read", "web server CPU µs a read", "database server CPU µs a read"], rows)
        + f"\n\nNow / before: {found['now'][0] / found['before'][0]:.2f}× in the web server, "
        f"{found['now'][1] / found['before'][1]:.2f}× in the database server.\n"
    )
    print(body)
    if args.write:
        write_section("stamp-pg", "The store's stamp on PostgreSQL: one read, now and before", body)


if __name__ == "__main__":
    main()
