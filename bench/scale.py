"""A synthetic year: a store of 10,000 articles, and how ingest and answering fare on it.

    .venv/bin/python bench/scale.py                    # 10,000 articles, SQLite (and PostgreSQL)
    .venv/bin/python bench/scale.py --articles 1000    # smaller, quicker
    .venv/bin/python bench/scale.py --postgres         # PostgreSQL required (else: when found)
    .venv/bin/python bench/scale.py --no-postgres      # SQLite only

The articles: the seeds and the dev corpus (tests/data/corpus/dev) but one, extracted once
with the real pipeline (the facts are cached under data/bench-scale/, keyed by the articles'
texts and the extraction code), then copied until there are `--articles` of them. Copy 0 is
the articles as they are; copy k renames every actor, place and person's name in the facts and
in the article text (bench/synthetic.py's `Renamer`: one made-up word per original word per
copy), and suffixes ids with "-k" and titles with " (k)", so every copy is distinct facts about
distinct actors. They go into the store with the store's own `add_articles` (articles with
their facts, consolidated in one transaction), as `build` would write them, without spaCy.

Measured, on SQLite and then on a throwaway PostgreSQL cluster of its own (when initdb and
pg_ctl are on the machine, or `--postgres`):

- ingest: `ukraine-bot ingest --db DB ARTICLE` of the dev article left out of the copies (a new
  real article, extracted by spaCy) into the seed base and into the big one, wall time of the
  process (spaCy's load included in both);
- cold ask: `ukraine-bot ask --db DB "who met Witkoff"`, a new process per run: the first run
  (which, on SQLite, writes the snapshot) and the median of `--cold` more;
- answers: p50 / p99 of answering bench/answers.py's questions (one warm-up pass, then
  `--repeat` timed rounds) from the fact base as `serve` holds it (`LiveFactBase`, warmed);
- serve: `ukraine-bot serve` in HTTP mode (the tests' Slack stand-in for the Web API): seconds
  from the process start until /healthz answers (it warms its fact base first), then RSS
  (VmRSS, and VmHWM the peak) from /proc after 3 s of slash commands from 4 clients.
"""

from __future__ import annotations

import argparse
import copy
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import asdict, dataclass, field
from hashlib import sha256
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.answers import COLD_QUESTION, QUESTIONS, percentile  # noqa: E402
from bench.synthetic import Copier, Renamer  # noqa: E402
from knowledge.articles import Article, content_hash  # noqa: E402
from knowledge.facts import ArticleFacts, FactBase  # noqa: E402

SEEDS = ROOT / "seeds"
DEV = ROOT / "tests" / "data" / "corpus" / "dev"
# The new article ingested into each base: never among the copies, so it is new to both.
NEW_ARTICLE = DEV / "wire_moscow_witkoff_kushner.txt"
CACHE = ROOT / "data" / "bench-scale"
DEFAULT_ARTICLES = 10_000

# Targets of issue 14 at 10,000 articles.
INGEST_RATIO = 1.2
COLD_ASK_S = 1.0
P99_MS = 25.0
RSS_MB = 500.0
TIMEOUT = [1800.0]  # seconds one process may take (--timeout)


# --- the articles --------------------------------------------------------------------------------


def base_articles() -> list[Article]:
    """The seeds and the dev articles but NEW_ARTICLE, read as `ingest` reads files."""
    from knowledge.ingest import read_article_file

    paths = sorted(SEEDS.glob("*.txt")) + sorted(
        p for p in DEV.glob("*.txt") if p.name != NEW_ARTICLE.name
    )
    return [read_article_file(path) for path in paths]


def _extraction_key(articles: list[Article]) -> str:
    digest = sha256()
    for article in articles:
        digest.update(article.id.encode() + b"\0" + article.text.encode() + b"\0")
    for path in sorted((ROOT / "knowledge").rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def extracted(articles: list[Article]) -> list[ArticleFacts]:
    """The articles' facts from the real pipeline, cached by texts and the knowledge code."""
    path = CACHE / f"facts-{_extraction_key(articles)}.json"
    if path.is_file():
        return [ArticleFacts.from_dict(item) for item in json.loads(path.read_text("utf-8"))]
    from knowledge.extract import extract_articles

    progress(f"extracting {len(articles)} articles with spaCy (cached in {path}) …")
    facts = list(extract_articles(articles))
    CACHE.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps([f.to_dict() for f in facts], ensure_ascii=False), "utf-8")
    return facts


