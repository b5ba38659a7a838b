"""The package's layers: imports point down (text -> features -> model -> analyzer -> front ends), never in a cycle.

Every import counts, including those inside functions: a lazy import that points
back up a layer is still a dependency, only a hidden one.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "nlp"

# Lowest first. A module may import from its own layer or any layer below it.
LAYERS = (
    ("nlp.labels", "nlp.errors", "nlp.files", "nlp.limits", "nlp.spreadsheet", "nlp.results"),
    ("nlp.pipeline", "nlp.features", "nlp.scorer", "nlp.chats", "nlp.context"),
    ("nlp.store",),
    ("nlp.suggest",),
    ("nlp.analyzer",),
    ("nlp.training", "nlp.conversation", "nlp.corpus"),
    ("nlp.render", "nlp.api", "nlp.commands", "nlp.cli", "nlp.__main__"),
)


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path, modules: set[str]) -> set[str]:
    """Every nlp module ``path`` imports, at any depth of the file.

    ``from nlp.chats import whatsapp`` depends on the module nlp.chats.whatsapp;
    ``from nlp.store import ModelStore`` on nlp.store.
    """
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                found.add(submodule if submodule in modules else node.module)
    return {name for name in found if name in modules}


def graph() -> dict[str, set[str]]:
    modules = {module_name(path): path for path in PACKAGE.rglob("*.py")}
    return {name: imports_of(path, set(modules)) - {name} for name, path in modules.items()}


def layer_of(module: str) -> int:
    for index, layer in enumerate(LAYERS):
        if any(module == top or module.startswith(top + ".") for top in layer):
            return index
    raise AssertionError(f"{module} is in no layer: add it to LAYERS in {__file__}")


def test_every_import_points_down_or_sideways():
    upward = [
        f"{module} (layer {layer_of(module)}) imports {target} (layer {layer_of(target)})"
        for module, targets in graph().items()
        if module != "nlp"
        for target in targets
        if target != "nlp" and layer_of(target) > layer_of(module)
    ]
    assert not upward, "\n".join(upward)


def test_no_import_cycles():
    edges = graph()
    state: dict[str, str] = {}
    cycles = []

    def visit(module: str, trail: list[str]) -> None:
        state[module] = "open"
        for target in sorted(edges[module]):
            if target == "nlp":  # the package's lazy front door, which imports nothing eagerly
                continue
            if state.get(target) == "open":
                cycles.append(" -> ".join(trail[trail.index(target):] + [target]))
            elif target not in state:
                visit(target, trail + [target])
        state[module] = "done"

    for module in sorted(edges):
        if module not in state:
            visit(module, [module])
    assert not cycles, "\n".join(cycles)


def test_the_package_exports_a_call_for_every_command():
    import nlp

    for name in set(nlp.__all__) - {"LABELS"}:
        assert callable(getattr(nlp, name)), name
