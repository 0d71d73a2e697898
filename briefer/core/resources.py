"""Where briefer finds the templates it ships with, and a project's template search path."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent  # briefer/
# An installed wheel carries them inside the package (pyproject maps templates/ there);
# a source checkout keeps them in the repository's templates/ folder beside the package.
BUILTIN_TEMPLATES = next(
    (folder for folder in (_PACKAGE / "templates", _PACKAGE.parent / "templates") if (folder / "default").is_dir()),
    _PACKAGE / "templates",
)


def template_search_path(project_templates: Path) -> tuple[Path, ...]:
    """The project's templates folder first, then briefer's own (each folder once)."""
    folders: list[Path] = []
    for folder in (Path(project_templates), BUILTIN_TEMPLATES):
        if folder.resolve() not in [f.resolve() for f in folders]:
            folders.append(folder)
    return tuple(folders)


def find_template_folder(search_path: tuple[Path, ...], name: str) -> Path | None:
    return next((root / name for root in search_path if (root / name).is_dir()), None)
