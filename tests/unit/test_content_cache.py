"""The cache of the loaded course (content/cache.py): used when the content is unchanged, never when it is not."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ckm_course.content import cache, loader
from ckm_course.content.builder import CONTENT_DIR, ContentError


@pytest.fixture
def cache_home(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("CKM_COURSE_CACHE", raising=False)
    return tmp_path / "cache" / "ckm-course"


def test_a_second_load_comes_from_the_cache_and_equals_a_fresh_one(cache_home):
    built = []

    def build():
        built.append(1)
        return loader.load()

    first = cache.cached(build)
    second = cache.cached(build)
    assert len(built) == 1 and len(list(cache_home.glob("content-*.pickle"))) == 1
    assert second == first == loader.load()


def test_a_changed_content_file_changes_the_key(tmp_path):
    copy = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, copy, ignore=shutil.ignore_patterns("__pycache__"))
    before = cache.key(copy)
    assert cache.key(copy) == before
    chapter = copy / "c3_classification.toml"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert cache.key(copy) != before
    (copy / "loader.py").write_text("", encoding="utf-8")  # the code that reads the files counts too
    assert len({before, cache.key(copy)}) == 2


def test_a_broken_file_still_fails_with_its_error(tmp_path, cache_home):
    copy = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, copy, ignore=shutil.ignore_patterns("__pycache__"))
    chapter = copy / "c5_lifecycle.toml"
    chapter.write_text(chapter.read_text(encoding="utf-8").replace("[chapter]", "[chapters]", 1), encoding="utf-8")
    with pytest.raises(ContentError, match="c5_lifecycle.toml"):
        cache.cached(lambda: loader.load(copy), copy)
    assert not list(cache_home.glob("content-*.pickle"))  # nothing kept for a broken load


def test_the_cache_can_be_turned_off_and_a_damaged_one_is_ignored(cache_home, monkeypatch):
    monkeypatch.setenv("CKM_COURSE_CACHE", "0")
    assert cache.folder() is None
    assert cache.cached(lambda: "built") == "built" and not cache_home.exists()
    monkeypatch.delenv("CKM_COURSE_CACHE")
    cache_home.mkdir(parents=True)
    (cache_home / f"content-{cache.key()}.pickle").write_bytes(b"not a pickle")
    assert cache.cached(lambda: "built") == "built"


def test_a_kernels_other_registries_come_from_the_cache_too(cache_home, monkeypatch):
    """company, materials, glossary and key history are read by every chapter's first cells (issue 23)."""
    from ckm_course.content import catalog as catalog_mod, materials

    first = catalog_mod.Catalog()
    values = [first.company, list(first.materials), list(first.glossary), dict(first.key_history)]
    kept = sorted(p.name.split("-")[0] for p in cache_home.glob("*.pickle"))
    assert kept == ["company", "content", "glossary", "key", "materials"], kept

    def unread(*_args, **_kwargs):
        raise AssertionError("read from the TOML again")
    monkeypatch.setattr(materials, "load_materials", unread)
    second = catalog_mod.Catalog()
    assert [second.company, list(second.materials), list(second.glossary), dict(second.key_history)] == values
    assert second.key_history["quiz-c2-era"] == first.key_history["quiz-c2-era"]


def test_the_case_facts_count_in_the_packaged_contents_key(tmp_path, monkeypatch):
    case = tmp_path / "case"
    shutil.copytree(cache.CASE_DIR, case, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    monkeypatch.setattr(cache, "CASE_DIR", case)
    before = cache.key()
    company = case / "company.toml"
    company.write_text(company.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert cache.key() != before


@pytest.mark.parametrize("collecting", [True, False])
def test_loading_from_the_cache_pauses_the_collector_and_leaves_it_as_it_was(cache_home, collecting, monkeypatch):
    import gc

    cache.cached(loader.load)  # written
    seen = []
    real_loads = cache.pickle.loads
    monkeypatch.setattr(cache.pickle, "loads", lambda data: seen.append(gc.isenabled()) or real_loads(data))
    (gc.enable if collecting else gc.disable)()
    try:
        assert cache.cached(loader.load) == loader.load()
        assert seen == [False] and gc.isenabled() is collecting
    finally:
        gc.enable()
