"""The `ukraine-bot` command line: build and inspect the fact base, ask it questions, serve.

`ask`, `stats` and `facts` read the store and never load spaCy; only `build`, `ingest` and the
first use of the default fact base (built from seeds/ when missing) extract facts. The store
(SQLAlchemy) and extraction are imported by the commands that use them, so that `ask` answered
from a snapshot of a SQLite fact base (knowledge/snapshot.py) starts without them.
"""

from __future__ import annotations

import io
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from pydantic import ValidationError

from bot.intake import feeds_command
from bot.logs import configure_logging
from bot.settings import Settings, describe_settings_error, get_settings
from knowledge.facts import FACT_KINDS, Actor, Figure, Meeting, Quote, Source, Statement
from knowledge.locations import DEFAULT_SEEDS_DIR, StoreError, sqlite_path

if TYPE_CHECKING:
    from knowledge.facts import FactBase
    from knowledge.ingest import IngestReport
    from knowledge.store import Fact, FactMatches, Store

_DB_HELP = "SQLite file path or SQLAlchemy URL (default: DATABASE_URL, data/facts.sqlite3)."
_PLURAL = {
    "actor": "actors",
    "meeting": "meetings",
    "figure": "figures",
    "quote": "quotes",
    "statement": "statements",
}

db_option = click.option("--db", "db", metavar="DB", default=None, help=_DB_HELP)
processes_option = click.option(
    "--processes",
    "processes",
    type=click.IntRange(min=0),
    default=None,
    metavar="N",
    help="Processes extracting facts (default: EXTRACT_PROCESSES, else one per core; 0: one "
    "per core).",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Builds, inspects and questions the fact base about the Russia-Ukraine peace talks."""


@main.command()
@click.option(
    "--seeds",
    "seeds",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULT_SEEDS_DIR,
    show_default="seeds/",
    help="Folder of *.txt articles.",
)
@db_option
@processes_option
def build(seeds: Path, db: str | None, processes: int | None) -> None:
    """(Re)builds the fact base from the articles in seeds/."""
    from knowledge.ingest import ArticleFileError, build_fact_base

    settings = _settings()
    workers = processes if processes is not None else settings.EXTRACT_PROCESSES
    database = db if db is not None else settings.DATABASE_URL
    with _store_errors(), _opened(database, settings) as store:
        try:
            report = build_fact_base(store, seeds, progress=True, processes=workers)
        except ArticleFileError as exc:
            raise click.ClickException(str(exc)) from None
        _echo_report(report)
        click.echo(f"built {store.display_url}: {_counts_line(store.stats())}")
        _snapshot(store)
    if not report.ok:
        sys.exit(1)


def _publication_date(
    _ctx: click.Context, _param: click.Parameter, value: str | None
) -> str | None:
    if value is None:
        return None
    from knowledge.articles import publication_date

    found = publication_date(value)
    if found is None:
        raise click.BadParameter(f"{value!r} is not a date (write it 2025-11-25)")
    return found


@main.command()
@db_option
@click.option(
    "--published",
    metavar="DATE",
    default=None,
    callback=_publication_date,
    help="Publication date of these files (2025-11-25), over any date the files give.",
)
@processes_option
@click.argument("files", nargs=-1, required=True, metavar="FILE|URL...")
def ingest(
    db: str | None, published: str | None, processes: int | None, files: tuple[str, ...]
) -> None:
    """Adds articles: UTF-8 text files, HTML pages (files or http(s) URLs); the same article
    twice adds nothing, the same story from another outlet is kept as a further source.

    A text file may open with front matter (`---`, `title:`, `outlet:`, `url:`, `published:`,
    `author:`, `---`) or a date line; a page gives its title, outlet, author and date;
    relative dates in it ("on Tuesday") are read against that date. A bad file or a refused URL
    is reported and skipped, the others still go in. Exits with 1 when some file was rejected.
    """
    from bot.intake import fetcher_from_settings
    from knowledge.ingest import ingest_files

    settings = _settings()
    fetcher = fetcher_from_settings(settings) if any("://" in f for f in files) else None
    workers = processes if processes is not None else settings.EXTRACT_PROCESSES
    with _store_errors(), _fact_base(db, reading=False) as store:
        report = ingest_files(
            store, files, progress=True, published=published, fetcher=fetcher, processes=workers
        )
        _echo_report(report)
        if report.added:
            _snapshot(store)
    if not report.ok:
        sys.exit(1)


@main.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
def stats(db: str | None, as_json: bool) -> None:
    """Counts articles and facts of each kind."""
    with _store_errors(), _fact_base(db) as store:
        counts = store.stats()
        if as_json:
            click.echo(json.dumps(counts))
            return
        click.echo(f"fact base: {store.display_url}")
        width = max(len(name) for name in counts)
        for name, count in counts.items():
            click.echo(f"{name:<{width}}  {count:>6}")


@main.command()
@db_option
@click.option("--kind", type=click.Choice(FACT_KINDS), default=None, help="Kind of fact.")
@click.option("--about", metavar="NAME", default=None, help="Only facts involving this name.")
@click.option(
    "--limit",
    type=click.IntRange(min=0),
    default=20,
    show_default=True,
    help="At most this many facts (0: all).",
)
@click.option("--json", "as_json", is_flag=True, help="Print full records as JSON.")
@click.option(
    "--flagged", is_flag=True, help='The facts reported wrong in Slack ("Report a wrong fact").'
)
def facts(
    db: str | None, kind: str | None, about: str | None, limit: int, as_json: bool, flagged: bool
) -> None:
    """Lists stored facts of one kind with their sources, or (--flagged) the reported ones."""
    if flagged:
        _flagged_facts(db, as_json)
        return
    if kind is None:
        raise click.UsageError("give --kind (one of: " + ", ".join(FACT_KINDS) + ") or --flagged")
    with _store_errors(), _fact_base(db) as store:
        found = store.find_facts(kind, about=about, limit=limit or None)
    if as_json:
        click.echo(json.dumps(_facts_record(found), ensure_ascii=False, indent=2))
        return
    click.echo(_facts_heading(found))
    for fact in found.facts:
        click.echo("")
        click.echo(_describe(fact))
        for source in fact.sources:
            click.echo(_describe_source(source))


@main.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the answer as JSON.")
@click.option("--jsonl", "as_jsonl", is_flag=True, help="One JSON object per line per question.")
@click.argument("question", nargs=-1, required=True)
def ask(db: str | None, as_json: bool, as_jsonl: bool, question: tuple[str, ...]) -> None:
    """Answers QUESTION from the fact base; `-` reads one question per line from stdin."""
    if as_json and as_jsonl:
        raise click.UsageError("use --json or --jsonl, not both")
    from knowledge.answer import answer_question

    from_stdin = question == ("-",)
    if from_stdin:
        questions = [line.strip() for line in _stdin_lines() if line.strip()]
    else:
        questions = [" ".join(_argument_text(word) for word in question).strip()]
        if not questions[0]:
            raise click.UsageError("the question is empty")
    fact_base = _loaded_fact_base(db)
    records = []
    for number, text in enumerate(questions):
        answer = answer_question(text, fact_base)
        record = {"question": text, "text": answer.to_text()}
        record.update({k: v for k, v in answer.to_dict().items() if k not in record})
        if as_jsonl:
            click.echo(json.dumps(record, ensure_ascii=False, default=str))
        elif as_json:
            records.append(record)
        else:
            if from_stdin:
                click.echo(("\n" if number else "") + f"Q: {text}")
            click.echo(record["text"])
    if as_json:
        payload: Any = records if from_stdin else records[0] if records else {}
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2, default=str))


@main.command()
@db_option
@click.option(
    "--since",
    "since",
    metavar="ISO-8601",
    default=None,
    help="Start of the window, e.g. 2026-11-21 or 2026-11-21T08:00+02:00 (default: the "
    "channel's last digest with --channel, else 24 hours ago).",
)
@click.option(
    "--channel",
    metavar="CHANNEL",
    default=None,
    help="The channel whose next digest to print: what came in since its last one.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the digest as JSON.")
def digest(db: str | None, since: str | None, channel: str | None, as_json: bool) -> None:
    """Prints the digest that would be posted now: what came in since a time."""
    from knowledge.digest import compose_digest

    now = datetime.now(UTC)
    start = _parse_since(since) if since is not None else None
    with _store_errors(), _fact_base(db) as store:
        if start is None and channel is not None:
            subscription = store.subscription(channel)
            if subscription is None:
                raise click.BadParameter(
                    f"{channel} has no digest subscription", param_hint="--channel"
                )
            start = subscription.posted_until
            if start is None:
                click.echo(f"({channel} has had no digest yet: the last 24 hours)", err=True)
        result = compose_digest(store, start or now - timedelta(hours=24), now)
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2, default=str))
    else:
        click.echo(result.to_text())


def _stdin_lines() -> list[str]:
    """stdin's lines as UTF-8 whatever the locale says; bytes that are not UTF-8 become U+FFFD."""
    text = sys.stdin.buffer.read().decode("utf-8", "replace")
    return io.StringIO(text, newline=None).readlines()


def _argument_text(argument: str) -> str:
    """A command-line argument with the bytes its encoding could not decode as U+FFFD."""
    return os.fsencode(argument).decode(sys.getfilesystemencoding(), "replace")


def _parse_since(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise click.BadParameter(
            f"{text!r} is not an ISO-8601 time (try 2026-11-21 or 2026-11-21T08:00+02:00)",
            param_hint="--since",
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@main.command()
@db_option
@click.option(
    "--host",
    default=None,
    help="Interface to listen on (default: 127.0.0.1 for the console, 0.0.0.0 for HTTP mode).",
)
def serve(db: str | None, host: str | None) -> None:
    """Runs the bot: Socket Mode, HTTP mode, or the local console when Slack is not set up."""
    from bot.serve import ServeError, transport
    from bot.serve import serve as run

    settings = _settings()
    try:
        transport(settings)  # half a Slack configuration stops here, before any building
        with _store_errors(), _fact_base(db, reading=False) as store:
            run(settings, store, host=host)
    except ServeError as exc:
        raise SettingRefused(str(exc)) from None
    except KeyboardInterrupt:
        click.echo("stopped", err=True)


class SettingRefused(click.ClickException):
    """A setting `serve` cannot start with (a token Slack refuses, half a configuration): one
    line naming it, exit code 2, as for a usage error."""

    exit_code = 2


# --- opening the fact base ---------------------------------------------------------------------


def _settings() -> Settings:
    """The settings, logging configured; a malformed setting stops here with one line."""
    try:
        settings = get_settings()
    except ValidationError as exc:
        raise click.ClickException(describe_settings_error(exc)) from None
    configure_logging(settings)
    return settings


def _flagged_facts(db: str | None, as_json: bool) -> None:
    """`facts --flagged`: every report, oldest first, with the fact it names (or a note that
    the fact base no longer holds it)."""
    from knowledge.answer import describe_fact
    from knowledge.answer.model import AnswerFact
    from knowledge.fact_ids import facts_by_id, kind_of

    with _store_errors(), _fact_base(db) as store:
        flags = store.flags()
        known = facts_by_id(store.load_factbase()) if flags else {}
    records = []
    for flag in flags:
        found = known.get(flag.fact_id)
        described = None
        if found is not None:
            fact, actor = found
            described = describe_fact(AnswerFact(kind_of(fact), fact, actor=actor))
        records.append(
            {**asdict(flag), "reported_at": flag.reported_at.isoformat(), "fact": described}
        )
    if as_json:
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
        return
    click.echo(f"{len(records)} fact{'s' if len(records) != 1 else ''} reported wrong")
    for record in records:
        click.echo("")
        click.echo(
            f"{record['fact_id']}  reported by {record['reporter']} at {record['reported_at']}"
        )
        click.echo(f"  {record['fact'] or '(no longer in the fact base)'}")


def _loaded_fact_base(db: str | None) -> FactBase:
    """The fact base at `db` (or the configured one): from its snapshot when it is a SQLite
    file whose snapshot is exact, else loaded from the store, and a snapshot written."""
    from knowledge.snapshot import keep_sentences, read_snapshot_at

    path = sqlite_path(db if db is not None else _settings().DATABASE_URL)
    found = read_snapshot_at(path) if path is not None else None
    if found is not None and path is not None:
        facts, revision = found
        keep_sentences(path, revision, facts)
        return facts
    with _store_errors(), _fact_base(db) as store:
        return _snapshot(store)


def _snapshot(store: Store) -> FactBase:
    """The store's fact base: from its snapshot when exact (a PostgreSQL store's, in this
    machine's cache), else loaded and the snapshot written (`load_cached`)."""
    from knowledge.store.live import load_cached

    return load_cached(store, store.revision())  # before loading: a later write is not this


@contextmanager
def _store_errors() -> Iterator[None]:
    try:
        yield
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None


@contextmanager
def _opened(db: str, settings: Settings) -> Iterator[Store]:
    from knowledge.store import open_store

    cache = settings.CACHE_DIR
    store = open_store(db, Path(cache).expanduser() if cache else None)
    try:
        yield store
    finally:
        store.close()


@contextmanager
def _fact_base(db: str | None, reading: bool = True) -> Iterator[Store]:
    """The store at `db`, or the configured default one, built from seeds/ if still empty.

    An explicit `--db` naming a SQLite file that does not exist is an error when only reading,
    so a typo does not quietly create an empty fact base.
    """
    from knowledge.ingest import ArticleFileError, build_fact_base
    from knowledge.store import sqlite_file

    settings = _settings()
    if db is not None and reading:
        path = sqlite_file(db)
        if path is not None and not path.exists():
            raise click.ClickException(
                f"no fact base at {path}: build it with `ukraine-bot build --db {db}`"
            )
    with _opened(db if db is not None else settings.DATABASE_URL, settings) as store:
        if store.stats()["articles"] == 0:
            if db is None:
                click.echo(
                    f"note: building the fact base at {store.display_url} from "
                    f"{DEFAULT_SEEDS_DIR} (first use; this takes a little while)",
                    err=True,
                )
                try:
                    report = build_fact_base(
                        store,
                        DEFAULT_SEEDS_DIR,
                        progress=True,
                        processes=settings.EXTRACT_PROCESSES,
                    )
                except ArticleFileError as exc:
                    raise click.ClickException(str(exc)) from None
                for path_name, reason in report.errors:
                    click.echo(f"{path_name}: {reason}", err=True)
            elif reading:
                click.echo(f"note: the fact base at {store.display_url} has no articles", err=True)
        yield store


# --- output ------------------------------------------------------------------------------------


def _echo_report(report: IngestReport) -> None:
    for path, reason in report.errors:
        click.echo(f"{path}: {reason}", err=True)
    for path in report.duplicates:
        click.echo(f"{path}: already in the fact base, skipped")
    for path, _, original in report.copies:
        click.echo(f"{path}: the same story as {original}, kept as another source of it")
    click.echo(report.summary())


def _counts_line(counts: dict[str, int]) -> str:
    return ", ".join(f"{count} {name}" for name, count in counts.items())


def _facts_heading(found: FactMatches) -> str:
    noun = _PLURAL[found.kind]
    if found.about is None:
        heading = noun
    elif not found.matched:
        return f'no {noun} about "{found.about}": the name matches no actor'
    else:
        how = " (closest match)" if found.fuzzy else ""
        heading = f'{noun} about "{found.about}" → {", ".join(found.matched)}{how}'
    shown = len(found.facts)
    return f"{heading}: {shown} of {found.total}" if shown < found.total else f"{heading}: {shown}"


def _facts_record(found: FactMatches) -> dict[str, Any]:
    return {
        "kind": found.kind,
        "about": found.about,
        "matched": found.matched,
        "fuzzy": found.fuzzy,
        "total": found.total,
        "facts": [asdict(fact) for fact in found.facts],
    }


def _describe(fact: Fact) -> str:
    if isinstance(fact, Actor):
        lines = [f"{fact.name} ({fact.kind}), {fact.mentions} mentions"]
        if fact.affiliation:
            lines.append(f"  affiliation: {fact.affiliation}")
        if fact.aliases:
            lines.append(f"  aliases: {', '.join(fact.aliases)}")
        for role in fact.roles:
            cited = ", ".join(source.locator for source in role.sources)
            lines.append(f"  role: {role.label()}" + (f" [{cited}]" if cited else ""))
        return "\n".join(lines)
    if isinstance(fact, Meeting):
        where = f" in {fact.place}" if fact.place else ""
        when = f", {fact.time}" if fact.time else ""
        date = f" ({fact.date})" if fact.date else ""
        return f"{fact.kind}, {fact.status}: {', '.join(fact.participants)}{where}{when}{date}"
    if isinstance(fact, Figure):
        qualifier = f"{fact.qualifier} " if fact.qualifier else ""
        subject = f" (subject: {fact.subject})" if fact.subject else ""
        return f"{qualifier}{fact.value:g} {fact.unit}: {fact.counts}{subject}  «{fact.text}»"
    if isinstance(fact, Quote):
        topics = f" (topics: {', '.join(fact.topics)})" if fact.topics else ""
        return f"{fact.speaker} {fact.cue}: “{fact.words}”{topics}"
    if isinstance(fact, Statement):
        return f"{fact.speaker} {fact.cue}: {fact.text}"
    raise TypeError(f"not a fact: {fact!r}")


def _describe_source(source: Source) -> str:
    from knowledge.answer.render import display_date

    where = ", ".join(x for x in (source.outlet, display_date(source.published)) if x)
    link = f" <{source.url}>" if source.url else ""
    head = f"{where}: " if where else ""
    return f"  - {head}{source.article_title} ({source.locator}){link}: {source.sentence}"


main.add_command(feeds_command)