def _joined(parts: list[ArticleFacts]) -> FactBase:
    return FactBase(
        actors=[a for p in parts for a in p.actors],
        meetings=[m for p in parts for m in p.meetings],
        figures=[f for p in parts for f in p.figures],
        quotes=[q for p in parts for q in p.quotes],
        statements=[s for p in parts for s in p.statements],
        sentences=[s for p in parts for s in p.sentences],
    )


class Copies:
    """Renamed copies of the base articles: each article with its own facts, and the
    consolidation of each copy's articles.

    One `Renamer` over the articles' facts renames every article of copy k alike (the same
    made-up name for the same name), and each figure's value is changed by a factor of its own
    per copy, so copies are distinct facts: consolidation merges nothing across copies, and the
    consolidated fact base of all the copies is theirs one after another (which
    tests/bench/test_scale.py checks against consolidating every article at once).
    """

    def __init__(self, articles: list[Article], facts: list[ArticleFacts], seed: int = 0):
        self.articles = articles
        self.facts = facts
        self._renamer = Renamer(_joined(facts), seed=seed)

    def items(
        self, count: int
    ) -> Iterator[tuple[int, list[tuple[Article, ArticleFacts]], FactBase]]:
        """(copy number, its articles with their facts, their consolidated facts) until `count`
        articles: copy 0 is the articles as they are."""
        from knowledge import consolidate

        made, number = 0, 0
        while made < count:
            take = min(len(self.articles), count - made)
            pairs = list(zip(self.articles, self.facts, strict=True))[:take]
            if number:
                copier = self._renamer.copier(number)
                pairs = [copied_article(copier, number, a, f) for a, f in pairs]
            else:
                pairs = copy.deepcopy(pairs)
            yield number, pairs, consolidate.consolidate([f for _, f in pairs])
            made += take
            number += 1


def _as_article_facts(base: FactBase) -> ArticleFacts:
    return ArticleFacts("", "", base.actors, base.meetings, base.figures, base.quotes,
                        base.statements, base.sentences)  # fmt: skip


def _value(value: float, number: int) -> float:
    """A figure's value in copy `number`: another number, the same in every article of it."""
    changed = value * (1 + number / 1000)
    return float(round(changed)) if value == int(value) and changed >= 100 else changed


def copied_base(copier: Copier, number: int, base: FactBase) -> FactBase:
    """Copy `number` of a consolidated fact base."""
    copied = copier.fact_base_of(base)
    for figure in copied.figures:
        figure.value = _value(figure.value, number)
    return copied


def copied_article(
    copier: Copier, number: int, article: Article, facts: ArticleFacts
) -> tuple[Article, ArticleFacts]:
    """Copy `number` of one article and its facts, every name renamed by `copier`."""
    article_id = f"{article.id}-{number}"
    text = copier.text(article.text)
    copied = Article(
        id=article_id,
        title=f"{copier.text(article.title)} ({number})",
        text=text,
        sha256=content_hash(f"{text}\n({number})"),  # distinct even if a text had no name
        path="",
        published=article.published,
        outlet=article.outlet,
        url=None if article.url is None else f"{article.url}?copy={number}",
        author=article.author,
    )
    base = copied_base(copier, number, FactBase(
        facts.actors, facts.meetings, facts.figures, facts.quotes, facts.statements,
        facts.sentences))  # fmt: skip
    own = ArticleFacts(
        article_id,
        f"{copier.text(facts.title)} ({number})",
        base.actors, base.meetings, base.figures, base.quotes, base.statements, base.sentences,
    )  # fmt: skip
    return copied, own


def write_seed_store(db: str, items: list[tuple[Article, ArticleFacts]]) -> float:
    """Adds the articles to the (empty) store at `db` with `Store.add_articles` (consolidated
    as `build` and `ingest` do); seconds taken."""
    from knowledge.store import open_store

    start = time.perf_counter()
    store = open_store(db)
    try:
        store.add_articles(items)
    finally:
        store.close()
    return time.perf_counter() - start


