"""The core layer stays true without a browser: no web framework in any of its imports."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

CORE = Path(__file__).parents[2] / "safetyplan" / "core"
WEB_FRAMEWORKS = ("flask", "flask_", "wtforms", "werkzeug")


def imported(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", sorted(CORE.glob("*.py")), ids=lambda path: path.name)
def test_core_imports_no_web_framework(path: Path) -> None:
    tops = {name.split(".")[0] for name in imported(path)}
    assert not {top for top in tops if top.startswith(WEB_FRAMEWORKS)}
