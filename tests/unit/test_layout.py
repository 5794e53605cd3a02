"""The package layout stays readable: no import cycle, no oversized module, stages import forward only."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "graphmodel"
MAX_LINES = 300
# Each stage may import the ones before it, never one after it.
STAGES = ["version", "schema", "models", "errors", "documents", "extract", "graph", "stores", "render", "export",
          "evaluate", "training", "pipeline", "watch", "api", "cluster", "cli"]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imports_of(path: Path) -> set[str]:
    """The graphmodel modules a file imports, at module level or inside functions."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("graphmodel"):
            for alias in node.names:
                candidate = f"{node.module}.{alias.name}"
                found.add(candidate if candidate in MODULES else node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("graphmodel"))
    return {name for name in found if name in MODULES}


GRAPH = {name: imports_of(path) - {name} for name, path in MODULES.items()}


def test_imports_have_no_cycle() -> None:
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(name: str, trail: list[str]) -> None:
        state[name] = 1
        for target in sorted(GRAPH[name]):
            if state.get(target) == 1:
                pytest.fail("import cycle: " + " -> ".join([*trail[trail.index(target):], target]))
            if target not in state:
                visit(target, [*trail, target])
        state[name] = 2

    for name in sorted(GRAPH):
        if name not in state:
            visit(name, [name])


def stage(name: str) -> int | None:
    parts = name.split(".")
    return STAGES.index(parts[1]) if len(parts) > 1 and parts[1] in STAGES else None


@pytest.mark.parametrize("name", sorted(GRAPH))
def test_stages_import_only_earlier_stages(name: str) -> None:
    own = stage(name)
    if own is None:
        return
    later = sorted(target for target in GRAPH[name] if (stage(target) or 0) > own)
    assert not later, f"{name} imports a later stage: {later}"


@pytest.mark.parametrize("name", sorted(MODULES))
def test_modules_stay_small_and_declare_their_api(name: str) -> None:
    text = MODULES[name].read_text(encoding="utf-8")
    assert len(text.splitlines()) <= MAX_LINES, f"{name} has more than {MAX_LINES} lines; split it"
    assert "__all__" in text, f"{name} has no __all__"


def test_top_level_has_no_module_families() -> None:
    top = [path.stem for path in PACKAGE.glob("*.py") if path.stem != "__init__"]
    prefixes = [stem.split("_")[0] for stem in top if "_" in stem]
    assert not [p for p in prefixes if sum(stem.startswith(p + "_") for stem in top) > 1]
    assert set(top) <= set(STAGES), f"top-level modules outside the stages: {sorted(set(top) - set(STAGES))}"
