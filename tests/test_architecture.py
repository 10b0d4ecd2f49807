"""The package's shape: stages in DAG order that share only the model and the text layer.

    model, text/, storage        shared below every stage
    extract → segment → tokens → align → judge → report     the stages
    api, batch/, server/, cli,   compose the stages (the only places that know their order)
    tools/
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "pipeline"
STAGES = ("extract", "segment", "tokens", "align", "judge", "versions", "report")
SHARED = ("pipeline.model", "pipeline.text", "pipeline.storage")
MAX_LINES = 500


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _imports(path: Path) -> set[str]:
    """Every pipeline module ``path`` imports, at any depth of the file (lazy imports count)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            # "from pipeline.x import y": y may be a module of pipeline.x
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        else:
            continue
        found |= {name for name in names if name in MODULES}
    return found


GRAPH = {name: _imports(path) for name, path in MODULES.items()}


def _stage(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in STAGES else None


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_is_over_500_lines(module):
    lines = MODULES[module].read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, f"{module} has {lines} lines"


@pytest.mark.parametrize("module", sorted(m for m in MODULES if _stage(m)))
def test_a_stage_imports_only_the_model_the_text_layer_and_itself(module):
    stage = _stage(module)
    foreign = {
        imported for imported in GRAPH[module]
        if _stage(imported) != stage and not imported.startswith(SHARED)
    }
    assert not foreign, f"{module} (stage {stage}) imports {sorted(foreign)}"


def test_the_shared_layer_imports_no_stage():
    for module in MODULES:
        if module.startswith(SHARED):
            assert not {m for m in GRAPH[module] if _stage(m) or m.startswith(("pipeline.batch", "pipeline.api"))}, module


def test_no_import_cycle():
    state: dict[str, str] = {}

    def visit(module: str, path: list[str]) -> None:
        state[module] = "open"
        for imported in sorted(GRAPH[module]):
            if imported == module or module.startswith(imported + "."):
                continue  # a package's module naming its own package: not a cycle of modules
            if state.get(imported) == "open":
                raise AssertionError("import cycle: " + " → ".join(path[path.index(imported):] + [imported]))
            if imported not in state:
                visit(imported, path + [imported])
        state[module] = "done"

    for module in sorted(MODULES):
        if module not in state:
            visit(module, [module])


def test_the_stage_folders_exist_in_pipeline_order():
    assert all((PACKAGE / stage).is_dir() for stage in STAGES)
