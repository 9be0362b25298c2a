"""The layers of zicht hold: the import contract in pyproject.toml (import-linter) is kept.

A lower layer that imports an upper one, two apps of one layer that import each other, an
engine that imports Django or runtime code that imports the test data fails this test, with the
offending import chain in its output."""

from __future__ import annotations

import ast
from pathlib import Path

from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parent.parent


def test_every_import_respects_the_layers(capsys):
    result = lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True)
    assert result == 0, capsys.readouterr().out


def _imports_inside_functions(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for node in ast.walk(function):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("zicht"):
                found.append((node.lineno, node.module or ""))
            elif isinstance(node, ast.Import):
                found += [(node.lineno, a.name) for a in node.names if a.name.startswith("zicht")]
    return found


def test_a_zicht_import_inside_a_function_says_why():
    """An import placed inside a function to dodge a cycle is a cycle; one placed there for
    another reason (start-up time, a data migration's historical models) carries a comment."""
    unexplained = []
    for path in sorted((ROOT / "zicht").rglob("*.py")):
        if {"tests", "migrations"} & set(path.relative_to(ROOT).parts):
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        for lineno, module in _imports_inside_functions(path):
            nearby = lines[lineno - 2 : lineno]
            if not any("#" in line for line in nearby):
                unexplained.append(f"{path.relative_to(ROOT)}:{lineno} imports {module}")
    assert not unexplained, "\n".join(unexplained)
