"""Every data file in the package ships in a normal (non-editable) install: pyproject's package-data names it."""

from __future__ import annotations

import fnmatch
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PACKAGE = REPO / "ckm_course"


def _shipped(path: Path, package_data: dict[str, list[str]]) -> bool:
    for package, patterns in package_data.items():
        folder = REPO / package.replace(".", "/")
        if folder in path.parents:
            relative = path.relative_to(folder).as_posix()
            # setuptools globs do not cross "/" with "*": compare folder by folder.
            if any(fnmatch.fnmatch(relative, p) and relative.count("/") == p.count("/") for p in patterns):
                return True
    return False


def test_every_non_python_file_in_the_package_is_package_data():
    package_data = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["package-data"]
    files = [p for p in PACKAGE.rglob("*") if p.is_file() and p.suffix not in (".py", ".pyc")
             and "__pycache__" not in p.parts and "node_modules" not in p.parts]
    missing = sorted(str(p.relative_to(REPO)) for p in files if not _shipped(p, package_data))
    assert not missing, f"not in [tool.setuptools.package-data]: {missing}"


def test_the_check_sees_a_missing_pattern():
    assert not _shipped(PACKAGE / "static" / "reveal" / "plugin" / "notes" / "notes.js",
                        {"ckm_course.static": ["reveal/*"]})
