"""compose.yaml: PostgreSQL, the one-shot fact base build, two HTTP-mode replicas, Caddy."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from bot.cli import main
from bot.settings import Settings
from knowledge.ingest import DEFAULT_SEEDS_DIR
from knowledge.store import open_store
from tests.factories import FakeExtractor

ROOT = Path(__file__).resolve().parents[1]

COMPOSE_ENV = {
    "POSTGRES_PASSWORD": "pg-secret",
    "SLACK_BOT_TOKEN": "xoxb-compose",
    "SLACK_SIGNING_SECRET": "compose-secret",
}


def interpolate(value: Any, env: dict[str, str]) -> Any:
    """Compose's ${NAME}, ${NAME:-default} and ${NAME:?error} substitution; $$ is a dollar."""

    def substitute(match: re.Match[str]) -> str:
        name, how, rest = match.group(1), match.group(2), match.group(3)
        if name in env and env[name]:
            return env[name]
        if how == ":?":
            raise KeyError(f"{name}: {rest}")
        return rest or ""

    if isinstance(value, str):
        value = re.sub(r"\$\{(\w+)(?:(:[-?])([^}]*))?\}", substitute, value)
        return value.replace("$$", "$")
    if isinstance(value, dict):
        return {key: interpolate(item, env) for key, item in value.items()}
    if isinstance(value, list):
        return [interpolate(item, env) for item in value]
    return value


def compose(env: dict[str, str] = COMPOSE_ENV) -> dict[str, Any]:
    loaded = yaml.safe_load((ROOT / "compose.yaml").read_text())
    assert isinstance(loaded, dict)
    result: dict[str, Any] = interpolate(loaded, env)
    return result


BOTS = ["bot-1", "bot-2"]


def test_compose_services_use_the_dockerfile_image_postgres_or_the_load_balancer() -> None:
    services = compose()["services"]

    assert set(services) == {"postgres", "build-facts", *BOTS, "lb"}
    for name in ["build-facts", *BOTS]:
        assert services[name]["build"] == "." and (ROOT / "Dockerfile").is_file()
        assert services[name]["image"] == "ukraine-bot:latest"
    assert services["postgres"]["image"] == "postgres:15"
    assert services["lb"]["image"] == "caddy:2"


def test_compose_postgres_has_a_health_check_and_a_volume() -> None:
    document = compose()
    postgres = document["services"]["postgres"]

    assert "pg_isready" in " ".join(postgres["healthcheck"]["test"])
    volume = postgres["volumes"][0].split(":")[0]
    assert volume in document["volumes"]
    assert postgres["volumes"][0].endswith(":/var/lib/postgresql/data")


def test_compose_replicas_run_in_http_mode_on_the_postgres_fact_base() -> None:
    services = compose()["services"]
    postgres = services["postgres"]["environment"]

    for name in BOTS:
        bot = services[name]
        # As environment variables, empty values count as unset (env_ignore_empty).
        env = {key: value for key, value in bot["environment"].items() if value != ""}
        settings = Settings(_env_file=None, **env)  # type: ignore[call-arg]
        assert bot["command"] == ["ukraine-bot", "serve"]
        assert settings.SLACK_BOT_TOKEN == "xoxb-compose"
        assert settings.SLACK_SIGNING_SECRET == "compose-secret"
        assert settings.SLACK_APP_TOKEN is None  # not Socket Mode
        user, database = postgres["POSTGRES_USER"], postgres["POSTGRES_DB"]
        url = settings.DATABASE_URL
        assert url == f"postgresql+psycopg://{user}:pg-secret@postgres:5432/{database}"
        assert settings.LOG_FORMAT == "json"
        assert bot["depends_on"] == {
            "postgres": {"condition": "service_healthy"},
            "build-facts": {"condition": "service_completed_successfully"},
        }
    assert (
        services["build-facts"]["environment"]["DATABASE_URL"]
        == (services["bot-1"]["environment"]["DATABASE_URL"])
    )


@pytest.mark.parametrize("missing", sorted(COMPOSE_ENV))
def test_compose_stops_when_a_secret_is_not_set(missing: str) -> None:
    with pytest.raises(KeyError, match=missing):
        compose({k: v for k, v in COMPOSE_ENV.items() if k != missing})


def test_compose_load_balancer_spreads_one_port_over_the_replicas_health_checked() -> None:
    lb = compose()["services"]["lb"]
    caddyfile = (ROOT / "deploy" / "Caddyfile").read_text()
    mounted = {v.split(":")[0]: v.split(":")[1] for v in lb["volumes"]}

    assert mounted["./deploy/Caddyfile"] == "/etc/caddy/Caddyfile"
    assert len(lb["ports"]) == 1 and lb["ports"][0].endswith(":80")
    (upstreams,) = re.findall(r"reverse_proxy ([^{]+)\{", caddyfile)
    assert upstreams.split() == [f"{name}:3000" for name in BOTS]
    assert re.search(r"^\s*health_uri /healthz$", caddyfile, re.MULTILINE)
    assert set(lb["depends_on"]) == set(BOTS)


@pytest.mark.postgres
def test_compose_build_facts_builds_postgres_once_and_keeps_later_articles(
    postgres_url: str, extractor: FakeExtractor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    command = compose()["services"]["build-facts"]["command"]
    assert command[0] == "ukraine-bot"
    monkeypatch.chdir(tmp_path)  # no .env
    monkeypatch.setenv("DATABASE_URL", postgres_url)
    # The fake extractor counts what it extracted in this process; worker processes would
    # count in their own copies of it.
    monkeypatch.setenv("EXTRACT_PROCESSES", "1")
    runner = CliRunner()
    seeds = len(list(DEFAULT_SEEDS_DIR.glob("*.txt")))

    first = runner.invoke(main, command[1:])
    article = tmp_path / "new-article.txt"
    article.write_text("Envoys met in Geneva.\n\nThey talked for three hours.\n")
    ingested = runner.invoke(main, ["ingest", str(article)])
    again = runner.invoke(main, command[1:])

    assert first.exit_code == 0, first.output
    assert ingested.exit_code == 0, ingested.output
    assert again.exit_code == 0, again.output
    with open_store(postgres_url) as store:
        assert store.stats()["articles"] == seeds + 1
    assert sorted(extractor.extracted) == sorted(
        [p.stem for p in DEFAULT_SEEDS_DIR.glob("*.txt")] + ["new-article"]
    )  # the second run extracted nothing


def test_compose_takes_every_secret_from_the_environment() -> None:
    raw = yaml.safe_load((ROOT / "compose.yaml").read_text())
    values = [
        value
        for service in raw["services"].values()
        for name, value in (service.get("environment") or {}).items()
        if name in COMPOSE_ENV
    ]

    assert len(values) == 1 + 2 * len(BOTS)  # the postgres password, each replica's two
    assert all(re.fullmatch(r"\$\{(\w+):\?[^}]+\}", value) for value in values)
