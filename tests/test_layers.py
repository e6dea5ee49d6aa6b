"""The import rules of the engine's layers (DESIGN.md): content layers are plain functions
over plain data and import neither MkDocs nor the speed package; only the adapter and the
user-facing commands (kriya.commands, run by `kriya` and scripts/) import MkDocs; only the
pipeline, the adapter and the commands import kriya.speed."""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "src" / "kriya"
COMMANDS = "kriya.commands"
ALLOWED_SPEED = ("kriya.pipeline", "kriya.adapter", "kriya.speed", COMMANDS)


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """Every module `path` imports, absolute (relative imports resolved)."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")
            if node.level:
                base = base[: len(base) - node.level + 1]
                stem = ".".join(base + ([node.module] if node.module else []))
            else:
                stem = node.module or ""
            found.add(stem)
            found |= {f"{stem}.{alias.name}" for alias in node.names}
    return found


def engine_modules() -> dict[str, set[str]]:
    return {module_name(p): imports(p) for p in sorted(PACKAGE.rglob("*.py"))}


def uses(found: set[str], package: str) -> bool:
    return any(i == package or i.startswith(package + ".") for i in found)


def test_only_the_adapter_imports_mkdocs():
    offenders = [
        m
        for m, found in engine_modules().items()
        if uses(found, "mkdocs") and not m.startswith(("kriya.adapter", COMMANDS))
    ]
    assert offenders == []


def test_only_pipeline_adapter_and_scripts_import_speed():
    offenders = [
        m
        for m, found in engine_modules().items()
        if uses(found, "kriya.speed") and not m.startswith(ALLOWED_SPEED)
    ]
    assert offenders == []


def test_only_the_commands_import_the_adapter():
    offenders = [
        m
        for m, found in engine_modules().items()
        if uses(found, "kriya.adapter") and not m.startswith(("kriya.adapter", COMMANDS))
    ]
    assert offenders == []


def test_the_rules_see_imports():
    """The checker itself: it finds the imports the adapter and pipeline are known to have."""
    modules = engine_modules()
    assert uses(modules["kriya.adapter.plugin"], "mkdocs")
    assert uses(modules["kriya.pipeline"], "kriya.speed")
    assert uses(modules["kriya.commands.build"], "mkdocs")
    assert uses(modules["kriya.pages"], "kriya.urls")
