"""environment.yml (conda route) and pyproject.toml (pip route) name the same packages.

The brief forbids two environment files that drift apart; this test is the guard.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
# Conda-only entries that have no pip counterpart in pyproject.toml.
CONDA_ONLY = {"python", "pip"}
_NAME = re.compile(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$")


def _split(requirement: str) -> tuple[str, str]:
    match = _NAME.match(requirement.split("#", 1)[0])
    assert match, requirement
    return match.group(1).lower().replace("_", "-"), match.group(2).replace(" ", "")


def conda_packages(text: str) -> dict[str, str]:
    """``- name>=x`` lines of environment.yml's dependencies, conda and pip: block alike.

    The pip: block's ``-e .`` (the package itself) is not a dependency and is skipped.
    """
    packages: dict[str, str] = {}
    in_deps = False
    for line in text.splitlines():
        if line.startswith("dependencies:"):
            in_deps = True
            continue
        entry = re.match(r"^  (?:    )?- ([^\s].*)$", line) if in_deps else None
        if entry and not entry.group(1).startswith(("pip:", "-e ")):
            name, spec = _split(entry.group(1))
            packages[name] = spec
    return packages


def pyproject_packages(data: dict) -> dict[str, str]:
    project = data["project"]
    requirements = list(project["dependencies"])
    for extra in project.get("optional-dependencies", {}).values():
        requirements.extend(extra)
    return dict(_split(r) for r in requirements)


def test_environment_yml_and_pyproject_agree():
    conda = conda_packages((REPO / "environment.yml").read_text(encoding="utf-8"))
    pip = pyproject_packages(tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8")))
    conda_deps = {k: v for k, v in conda.items() if k not in CONDA_ONLY}
    assert conda_deps == pip, (
        "environment.yml and pyproject.toml disagree:\n"
        f"  only in environment.yml: {sorted(set(conda_deps) - set(pip))}\n"
        f"  only in pyproject.toml:  {sorted(set(pip) - set(conda_deps))}\n"
        f"  different versions:      {sorted(k for k in conda_deps.keys() & pip.keys() if conda_deps[k] != pip[k])}"
    )


def test_environment_yml_installs_the_package_itself():
    text = (REPO / "environment.yml").read_text(encoding="utf-8")
    assert re.search(r"^\s*-\s*pip:\s*$", text, re.M) and re.search(r"^\s*-\s*-e\s+\.\s*(#.*)?$", text, re.M)
    assert "conda-forge" in text and re.search(r"python=3\.1[1-9]", text)


def test_parser_sees_a_drift():
    """The comparison itself can fail: a package missing from one side is found."""
    text = "dependencies:\n  - python=3.12\n  - pandas>=2.2\n  - pip\n  - pip:\n      - -e .\n"
    assert conda_packages(text) == {"python": "=3.12", "pandas": ">=2.2", "pip": ""}
    with_pip_block = text + "      - kaleido>=1.0  # pip-only\n"
    assert conda_packages(with_pip_block)["kaleido"] == ">=1.0"
    data = {"project": {"dependencies": ["pandas>=2.2", "plotly>=5"], "optional-dependencies": {}}}
    assert pyproject_packages(data) != {k: v for k, v in conda_packages(text).items() if k not in CONDA_ONLY}


def test_constraints_pin_every_direct_dependency():
    pins = {
        _split(line)[0]
        for line in (REPO / "requirements" / "constraints.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    pip = pyproject_packages(tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8")))
    assert set(pip) <= pins, f"not pinned: {sorted(set(pip) - pins)}"