def write_big_store(db: str, copies: Copies, count: int) -> float:
    """Writes `count` articles into the (empty) store at `db` in one transaction, with the
    store's own rows: each article's row with its facts (what a later ingest consolidates
    again), then the consolidated fact base, the copies' consolidations one after the other,
    cited with their articles' outlets as the store cites them, and a new revision."""
    from sqlalchemy.orm import Session

    from knowledge.store import open_store, provenance, rows
    from knowledge.store.engine import utc_now
    from knowledge.store.schema import MetaRow
    from knowledge.store.store import _article_row

    start = time.perf_counter()
    store = open_store(db)
    big = FactBase()
    try:
        with Session(store.engine) as session, session.begin():
            now = utc_now()
            for _, pairs, consolidated in copies.items(count):
                session.add_all(_article_row(article, facts, now) for article, facts in pairs)
                session.flush()
                session.expunge_all()
                for name in ("actors", "meetings", "figures", "quotes", "statements",
                             "sentences"):  # fmt: skip
                    getattr(big, name).extend(getattr(consolidated, name))
            progress(f"  {count} article rows written; the fact base …")
            provenance.cite_publications(big, *provenance.publications(session))
            rows.write_fact_base(session, big)
            session.merge(MetaRow(key="revision", value=uuid.uuid4().hex))
    finally:
        store.close()
    return time.perf_counter() - start


# --- measuring -----------------------------------------------------------------------------------


@dataclass
class Figures:
    """What one base measured."""

    label: str
    articles: int
    stats: dict[str, int] = field(default_factory=dict)
    write_s: float = 0.0
    ingest_s: float = 0.0
    cold_first_s: float = 0.0
    cold_s: list[float] = field(default_factory=list)
    cold_line: str = ""
    load_s: float = 0.0
    p50_ms: float = 0.0
    p99_ms: float = 0.0
    serve_start_s: float = 0.0
    rss_mb: float = 0.0
    hwm_mb: float = 0.0


def bot_command() -> list[str]:
    script = Path(sys.executable).parent / "ukraine-bot"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from bot.cli import main; main()"]


def run_bot(*args: str) -> tuple[float, subprocess.CompletedProcess[str]]:
    """Runs `ukraine-bot ARGS` in a new process: its wall time and result (failure raises)."""
    from bench.http_mode import _clean_env

    command = [*bot_command(), *args]
    start = time.perf_counter()
    result = subprocess.run(
        command, cwd=ROOT, env=_clean_env(), capture_output=True, text=True, check=False,
        timeout=TIMEOUT[0],
    )  # fmt: skip
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stdout}{result.stderr}")
    return seconds, result


def stats(db: str) -> dict[str, int]:
    _, result = run_bot("stats", "--db", db, "--json")
    return {k: int(v) for k, v in json.loads(result.stdout).items()}


def cold_asks(db: str, runs: int, figures: Figures) -> None:
    """The first `ask` after a write (it may write the snapshot), then `runs` more."""
    figures.cold_first_s, _ = run_bot("ask", "--db", db, COLD_QUESTION)
    progress(f"  cold ask, first after the write: {figures.cold_first_s:.2f} s")
    for run in range(runs):
        seconds, result = run_bot("ask", "--db", db, COLD_QUESTION)
        figures.cold_s.append(seconds)
        figures.cold_line = (result.stdout.strip().splitlines() or [""])[0]
        progress(f"  cold ask {run + 1} of {runs}: {seconds:.2f} s")


def answer_latency(db: str, repeat: int, figures: Figures) -> None:
    """p50 / p99 of the questions answered from the fact base `serve` holds, warmed."""
    import gc

    from knowledge.answer import answer_question, index_for
    from knowledge.store import LiveFactBase, open_store

    store = open_store(db)
    try:
        start = time.perf_counter()
        live = LiveFactBase(store, check_every=3600)
        live.warm()
        figures.load_s = time.perf_counter() - start
        facts = live.get()
        index = index_for(facts)
        questions = list(QUESTIONS)
        for question in questions:
            answer_question(question, facts, index=index)
        gc.collect()
        timings: list[int] = []
        clock = time.perf_counter_ns
        for _ in range(repeat):
            for question in questions:
                begin = clock()
                answer_question(question, live.get(), index=index_for(live.get()))
                timings.append(clock() - begin)
    finally:
        store.close()
    timings.sort()
    figures.p50_ms = percentile(timings, 50) / 1e6
    figures.p99_ms = percentile(timings, 99) / 1e6


