"""``ckm-course link``: the nbgitpuller link that puts the course repo into every student's home folder (issue 15).

The link has nbgitpuller's documented form (https://nbgitpuller.readthedocs.io, "Options in an
nbgitpuller URL")::

    https://hub.example.edu/hub/user-redirect/git-pull?repo=<git url>&branch=main
        &targetpath=ckm-course&urlpath=lab/tree/ckm-course/exercises/03_....ipynb

``user-redirect`` sends each student to their own server; ``targetpath`` fixes the folder the repo
is cloned into (nbgitpuller 1.3 would otherwise use the URL's last part, ``ckm-course.git`` for a
``.git`` URL), so ``urlpath`` and the grading glob ``/home/*/ckm-course/...`` always match it.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from urllib.parse import quote, urlencode, urlsplit

REPO_SCHEMES = ("https", "http", "file", "ssh", "git")
_BRANCH = re.compile(r"^(?!/)(?!.*(?:\.\.|//|@\{|\.lock$|/$|\.$))[^\s~^:?*\[\\\x00-\x1f\x7f]+$")
_FOLDER = re.compile(r"^[A-Za-z0-9._-]+$")


class LinkError(ValueError):
    """An input the link cannot be built from; the message says which and why."""


def _hub(url: str) -> str:
    parts = urlsplit(url.strip())
    if parts.scheme not in ("https", "http") or not parts.netloc:
        raise LinkError(f"--hub {url!r} is not a hub address; give its base URL, e.g. https://hub.example.edu")
    if parts.query or parts.fragment:
        raise LinkError(f"--hub {url!r} has a query or #fragment; give only the hub's base URL")
    path = parts.path.rstrip("/")
    if path.endswith("/hub"):
        path = path[: -len("/hub")]  # https://hub.example.edu/hub/ -> the base the hub serves /hub/ under
    if "/user/" in f"{path}/" or "/hub/" in f"{path}/" or path.endswith(("/lab", "/tree")):
        raise LinkError(f"--hub {url!r} looks like a page of the hub, not its base URL; give e.g. "
                        f"{parts.scheme}://{parts.netloc}")
    return f"{parts.scheme}://{parts.netloc}{path}"


def _repo(url: str) -> str:
    text = url.strip()
    if not text:
        raise LinkError("--repo is empty; give the git URL students clone, e.g. https://github.com/org/ckm-course.git")
    if re.match(r"^[\w.-]+@[\w.-]+:", text):  # scp-like git@github.com:org/repo.git
        raise LinkError(f"--repo {url!r} needs an SSH key students do not have; give the https:// URL instead")
    parts = urlsplit(text)
    if parts.scheme not in REPO_SCHEMES:
        raise LinkError(f"--repo {url!r} is not a git URL (expected https://..., or file:///... for a local test)")
    if parts.scheme in ("ssh", "git"):
        raise LinkError(f"--repo {url!r}: students' servers clone anonymously; give the https:// URL")
    if parts.scheme != "file" and not parts.netloc:
        raise LinkError(f"--repo {url!r} has no host")
    if parts.query or parts.fragment:
        raise LinkError(f"--repo {url!r} has a query or #fragment; give the plain clone URL")
    if not PurePosixPath(parts.path).name.removesuffix(".git"):
        raise LinkError(f"--repo {url!r} does not end in a repository name")
    return text


def repo_folder(repo: str) -> str:
    """The folder a repo URL is cloned into: its last path part without ``.git`` (``ckm-course``)."""
    return PurePosixPath(urlsplit(repo.strip()).path.rstrip("/")).name.removesuffix(".git")


def _branch(branch: str) -> str:
    if not _BRANCH.match(branch or ""):
        raise LinkError(f"--branch {branch!r} is not a valid git branch name")
    return branch


def _open_path(path: str) -> str:
    text = path.strip().replace("\\", "/")
    pure = PurePosixPath(text)
    if not text or pure.is_absolute() or ".." in pure.parts:
        raise LinkError(f"--open {path!r} must be a path inside the repo, e.g. exercises/03_classification_exercises.ipynb")
    return str(pure)


def build_link(hub: str, repo: str, branch: str = "main", open_path: str | None = None,
               folder: str | None = None) -> str:
    """The nbgitpuller link for ``repo`` on ``hub``; ``open_path`` (inside the repo) opens in JupyterLab.

    Raises :class:`LinkError` with a message naming the bad input.
    """
    base = _hub(hub)
    clone = _repo(repo)
    target = folder if folder is not None else repo_folder(clone)
    if not _FOLDER.match(target or "") or target in (".", ".."):
        given = f"--folder {target!r}" if folder is not None else f"the repo's name {target!r}"
        raise LinkError(f"{given} must be one folder name (letters, digits, . _ -); pass --folder NAME")
    params = [("repo", clone), ("branch", _branch(branch)), ("targetpath", target)]
    inside = _open_path(open_path) if open_path else ""
    params.append(("urlpath", f"lab/tree/{target}/{inside}".rstrip("/")))
    return f"{base}/hub/user-redirect/git-pull?{urlencode(params, quote_via=quote, safe='/')}"
