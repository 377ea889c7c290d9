"""The app's layers, read from the source: what students have done is read in one package, imports go down.

Views -> services and crosscheck/progress -> models -> the bottom (access, timezone, extensions). A report reads
students' work only through crosscheck/progress, and asks classes.service (nothing else of classes) who may see
it; nothing imports the reports but the app factory's list of blueprints (crosscheck/blueprints.py); route
modules leave SQL to services.
"""

from __future__ import annotations

import ast

import pytest

from crosscheck.config import PROJECT_ROOT

PACKAGE = PROJECT_ROOT / "crosscheck"
FEATURES = ("accounts", "articles", "classes", "home", "lessons", "quizzes", "reports", "progress")
# Route modules that still run a statement of their own, and why they may (docs/architecture.md, Layers).
SQL_IN_ROUTES = {
    "crosscheck.accounts.routes": "the admin's user list and a password change's commit",
    "crosscheck.home.routes": "the health check's SELECT 1",
    "crosscheck.lti.routes": "a refused launch's rollback and signing the launched user in",
}


def _module_name(path) -> str:
    """crosscheck.x.y for crosscheck/x/y.py (the package itself for __init__.py)."""
    parts = path.relative_to(PROJECT_ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path) -> set[str]:
    """The crosscheck modules (or names in them) a file imports, inside functions too."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("crosscheck"):
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("crosscheck")}
    return found


MODULES = {_module_name(path): (path, _imports(path)) for path in sorted(PACKAGE.rglob("*.py"))}


def _in(module: str, *packages: str) -> bool:
    """True if `module` is one of `packages` (dotted, under crosscheck.) or inside one."""
    return any(module == f"crosscheck.{p}" or module.startswith(f"crosscheck.{p}.") for p in packages)


def test_the_reports_read_students_work_only_through_progress():
    allowed = ("access", "catalog_access", "classes.service", "content", "items", "progress", "reports")
    allowed += ("templating", "timezone", "accounts.names")  # names.py is pure: how a name shows, no database
    allowed += ("stamps.remember",)  # remembered pages: reads the stamps only, the work through the build it is given
    for module, (_, imported) in MODULES.items():
        if _in(module, "reports"):
            assert {m for m in imported if not _in(m, *allowed)} == set(), module


def test_the_remembered_pages_store_and_their_triggers_are_pure():
    for name in ("crosscheck.stamps.cache", "crosscheck.stamps.triggers"):
        path, imported = MODULES[name]
        assert imported == set(), name
        assert "flask" not in path.read_text(encoding="utf-8"), name


def test_the_dashboard_reads_students_work_only_through_progress():
    _, imported = MODULES["crosscheck.home.dashboard"]
    assert {m for m in imported if _in(m, "classes", "quizzes", "lessons", "reports")} == set()


def test_progress_sits_below_every_view_and_report():
    for module, (_, imported) in MODULES.items():
        if _in(module, "progress"):
            above = {m for m in imported if m.endswith(".routes") or _in(m, "reports", "home")}
            assert above == set(), module


def test_nothing_but_the_app_factory_imports_the_reports():
    importers = {module for module, (_, imported) in MODULES.items() if any(_in(m, "reports") for m in imported)}
    assert {m for m in importers if not _in(m, "reports")} == {"crosscheck.blueprints"}  # create_app's list


@pytest.mark.parametrize("bottom", ["crosscheck.access", "crosscheck.timezone", "crosscheck.extensions"])
def test_the_bottom_layer_imports_no_feature(bottom):
    _, imported = MODULES[bottom]
    assert {m for m in imported if _in(m, *FEATURES)} == set()


def test_roles_and_the_clock_live_below_the_features():
    for module, (path, _) in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        defined = {n.name for n in tree.body if isinstance(n, ast.FunctionDef)}
        defined |= {t.id for n in tree.body if isinstance(n, ast.Assign) for t in n.targets if isinstance(t, ast.Name)}
        if "utcnow" in defined:
            assert module == "crosscheck.timezone"
        if "ROLES" in defined:
            assert module == "crosscheck.access"


def test_route_modules_leave_sql_to_services():
    for module, (path, imported) in MODULES.items():
        if not module.endswith(".routes") or module in SQL_IN_ROUTES:
            continue
        source = path.read_text(encoding="utf-8")
        assert "db.session" not in source and "import select" not in source, module
        assert not any(m.endswith(".models") for m in imported), f"{module} imports models: use the service"
