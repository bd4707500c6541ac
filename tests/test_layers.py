"""The apps are layers, copilot < jobs < applications < insights < api: an app imports only itself and the
apps below it, anywhere in a module (inside functions too). Migrations are history and not checked."""

from __future__ import annotations

import ast

import pytest

from tests.paths import PROJECT_ROOT

LAYERS = ["copilot", "jobs", "applications", "insights", "api"]


def upward_imports(app: str) -> list[str]:
    found = []
    for path in sorted((PROJECT_ROOT / app).rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                modules = [node.module]
            else:
                continue
            for module in modules:
                top = module.split(".")[0]
                if top in LAYERS and LAYERS.index(top) > LAYERS.index(app):
                    found.append(f"{path.relative_to(PROJECT_ROOT)}:{node.lineno} imports {module}")
    return found


@pytest.mark.parametrize("app", LAYERS)
def test_no_app_imports_an_app_above_it(app):
    assert upward_imports(app) == []


def test_the_check_sees_an_upward_import_inside_a_function(tmp_path, monkeypatch):
    (tmp_path / "jobs").mkdir()
    (tmp_path / "jobs" / "late.py").write_text("def f():\n    from insights.cache import cached_for_user\n")
    monkeypatch.setattr(f"{__name__}.PROJECT_ROOT", tmp_path)
    assert upward_imports("jobs") == ["jobs/late.py:2 imports insights.cache"]
