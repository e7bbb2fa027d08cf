"""bench/socket_mode.py --quick: every scenario measured with the bot's Socket Mode client.

A real run (`ukraine-bot serve`, the stand-ins) of one round each; the rows are checked for a
figure each, and the generous bound of the tests (answered within 10 s), not the targets.
"""

from __future__ import annotations

import re

from tests.bench.scripts import run_bench

ROW = re.compile(
    r"^websocket-client\s+(\w+)\s+(\d+\.\d{3})s\s+(\d+\.\d{3})s\s+(\S+)\s+\d+s\s+(\w+)"
)


def test_quick_run_measures_refresh_and_each_drop() -> None:
    result, shown = run_bench("socket_mode.py", "--quick")

    rows = {m[1]: m for m in (ROW.match(line) for line in result.stdout.splitlines()) if m}
    assert set(rows) == {"refresh", "rst", "fin", "close"}, shown
    assert all(float(row[3]) < 10.0 for row in rows.values()), shown
    assert rows["refresh"][4] == "-" and all(rows[d][4] != "-" for d in ("rst", "fin", "close"))
