"""Running a bench/ script as a user does: a new interpreter, from the project root."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_bench(
    script: str, *args: str, timeout: float = 300
) -> tuple[subprocess.CompletedProcess[str], str]:
    """The finished run of `bench/<script>` with `args`, and what to show when it failed (its
    output and the end of its errors); killed after `timeout` seconds."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / script), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    return result, result.stdout + result.stderr[-4000:]
