"""Imports follow the data flow: a lower layer never imports a higher one.

sources → extract → link → store → pipeline → analytics → interfaces, with the domain records and the
knowledge base underneath. Every `sitrep` import is checked, absolute or relative, at module level or
inside a function.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

import sitrep

PACKAGE = "sitrep"
# Rank of each top-level part of the package; equal ranks may import each other.
LAYERS: dict[str, int] = {
    "": 0,  # sitrep/__init__.py
    "domain": 0,
    "errors": 0,
    "settings": 0,
    "knowledge": 1,
    "sources": 2,
    "extract": 3,
    "link": 4,
    "store": 5,
    "pipeline": 6,
    "analytics": 7,
    "interfaces": 8,
    "__main__": 8,  # `python -m sitrep` is an entry point like the CLI
}


@dataclass(frozen=True, slots=True)
class Violation:
    module: str
    line: int
    imported: str
    module_layer: str
    imported_layer: str

    def __str__(self) -> str:
        return (
            f"{self.module}:{self.line} imports {self.imported} "
            f"({self.module_layer!r} rank {LAYERS[self.module_layer]} may not import "
            f"{self.imported_layer!r} rank {LAYERS[self.imported_layer]})"
        )


def layer_of(module: str) -> str | None:
    """The top-level part a dotted `sitrep...` name belongs to, or None for a part with no rank."""
    parts = module.split(".")
    if parts[0] != PACKAGE:
        raise ValueError(f"not a {PACKAGE} module: {module}")
    top = parts[1] if len(parts) > 1 else ""
    return top if top in LAYERS else None


def _package_of(module: str, is_package: bool) -> list[str]:
    parts = module.split(".")
    return parts if is_package else parts[:-1]


def imported_modules(module: str, source: str, is_package: bool = False) -> list[tuple[int, str]]:
    """Every `sitrep.*` name the source imports, with line numbers; relative imports resolved."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names
                         if alias.name.split(".")[0] == PACKAGE)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                package = _package_of(module, is_package)
                if node.level - 1 > len(package) - 1:
                    raise ValueError(f"{module}:{node.lineno}: relative import goes above {PACKAGE}")
                base_parts = package[: len(package) - (node.level - 1)]
                base = ".".join([*base_parts, *([node.module] if node.module else [])])
            else:
                base = node.module or ""
            if base.split(".")[0] != PACKAGE:
                continue
            if base == PACKAGE:
                # `from sitrep import store` reaches the subpackage; `from sitrep import __version__`
                # reaches the package root.
                found.extend((node.lineno, f"{PACKAGE}.{alias.name}" if alias.name in LAYERS else PACKAGE)
                             for alias in node.names)
            else:
                found.append((node.lineno, base))
    return found


def check_source(module: str, source: str, is_package: bool = False) -> tuple[list[Violation], list[str]]:
    """Layer violations in one module, and problems that stop the check (parts without a rank)."""
    violations: list[Violation] = []
    problems: list[str] = []
    own = layer_of(module)
    if own is None:
        return violations, [f"{module} is in a part of {PACKAGE} with no layer rank; add it to LAYERS"]
    for line, imported in imported_modules(module, source, is_package):
        target = layer_of(imported)
        if target is None:
            problems.append(f"{module}:{line} imports {imported}, a part with no layer rank; "
                            "add it to LAYERS")
        elif LAYERS[target] > LAYERS[own]:
            violations.append(Violation(module, line, imported, own, target))
    return violations, problems


def module_name(path: Path, package_root: Path) -> tuple[str, bool]:
    relative = path.relative_to(package_root.parent).with_suffix("")
    parts = list(relative.parts)
    is_package = parts[-1] == "__init__"
    if is_package:
        parts = parts[:-1]
    return ".".join(parts), is_package


def check_tree(package_root: Path) -> tuple[list[Violation], list[str]]:
    violations: list[Violation] = []
    problems: list[str] = []
    for path in sorted(package_root.rglob("*.py")):
        module, is_package = module_name(path, package_root)
        found, trouble = check_source(module, path.read_text(encoding="utf-8"), is_package)
        violations.extend(found)
        problems.extend(trouble)
    return violations, problems


