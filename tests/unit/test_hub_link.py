"""``ckm-course link`` builds nbgitpuller's documented link and refuses bad input with a clear message (issue 15)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from ckm_course.cli import main
from ckm_course.hub.link import LinkError, build_link, repo_folder

HUB = "https://hub.example.edu"
REPO = "https://github.com/example-org/ckm-course.git"
OPEN = "exercises/03_classifying_knowledge_exercises.ipynb"


def _query(link: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(link).query, strict_parsing=True).items()}


def test_the_link_has_nbgitpullers_form_and_opens_the_exercise_in_the_cloned_folder():
    link = build_link(HUB, REPO, branch="main", open_path=OPEN)
    parts = urlsplit(link)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "hub.example.edu", "/hub/user-redirect/git-pull")
    assert _query(link) == {"repo": REPO, "branch": "main", "targetpath": "ckm-course",
                            "urlpath": f"lab/tree/ckm-course/{OPEN}"}


def test_a_hub_under_a_prefix_or_given_with_hub_keeps_its_prefix():
    for given in ("https://x.edu/jupyter", "https://x.edu/jupyter/", "https://x.edu/jupyter/hub/"):
        assert urlsplit(build_link(given, REPO)).path == "/jupyter/hub/user-redirect/git-pull"


def test_without_open_the_link_lands_in_the_repo_folder_and_other_branches_and_folders_pass_through():
    query = _query(build_link(HUB, "https://git.example.edu/course/ckm.git/", branch="spring-2027", folder="ckm-course"))
    assert query["branch"] == "spring-2027"
    assert query["targetpath"] == "ckm-course"
    assert query["urlpath"] == "lab/tree/ckm-course"
    assert repo_folder("https://github.com/a/b.git") == "b" and repo_folder("file:///tmp/x/ckm-course.git") == "ckm-course"


def test_special_characters_in_the_repo_url_are_escaped():
    link = build_link(HUB, "https://git.example.edu/a b/ckm&x.git", folder="ckm")
    assert " " not in link and _query(link)["repo"] == "https://git.example.edu/a b/ckm&x.git"
    with pytest.raises(LinkError, match="the repo's name 'ckm&x' must be one folder name.*--folder"):
        build_link(HUB, "https://git.example.edu/a b/ckm&x.git")


@pytest.mark.parametrize("hub, repo, branch, open_path, folder, message", [
    ("hub.example.edu", REPO, "main", None, None, "--hub 'hub.example.edu' is not a hub address"),
    ("ftp://hub.example.edu", REPO, "main", None, None, "is not a hub address"),
    ("https://hub.example.edu/user/wang/lab", REPO, "main", None, None, "not its base URL"),
    ("https://hub.example.edu/?x=1", REPO, "main", None, None, "has a query"),
    (HUB, "", "main", None, None, "--repo is empty"),
    (HUB, "git@github.com:org/ckm-course.git", "main", None, None, "SSH key"),
    (HUB, "ssh://git@github.com/org/ckm-course.git", "main", None, None, "https:// URL"),
    (HUB, "github.com/org/ckm-course", "main", None, None, "is not a git URL"),
    (HUB, "https://github.com/", "main", None, None, "repository name"),
    (HUB, REPO, "feature/..x", None, None, "not a valid git branch name"),
    (HUB, REPO, "has space", None, None, "not a valid git branch name"),
    (HUB, REPO, "", None, None, "not a valid git branch name"),
    (HUB, REPO, "main", "/etc/passwd", None, "must be a path inside the repo"),
    (HUB, REPO, "main", "../other/x.ipynb", None, "must be a path inside the repo"),
    (HUB, REPO, "main", None, "a/b", "must be one folder name"),
])
def test_bad_input_is_refused_with_a_message_naming_it(hub, repo, branch, open_path, folder, message):
    with pytest.raises(LinkError, match=message.replace("?", r"\?").replace(".", r"\.")):
        build_link(hub, repo, branch=branch, open_path=open_path, folder=folder)


def test_the_command_prints_the_link_or_exits_2_with_the_reason(capsys):
    assert main(["link", "--hub", HUB, "--repo", REPO, "--open", OPEN]) == 0
    out = capsys.readouterr().out.strip()
    assert out == build_link(HUB, REPO, open_path=OPEN)
    assert main(["link", "--hub", "hub.example.edu", "--repo", REPO]) == 2
    assert "error: --hub 'hub.example.edu'" in capsys.readouterr().err


def test_the_pinned_nbgitpuller_reads_the_parameters_the_link_sets():
    """The link's parameter names are the ones nbgitpuller's page handler reads (a renamed one would be ignored)."""
    import nbgitpuller

    source = Path(nbgitpuller.__file__).with_name("handlers.py").read_text(encoding="utf-8")
    for name in ("repo", "branch", "urlpath", "targetpath"):
        assert f"get_argument('{name}'" in source, name
