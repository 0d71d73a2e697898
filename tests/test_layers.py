"""The package's tree is the pipeline: a stage never imports a later one."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "briefer"
# Earlier first. A module may import its own layer and any earlier one, never a later one.
LAYERS = ("core", "config", "sources", "prepare", "language", "analysis", "brief", "output", "delivery",
          "commands", "cli")


def layer_of(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "briefer" or len(parts) < 2:
        return None
    return parts[1] if parts[1] in LAYERS else None


def imports_of(path: Path) -> list[tuple[int, str]]:
    relative = path.relative_to(PACKAGE.parent).with_suffix("")
    package = list(relative.parts[:-1]) if relative.name != "__init__" else list(relative.parts[:-1])
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                name = ".".join(base + ([node.module] if node.module else []))
            else:
                name = node.module or ""
            found.append((node.lineno, name))
            found += [(node.lineno, f"{name}.{alias.name}") for alias in node.names]
    return found


def test_every_module_belongs_to_a_layer():
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE)
        if relative.parts[0] in ("__init__.py", "__main__.py", "templates"):
            continue
        assert layer_of("briefer." + relative.with_suffix("").parts[0]) is not None, relative


def test_no_stage_imports_a_later_stage():
    backward = []
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE)
        own = layer_of("briefer." + relative.with_suffix("").parts[0])
        if own is None:
            continue
        for line, name in imports_of(path):
            target = layer_of(name)
            if target is not None and LAYERS.index(target) > LAYERS.index(own):
                backward.append(f"briefer/{relative}:{line} ({own}) imports {name} ({target})")
    assert not backward, "\n".join(sorted(set(backward)))


def test_the_walker_sees_a_backward_import(tmp_path):
    module = PACKAGE / "core" / "models.py"
    names = [name for _, name in imports_of(module)]
    assert all(layer_of(n) in (None, "core") for n in names)
    # a synthetic later-stage import is seen as backward
    assert LAYERS.index(layer_of("briefer.output.render")) > LAYERS.index(layer_of("briefer.prepare.clean"))