def serve_figures(db: str, figures: Figures) -> None:
    """Start time of `ukraine-bot serve` (HTTP mode) until /healthz answers, and its RSS."""
    from bench import http_mode
    from tests.processes import free_port

    questions = [q for q in QUESTIONS if q]
    with ExitStack() as stack:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-scale-")))
        env = http_mode._clean_env()
        slack = stack.enter_context(
            http_mode._process(
                "stand-in",
                [sys.executable, "-m", "tests.slack_stub"],
                folder,
                env,
                prints_port=True,
            )
        )
        bot_env = env | {
            "SLACK_BOT_TOKEN": http_mode.BOT_TOKEN,
            "SLACK_SIGNING_SECRET": http_mode.SECRET,
            "SLACK_API_URL": f"http://127.0.0.1:{slack.port}/api/",
            "PORT": str(free_port()),
            "DATABASE_URL": db,
        }
        start = time.perf_counter()
        bot = stack.enter_context(
            http_mode._process(
                "bot",
                [*bot_command(), "serve", "--host", "127.0.0.1"],
                folder,
                bot_env,
                prints_port=False,
            )
        )
        figures.serve_start_s = time.perf_counter() - start
        stand_in = http_mode._StandIn(slack)
        result = http_mode.run_round(bot, stand_in, "warm", 3.0, 4, questions)
        http_mode._check(result, bot)
        figures.rss_mb = bot.memory_kb("VmRSS") / 1024
        figures.hwm_mb = bot.memory_kb("VmHWM") / 1024


def ingest_new(db: str) -> float:
    seconds, _ = run_bot("ingest", "--db", db, str(NEW_ARTICLE))
    return seconds


def measure(
    label: str, db: str, write: Callable[[str], float], count: int, args: argparse.Namespace
) -> Figures:
    """Every figure of one base, the ingest last (it changes the base)."""
    figures = Figures(label, count)
    progress(f"{label}: writing {count} articles …")
    figures.write_s = write(db)
    figures.stats = stats(db)
    progress(f"{label}: {figures.stats}; cold asks …")
    try:
        cold_asks(db, args.cold, figures)
    except subprocess.TimeoutExpired:
        figures.cold_first_s = figures.cold_first_s or math.inf
        figures.cold_s.append(math.inf)
    progress(f"{label}: answer latency …")
    answer_latency(db, args.repeat, figures)
    progress(f"  loaded and warmed in {figures.load_s:.2f} s; answers p50 {figures.p50_ms:.2f} ms,"
             f" p99 {figures.p99_ms:.2f} ms")  # fmt: skip
    progress(f"{label}: serve …")
    serve_figures(db, figures)
    progress(f"  serve answered /healthz after {figures.serve_start_s:.2f} s; RSS"
             f" {figures.rss_mb:.0f} MB (peak {figures.hwm_mb:.0f})")  # fmt: skip
    if args.ingest:
        progress(f"{label}: ingest of one new article …")
        try:
            figures.ingest_s = ingest_new(db)
        except subprocess.TimeoutExpired:
            figures.ingest_s = math.inf
    progress(f"{label}: {asdict(figures) | {'stats': None}}")
    return figures


# --- PostgreSQL ----------------------------------------------------------------------------------


@contextmanager
def postgres_cluster() -> Iterator[str]:
    """A throwaway PostgreSQL cluster on a Unix socket (the one the tests start); yields the URL
    of its `postgres` database."""
    from tests.postgres import postgres_bindir, throwaway_cluster

    bindir = postgres_bindir()
    if bindir is None:
        raise SystemExit("no PostgreSQL binaries (initdb, pg_ctl) on this machine")
    with ExitStack() as stack:
        try:
            server = stack.enter_context(throwaway_cluster(bindir, prefix="bench-scale-pg-"))
        except RuntimeError as error:  # initdb or pg_ctl failed: say so, no traceback
            raise SystemExit(str(error)) from None
        yield server.render_as_string(hide_password=False)


def new_database(server_url: str) -> str:
    """A new empty database in the cluster; its URL."""
    from sqlalchemy.engine import make_url

    from tests.postgres import new_database as create

    return create(make_url(server_url), prefix="scale_")


# --- printing ------------------------------------------------------------------------------------


