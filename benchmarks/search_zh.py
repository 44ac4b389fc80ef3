"""Chinese search: which index finds a query in either script, two-character phrases included.

Side by side in one run, over the same synthetic items (measures written here from invented
phrases, SYNTHETIC, half of them turned into Traditional characters with OpenCC), each contender
indexes the items and answers the same queries, each query typed in one script:

- **bigrams** (what cooptrack stores, ``store/grams.py``): the text folded (width, Traditional →
  Simplified) and written as overlapping character bigrams, in FTS5 (``unicode61``) on SQLite and
  in a ``tsvector`` with a GIN index on PostgreSQL;
- **trigram**: FTS5's ``trigram`` tokenizer over the folded text; a query of fewer than three
  characters cannot use it, so it is a LIKE scan of the folded text;
- **jieba**: the folded text cut into words by jieba (``cut_for_search``), words in FTS5; the query
  cut the same way, a phrase of its words;
- **pg_trgm** (PostgreSQL): a GIN ``gin_trgm_ops`` index on the folded text, ``LIKE '%q%'``;
- **LIKE scan**: the folded text scanned, no index (the truth too: what a query should find is
  every item whose folded text holds the folded query).

For each: the time to build the index (tokens made in Python included), its size, and per query
the items found against the truth (found / expected, and items found that hold no match) with
the median and p95 of the time to find every match (``count(*)``: search ranks every match, and
its facets count them all, so a look-up cannot stop at the first twenty). jieba is not a dependency of cooptrack:
``.venv/bin/pip install jieba==0.42.1`` to run its contender (skipped, and said so, without it).

    .venv/bin/python benchmarks/search_zh.py --n 1000000 --write
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import common
import opencc
import psycopg

from cooptrack.store.grams import fold_text, index_text, query_tokens

VERBS = ("支持", "推动", "鼓励", "深化", "加强", "探索", "共同推进", "研究")
PAIRS = ("粤港", "川港", "京港", "沪港", "闽港", "浙港", "鄂港", "湘港", "桂港", "琼港", "渝港", "津港")
PLACES = ("广州", "深圳", "成都", "重庆", "福州", "厦门", "杭州", "宁波", "武汉", "长沙", "南宁", "海口", "昆明",
          "西安", "北京", "上海", "天津", "江门", "珠海", "佛山")  # fmt: skip
REGIONS = ("粤港澳大湾区", "成渝地区双城经济圈", "长三角", "北部都会区", "前海", "南沙", "横琴")
OBJECTS = ("企业到香港上市融资", "两地高校共建联合实验室", "青年实习交流计划", "中医药标准合作", "跨境理财通",
           "医疗人员培训", "文化旅游推广", "专业服务资格互认", "绿色金融合作", "数字经济发展", "会展业合作",
           "航运物流合作", "知识产权保护", "创新科技园区建设", "法律仲裁服务", "体育交流活动")  # fmt: skip
TAILS = ("", "", "双方将于下次会议汇报进展", "由两地政府成立专责小组跟进", "先在{p}试行", "并在{r}设立服务中心")
TEMPLATES = ("{v}{pair}{o}", "{v}{p}与香港在{o}方面的合作", "{v}{r}{o}", "在{r}{v}{o}及{o2}")

# (query as typed, in one script): one, two, three and more characters, both scripts, one found nowhere
QUERIES = ("港", "粵港", "广州", "醫療", "青年", "仲裁", "大灣區", "中医药", "粤港澳大湾区", "跨境理財通",
           "專業服務資格互認", "量子")  # fmt: skip


def items(n: int, seed: int = 0) -> list[str]:
    """``n`` measures in Chinese, every second one in Traditional characters."""
    rng = random.Random(seed)
    to_traditional = opencc.OpenCC("s2t.json")
    out = []
    for i in range(n):
        o, o2 = rng.sample(OBJECTS, 2)
        text = rng.choice(TEMPLATES).format(v=rng.choice(VERBS), pair=rng.choice(PAIRS), p=rng.choice(PLACES),
                                            r=rng.choice(REGIONS), o=o, o2=o2)  # fmt: skip
        tail = rng.choice(TAILS).format(p=rng.choice(PLACES), r=rng.choice(REGIONS))
        text += f",{tail}。" if tail else "。"
        if rng.random() < 0.001:  # a rare phrase: about one item in a thousand
            text += "并研究量子计算合作。"
        out.append(to_traditional.convert(text) if i % 2 else text)
    return out


@dataclass
class Result:
    contender: str
    build_s: float
    size_mib: float
    rows: list[tuple[str, int, int, int, float, float]]  # query, expected, found right, found wrong, median, p95


def _timed(run: Callable[[], object], reps: int) -> tuple[float, float]:
    run()
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return common.median(times), common.percentile(times, 95)


def _count(conn: sqlite3.Connection | psycopg.Connection, sql: str, args: tuple[str, ...]) -> int:
    """Every match counted: what a ranked search, and its facets, go through."""
    return int(conn.execute(f"SELECT count(*) FROM ({sql}) AS found", args).fetchone()[0])  # type: ignore[index]


# --- SQLite -------------------------------------------------------------------------------------


def _fts_phrase(tokens: list[tuple[str, bool]]) -> str:
    """An FTS5 phrase of literal tokens, the last a prefix when asked."""
    phrase = '"' + " ".join(t.replace('"', '""') for t, _ in tokens) + '"'
    return phrase + ("*" if tokens and tokens[-1][1] else "")


@contextmanager
def _sqlite(name: str) -> Iterator[sqlite3.Connection]:
    path = common.DATA / f"search-zh-{name}.db"
    path.unlink(missing_ok=True)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=OFF")
    try:
        yield conn
    finally:
        conn.close()
        path.unlink(missing_ok=True)


def _sqlite_size(conn: sqlite3.Connection) -> float:
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    return float(pages * conn.execute("PRAGMA page_size").fetchone()[0]) / 2**20


def sqlite_fts(
    name: str, texts: list[str], folded: list[str], truth: dict[str, set[int]], reps: int, *,
    tokenize: str, index: Callable[[str], str], phrase: Callable[[str], str | None],
) -> Result:  # fmt: skip
    """One FTS5 contender: ``index`` makes what is indexed, ``phrase`` the MATCH (None: LIKE scan)."""
    with _sqlite(name) as conn:
        conn.execute("CREATE TABLE items(id INTEGER PRIMARY KEY, folded TEXT)")
        conn.executemany("INSERT INTO items VALUES (?, ?)", enumerate(folded))
        conn.commit()
        base = _sqlite_size(conn)
        start = time.perf_counter()
        conn.execute(f"CREATE VIRTUAL TABLE idx USING fts5(body, content='', tokenize='{tokenize}')")
        conn.executemany("INSERT INTO idx(rowid, body) VALUES (?, ?)", ((i, index(t)) for i, t in enumerate(texts)))
        conn.commit()
        build = time.perf_counter() - start
        size = _sqlite_size(conn) - base
        rows = []
        for q in QUERIES:
            match = phrase(q)
            if match is None:
                sql, arg = "SELECT id FROM items WHERE folded LIKE ?", f"%{fold_text(q)}%"
            else:
                sql, arg = "SELECT rowid FROM idx WHERE idx MATCH ?", match
            found = {r[0] for r in conn.execute(sql, (arg,))}
            median, p95 = _timed(lambda sql=sql, arg=arg: _count(conn, sql, (arg,)), reps)
            rows.append((q, len(truth[q]), len(found & truth[q]), len(found - truth[q]), median, p95))
    return Result(name, build, size, rows)


def sqlite_like(folded: list[str], truth: dict[str, set[int]], reps: int) -> Result:
    with _sqlite("like") as conn:
        conn.execute("CREATE TABLE items(id INTEGER PRIMARY KEY, folded TEXT)")
        conn.executemany("INSERT INTO items VALUES (?, ?)", enumerate(folded))
        conn.commit()
        rows = []
        for q in QUERIES:
            sql, arg = "SELECT id FROM items WHERE folded LIKE ?", f"%{fold_text(q)}%"
            found = {r[0] for r in conn.execute(sql, (arg,))}
            median, p95 = _timed(lambda sql=sql, arg=arg: _count(conn, sql, (arg,)), reps)
            rows.append((q, len(truth[q]), len(found & truth[q]), len(found - truth[q]), median, p95))
    return Result("LIKE scan", 0.0, 0.0, rows)


def _bigram_phrase(q: str) -> str:
    return _fts_phrase([(t.text, t.prefix) for t in query_tokens(q)])


def _trigram_phrase(q: str) -> str | None:
    folded = fold_text(q)
    return _fts_phrase([(folded, False)]) if len(folded) >= 3 else None


def _jieba() -> tuple[Callable[[str], str], Callable[[str], str | None]] | None:
    try:
        import jieba  # type: ignore[import-untyped]
    except ImportError:
        return None
    jieba.setLogLevel(60)
    jieba.initialize()

    def index(text: str) -> str:
        return " ".join(w for w in jieba.cut_for_search(fold_text(text)) if w.strip())

    def phrase(q: str) -> str:
        return _fts_phrase([(w, False) for w in jieba.cut(fold_text(q)) if w.strip()])

    return index, phrase


# --- PostgreSQL ---------------------------------------------------------------------------------


def postgres(texts: list[str], folded: list[str], truth: dict[str, set[int]], reps: int) -> list[Result]:
    dsn = common.PG_URL.replace("postgresql+psycopg", "postgresql")
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("DROP SCHEMA IF EXISTS bench_search_zh CASCADE")
        conn.execute("CREATE SCHEMA bench_search_zh")
        conn.execute("SET search_path = bench_search_zh, public")
        try:
            return _postgres_runs(conn, texts, folded, truth, reps)
        finally:
            conn.execute("DROP SCHEMA IF EXISTS bench_search_zh CASCADE")


def _postgres_runs(
    conn: psycopg.Connection, texts: list[str], folded: list[str], truth: dict[str, set[int]], reps: int
) -> list[Result]:
    conn.execute("CREATE TABLE items(id int PRIMARY KEY, folded text, grams text)")
    with conn.cursor() as cur, cur.copy("COPY items (id, folded) FROM STDIN") as copy:
        for i, f in enumerate(folded):
            copy.write_row((i, f))
    out = []
    start = time.perf_counter()
    with conn.cursor() as cur:
        cur.executemany("UPDATE items SET grams = %s WHERE id = %s", [(index_text(t), i) for i, t in enumerate(texts)])
    conn.execute("ALTER TABLE items ADD COLUMN v tsvector GENERATED ALWAYS AS (to_tsvector('simple', grams)) STORED")
    conn.execute("CREATE INDEX items_v ON items USING GIN (v)")
    build = time.perf_counter() - start
    out.append(_pg_queries(conn, "bigrams (tsvector, GIN)", build, "items_v", truth, reps, _pg_bigram))
    conn.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    start = time.perf_counter()
    conn.execute("CREATE INDEX items_trgm ON items USING GIN (folded gin_trgm_ops)")
    build = time.perf_counter() - start
    out.append(_pg_queries(conn, "pg_trgm (GIN)", build, "items_trgm", truth, reps, _pg_like))
    conn.execute("DROP INDEX items_trgm")
    out.append(_pg_queries(conn, "LIKE scan", 0.0, None, truth, reps, _pg_like))
    return out


def _pg_bigram(q: str) -> tuple[str, str]:
    lexemes = " <-> ".join("'" + t.text.replace("'", "''") + "'" + (":*" if t.prefix else "") for t in query_tokens(q))
    return "SELECT id FROM items WHERE v @@ to_tsquery('simple', %s)", lexemes


def _pg_like(q: str) -> tuple[str, str]:
    return "SELECT id FROM items WHERE folded LIKE %s", "%" + fold_text(q) + "%"


def _pg_queries(
    conn: psycopg.Connection, name: str, build: float, index: str | None, truth: dict[str, set[int]], reps: int,
    query: Callable[[str], tuple[str, str]],
) -> Result:  # fmt: skip
    size = conn.execute("SELECT pg_relation_size(%s)", (index,)).fetchone()[0] / 2**20 if index else 0.0  # type: ignore[index]
    rows = []
    for q in QUERIES:
        sql, arg = query(q)
        args = (arg,)
        found = {r[0] for r in conn.execute(sql, args)}  # type: ignore[arg-type]
        median, p95 = _timed(lambda sql=sql, args=args: _count(conn, sql, args), reps)
        rows.append((q, len(truth[q]), len(found & truth[q]), len(found - truth[q]), median, p95))
    return Result(name, build, size, rows)


# --- the report ---------------------------------------------------------------------------------

HEADERS = ["contender", "build s", "index MiB", "queries fully found", "items missed", "wrong items",
           "median of medians ms", "worst p95 ms"]  # fmt: skip


def summary(results: list[Result]) -> str:
    rows = []
    for r in results:
        full = sum(1 for _, want, right, wrong, *_ in r.rows if right == want and not wrong)
        missed = sum(want - right for _, want, right, *_ in r.rows)
        wrong = sum(w for *_, w, _m, _p in r.rows)
        rows.append((r.contender, r.build_s, r.size_mib, f"{full}/{len(r.rows)}", missed, wrong,
                     common.median([m for *_, m, _ in r.rows]), max(p for *_, p in r.rows)))  # fmt: skip
    return common.table(HEADERS, rows)


def detail(results: list[Result]) -> str:
    headers = ["query", *[f"{r.contender}: found / ms" for r in results]]
    rows = []
    for i, q in enumerate(QUERIES):
        cells: list[object] = [f"{q} ({results[0].rows[i][1]:,} items)"]
        for r in results:
            _, want, right, wrong, median, _p95 = r.rows[i]
            mark = "" if right == want and not wrong else " ✗"
            cells.append(f"{right:,}{f' +{wrong:,} wrong' if wrong else ''}{mark} / {median:.1f}")
        rows.append(cells)
    return common.table(headers, rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="items (default 1 000 000)")
    parser.add_argument("--reps", type=int, default=10, help="timed runs of each query")
    parser.add_argument("--no-pg", action="store_true", help="SQLite only")
    parser.add_argument("--write", action="store_true", help="update the section of docs/performance.md")
    args = parser.parse_args()
    facts = common.machine()
    print(f"Chinese search\n{facts}\n")
    common.DATA.mkdir(exist_ok=True)
    texts = items(args.n)
    folded = [fold_text(t) for t in texts]
    truth = {q: {i for i, f in enumerate(folded) if fold_text(q) in f} for q in QUERIES}
    sqlite = [
        sqlite_fts("bigrams (FTS5 unicode61)", texts, folded, truth, args.reps, tokenize="unicode61",
                   index=index_text, phrase=_bigram_phrase),
        sqlite_fts("trigram (FTS5 trigram)", texts, folded, truth, args.reps, tokenize="trigram", index=fold_text,
                   phrase=_trigram_phrase),
    ]  # fmt: skip
    segmenter = _jieba()
    if segmenter:
        sqlite.append(sqlite_fts("jieba (FTS5 unicode61)", texts, folded, truth, args.reps, tokenize="unicode61",
                                 index=segmenter[0], phrase=segmenter[1]))  # fmt: skip
    sqlite.append(sqlite_like(folded, truth, args.reps))
    body = f"### SQLite\n\n{summary(sqlite)}\n\n{detail(sqlite)}\n"
    if not segmenter:
        body += "\njieba is not installed: its contender did not run.\n"
    if not args.no_pg:
        pg = postgres(texts, folded, truth, args.reps)
        body += f"\n### PostgreSQL\n\n{summary(pg)}\n\n{detail(pg)}\n"
    print(body)
    if args.write:
        doc = (
            f"Command: `{common.command_line()}`\n\nMachine: {facts}\n\n{args.n:,} synthetic measures in Chinese, "
            f"every second one in Traditional characters; each query typed in one script, {args.reps} timed "
            "counts of every match after one untimed. *Found*: items found that hold the query folded (the truth is a "
            "scan of the folded text); ✗: some missed or some wrong.\n\n" + body
        )
        common.write_section("search-zh", "Chinese search: bigrams, trigrams or a segmenter", doc)


if __name__ == "__main__":
    main()
