"""The package as a user installs it: a wheel built from this checkout, installed into a fresh
virtual environment, run from another folder.

The wheel must carry every subpackage, the seed articles and the console's static files, and an
installed `ukraine-bot` must keep its fact base where a user's data belongs (the user data
directory, here under a temporary HOME), never in site-packages. The fresh environment gets the
locked dependencies from the test run's own environment through a .pth line (nothing is
downloaded); the project itself comes only from the wheel.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import sysconfig
import time
import urllib.request
import venv
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.processes import free_port

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("bot", "handlers", "knowledge")


@dataclass
class Installed:
    wheel: Path
    bin: Path
    site_packages: Path
    home: Path
    elsewhere: Path

    def env(self, **extra: str) -> dict[str, str]:
        """Only what a user's shell would have: no DATABASE_URL, no Slack settings."""
        return {"PATH": f"{self.bin}:/usr/bin:/bin", "HOME": str(self.home), "LANG": "C.UTF-8"} | (
            extra
        )


def _tracked_copy(target: Path) -> Path:
    """The checkout's files as a clone would hold them (tracked, or new and not ignored; links
    kept as links), so building the wheel leaves no trace here."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if not source.exists() and not source.is_symlink():
            continue  # deleted in the work tree
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target / name, follow_symlinks=False)
    return target


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Installed]:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs the git checkout to build from")
    base = tmp_path_factory.mktemp("packaging")
    source = _tracked_copy(base / "source")
    wheels = base / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation"]
        + ["--wheel-dir", str(wheels), str(source)],
        check=True,
        capture_output=True,
    )
    (wheel,) = wheels.glob("ukraine_peace_bot-*.whl")
    env_dir = base / "venv"
    venv.create(env_dir, with_pip=False)
    site = Path(
        sysconfig.get_path("purelib", vars={"base": str(env_dir), "platbase": str(env_dir)})
    )
    # The dependencies of this test run, not its editable install of the project (a .pth
    # line adds a folder; the editable finder's own .pth there is not run).
    (site / "deps.pth").write_text(sysconfig.get_path("purelib") + "\n")
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(env_dir / "bin" / "python"), "install"]
        + ["-q", "--no-deps", "--no-index", str(wheel)],
        check=True,
        capture_output=True,
    )
    home, elsewhere = base / "home", base / "elsewhere"
    home.mkdir()
    elsewhere.mkdir()
    yield Installed(wheel, env_dir / "bin", site, home, elsewhere)


def test_wheel_holds_every_subpackage_the_seeds_and_the_static_files(installed: Installed) -> None:
    names = set(zipfile.ZipFile(installed.wheel).namelist())
    packages = {
        str(init.parent.relative_to(ROOT)).replace(os.sep, "/")
        for package in PACKAGES
        for init in (ROOT / package).rglob("__init__.py")
    }

    assert {"knowledge/answer/kinds", "knowledge/store", "knowledge/extract", "bot/console"} <= (
        packages
    )
    assert {f"{package}/__init__.py" for package in packages} <= names
    assert {f"knowledge/seeds/{p.name}" for p in (ROOT / "seeds").glob("*.txt")} <= names
    assert {f"bot/static/{p.name}" for p in (ROOT / "bot" / "static").iterdir()} <= names
    assert not any(name.startswith(("tests/", "bench/", "data/", "seeds/")) for name in names)


def test_installed_ask_builds_its_fact_base_in_the_user_data_directory(
    installed: Installed,
) -> None:
    done = subprocess.run(
        [str(installed.bin / "ukraine-bot"), "ask", "who met Witkoff"],
        cwd=installed.elsewhere,
        env=installed.env(),
        capture_output=True,
        text=True,
        timeout=300,
    )

    assert done.returncode == 0, done.stderr
    assert "Witkoff" in done.stdout and "Umerov" in done.stdout
    data = installed.home / ".local" / "share" / "ukraine-bot"
    assert (data / "facts.sqlite3").is_file()
    assert str(installed.site_packages / "knowledge" / "seeds") in done.stderr
    assert not list(installed.site_packages.rglob("*.sqlite3"))
    assert not list(installed.elsewhere.iterdir())
    # The package the command ran is the installed one, not this checkout.
    where = subprocess.run(
        [str(installed.bin / "python"), "-c", "import knowledge; print(knowledge.__file__)"],
        cwd=installed.elsewhere,
        env=installed.env(),
        capture_output=True,
        text=True,
        check=True,
    )
    assert where.stdout.startswith(str(installed.site_packages))


def _get(url: str) -> tuple[int, bytes]:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.status, response.read()


def test_installed_serve_runs_the_console_with_its_packaged_page(installed: Installed) -> None:
    """With no settings at all: the local console, on the default fact base (built on first use
    when the ask test has not made it)."""
    port = free_port()
    server = subprocess.Popen(
        [str(installed.bin / "ukraine-bot"), "serve"],
        cwd=installed.elsewhere,
        env=installed.env(PORT=str(port)),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                status, page = _get(f"http://127.0.0.1:{port}/")
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        script_status, script = _get(f"http://127.0.0.1:{port}/static/console.js")
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=15)

    assert status == 200 and b"<html" in page.lower()
    assert script_status == 200
    assert script == (ROOT / "bot" / "static" / "console.js").read_bytes()