# -- the package itself ----------------------------------------------------------------------------------


def _source_root() -> Path:
    # The checkout under test, even when another copy of the package is installed.
    in_repo = Path(__file__).resolve().parents[1] / "src" / PACKAGE
    return in_repo if in_repo.is_dir() else Path(sitrep.__file__).resolve().parent


def test_no_lower_layer_imports_a_higher_one() -> None:
    package_root = _source_root()
    modules = list(package_root.rglob("*.py"))
    assert len(modules) > 1, f"no modules found under {package_root}"
    violations, problems = check_tree(package_root)
    # Printed as well as asserted so the offenders show in the captured output of a failing run.
    for line in [*map(str, violations), *problems]:
        print(line)
    message = "\n".join(["", *map(str, violations), *problems])
    assert not violations and not problems, message


# -- the checker ------------------------------------------------------------------------------------------


def test_checker_flags_an_upward_absolute_import() -> None:
    violations, problems = check_source("sitrep.extract.dates", "from sitrep.store.db import open_db\n")
    assert problems == []
    found = [(v.module, v.line, v.imported) for v in violations]
    assert found == [("sitrep.extract.dates", 1, "sitrep.store.db")]
    assert "sitrep.extract.dates:1 imports sitrep.store.db" in str(violations[0])


def test_checker_flags_relative_and_function_level_imports() -> None:
    source = (
        "from ..domain import Document\n"
        "def later():\n"
        "    from ..pipeline import run\n"
        "    from .. import interfaces\n"
        "    import sitrep.analytics.series\n"
        "    return run\n"
    )
    violations, _ = check_source("sitrep.link.cluster", source)
    assert [(v.line, v.imported) for v in violations] == [
        (3, "sitrep.pipeline"),
        (4, "sitrep.interfaces"),
        (5, "sitrep.analytics.series"),
    ]


def test_checker_resolves_relative_imports_from_a_package_init() -> None:
    # In sitrep/knowledge/__init__.py one dot is the knowledge package itself, two dots is sitrep.
    violations, _ = check_source("sitrep.knowledge", "from .gazetteer import X\nfrom ..sources import Y\n",
                                 is_package=True)
    assert [(v.line, v.imported) for v in violations] == [(2, "sitrep.sources")]


def test_checker_allows_downward_and_same_rank_imports() -> None:
    source = (
        "import logging\n"
        "from sitrep import __version__\n"
        "from sitrep.domain import Event\n"
        "from sitrep.errors import SitrepError\n"
        "from ..store import session\n"
        "from ..knowledge import gazetteer\n"
        "from .render import table\n"
    )
    assert check_source("sitrep.analytics.weekly", source) == ([], [])
    assert check_source("sitrep.errors", "from sitrep.domain import Document\n") == ([], [])


def test_checker_reports_parts_without_a_rank() -> None:
    _, problems = check_source("sitrep.extract.x", "from sitrep.mystery import thing\n")
    assert problems and "sitrep.mystery" in problems[0]
    _, problems = check_source("sitrep.mystery.x", "import os\n")
    assert problems and "sitrep.mystery.x" in problems[0]


def test_checker_walks_a_package_tree(tmp_path: Path) -> None:
    root = tmp_path / "sitrep"
    (root / "extract").mkdir(parents=True)
    (root / "__init__.py").write_text('"""root"""\n')
    (root / "extract" / "__init__.py").write_text("from .rules import apply\n")
    (root / "extract" / "rules.py").write_text("import json\n\n\ndef apply():\n    from ..store import db\n")
    violations, problems = check_tree(root)
    assert problems == []
    assert [str(v).split(" (")[0] for v in violations] == ["sitrep.extract.rules:5 imports sitrep.store"]


def test_checker_rejects_relative_imports_above_the_package() -> None:
    with pytest.raises(ValueError, match="above"):
        check_source("sitrep.domain", "from .. import elsewhere\n")