def progress(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def verdict(value: float, target: float) -> str:
    return "ok" if value <= target else "missed"


def print_figures(engine: str, seed: Figures, big: Figures) -> None:
    print(f"## {engine}")
    for figures in (seed, big):
        counts = ", ".join(f"{v:,} {k}" for k, v in figures.stats.items())
        print(f"{figures.label}: {counts} (written in {figures.write_s:.1f} s)")
    print()
    print(f"| measure | {seed.label} | {big.label} | target at {big.label} | result |")
    print("| --- | --- | --- | --- | --- |")
    ratio = big.ingest_s / seed.ingest_s if seed.ingest_s else 0.0
    rows = (
        []
        if not seed.ingest_s
        else [
            (
                "ingest one new article (process)",
                f"{seed.ingest_s:.2f} s",
                f"{big.ingest_s:.2f} s ({ratio:.2f}×)",
                f"≤ {INGEST_RATIO}× seeds",
                verdict(ratio, INGEST_RATIO),
            ),
        ]
    )
    rows += [
        ("cold ask, first after a write", f"{seed.cold_first_s:.2f} s",
         f"{big.cold_first_s:.2f} s", "", ""),
        (f"cold ask, median of {len(big.cold_s)}", f"{statistics.median(seed.cold_s):.2f} s",
         f"{statistics.median(big.cold_s):.2f} s", f"≤ {COLD_ASK_S:g} s",
         verdict(statistics.median(big.cold_s), COLD_ASK_S)),
        ("fact base load + warm (in process)", f"{seed.load_s:.2f} s", f"{big.load_s:.2f} s",
         "", ""),
        ("answer p50", f"{seed.p50_ms:.2f} ms", f"{big.p50_ms:.2f} ms", "", ""),
        ("answer p99", f"{seed.p99_ms:.2f} ms", f"{big.p99_ms:.2f} ms", f"≤ {P99_MS:g} ms",
         verdict(big.p99_ms, P99_MS)),
        ("serve start (until /healthz)", f"{seed.serve_start_s:.2f} s",
         f"{big.serve_start_s:.2f} s", "", ""),
        ("serve RSS after warm (peak)", f"{seed.rss_mb:.0f} MB ({seed.hwm_mb:.0f})",
         f"{big.rss_mb:.0f} MB ({big.hwm_mb:.0f})", f"≤ {RSS_MB:g} MB",
         verdict(big.rss_mb, RSS_MB)),
    ]  # fmt: skip
    for row in rows:
        print("| " + " | ".join(row) + " |")
    print(f"(cold ask answered: {big.cold_line!r})")
    print()


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=DEFAULT_ARTICLES, metavar="N")
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--postgres",
        action="store_true",
        default=None,
        help="also on PostgreSQL; an error without its binaries",
    )
    group.add_argument("--no-postgres", dest="postgres", action="store_false")  # fmt: skip
    parser.add_argument("--cold", type=int, default=5, help="timed cold asks (default 5)")
    parser.add_argument("--repeat", type=int, default=5, help="timed rounds of the questions")
    parser.add_argument("--no-ingest", dest="ingest", action="store_false",
                        help="skip the ingest of a new article")  # fmt: skip
    parser.add_argument("--no-sqlite", dest="sqlite", action="store_false")
    parser.add_argument("--timeout", type=float, default=1800.0,
                        help="seconds any one process may take (default 1800)")  # fmt: skip
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = parser.parse_args()
    if args.articles < 1:
        parser.error("--articles must be at least 1")
    return args


def main() -> None:
    args = parse_args()
    TIMEOUT[0] = args.timeout
    from bench import http_mode

    http_mode.STARTUP_S = args.timeout
    started = time.perf_counter()
    articles = base_articles()
    facts = extracted(articles)
    seeds = len(list(SEEDS.glob("*.txt")))
    seed_items = list(zip(articles, facts, strict=True))[:seeds]
    copies = Copies(articles, facts)
    if args.postgres is None:
        from tests.postgres import postgres_bindir

        args.postgres = postgres_bindir() is not None
    load = os.getloadavg()
    print(f"load average at start: {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}, "
          f"{os.cpu_count()} cores")  # fmt: skip
    print()
    big_label = f"{args.articles:,} articles"

    def seed_store(db: str) -> float:
        return write_seed_store(db, seed_items)

    def big_store(db: str) -> float:
        return write_big_store(db, copies, args.articles)

    results: dict[str, list[Figures]] = {}
    engines = (["sqlite"] if args.sqlite else []) + (["postgres"] if args.postgres else [])
    for engine in engines:
        with ExitStack() as stack:
            if engine == "sqlite":
                folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-")))
                dbs = [str(folder / "seeds.sqlite3"), str(folder / "big.sqlite3")]
            else:
                server = stack.enter_context(postgres_cluster())
                dbs = [new_database(server), new_database(server)]
            name = "SQLite" if engine == "sqlite" else "PostgreSQL"
            results[name] = [
                measure(f"{name} seeds", dbs[0], seed_store, len(seed_items), args),
                measure(f"{name} {big_label}", dbs[1], big_store, args.articles, args),
            ]
        print_figures(name, *results[name])
    load = os.getloadavg()
    print(f"load average at end: {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}; "
          f"whole benchmark {time.perf_counter() - started:.0f} s")  # fmt: skip
    if args.json:
        args.json.write_text(
            json.dumps({k: [asdict(f) for f in v] for k, v in results.items()}, indent=2)
        )


if __name__ == "__main__":
    main()
