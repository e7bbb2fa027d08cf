"""bench/incremental.py and bench/extract.py at several process counts run and print their
figures (smoke tests: the figures themselves are benchmark results, not timed tests)."""

from __future__ import annotations

import re

from tests.bench.scripts import run_bench


def test_incremental_bench_times_one_article_into_both_stores() -> None:
    result, output = run_bench("incremental.py", "--quick", timeout=900)
    assert result.returncode == 0, output
    small = re.search(r"into the 5 seeds:\s+([\d.]+) s", result.stdout)
    large = re.search(r"into 10 articles:\s+([\d.]+) s", result.stdout)
    ratio = re.search(r"ratio: ([\d.]+)", result.stdout)
    assert small and large and ratio, output
    assert float(small[1]) > 0 and float(large[1]) > 0
    shown = float(ratio[1])  # of the medians; the times are printed rounded to 1 ms
    assert abs(shown - float(large[1]) / float(small[1])) <= 0.05 * shown + 0.02, output


def test_extract_bench_compares_one_and_two_processes_with_bare_nlp_pipe() -> None:
    result, output = run_bench(
        "extract.py", "--repeat", "1", "--copies", "1", "--processes", "1,2", timeout=900
    )
    assert result.returncode == 0, output
    assert "1 process(es):" in result.stdout and "2 process(es):" in result.stdout, output
    assert len(re.findall(r"ratio: \d+\.\d\d", result.stdout)) == 2, output
    assert re.search(r"2 processes over 1: ours \d+\.\d\dx, bare \d+\.\d\dx", result.stdout), output
