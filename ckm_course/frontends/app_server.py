"""The Voilà server of ``ckm-course app`` (issues 14, 22.6, 22.7): Voilà with the course's front door.

:class:`CourseVoila` is Voilà 0.5's own application with four changes:

* ``/`` is the course home (``app_home.py``), drawn without a kernel, instead of Voilà's file list;
  ``/voila/tree/...`` leads there too and the directory-listing API is gone.
* ``/voila/render/<path>`` serves only the pages of :func:`ckm_course.frontends.app_home.pages`
  (chapters, practice sets, the glossary); anything else (the instructor gradebook, solutions/, the
  start page whose JupyterLab instructions do not apply here) is a bilingual "not found" page, or the
  home. The old address of a chapter, ``/voila/render/03_....ipynb``, leads to its page.
* Speaker notes are dropped from every page before it is drawn (``speaker_notes.py``), and a
  link back to the course home opens each page (same tab).
* Voilà's root folder is the course folder (the chapters' folder and ``exercises/`` beside it),
  so the practice sets are reachable and their answer files sit next to them.

Run as ``python -m ckm_course.frontends.app_server CHAPTERS [voila options]`` (``app.voila_command``)
or in-process by ``app.run``; either way SIGTERM and Ctrl+C stop the server and shut its kernels down
(Voilà's own signal handling), and idle kernels are culled (``app.CULL``).
"""

from __future__ import annotations

import html
import sys
from pathlib import Path
from typing import Any

import nbformat
from jupyter_server.base.handlers import JupyterHandler
from jupyter_server.utils import url_path_join
from tornado import web
from traitlets import Unicode
from voila.app import Voila
from voila.tornado.contentshandler import VoilaContentsHandler
from voila.tornado.handler import TornadoVoilaHandler
from voila.tornado.treehandler import TornadoVoilaTreeHandler

from ckm_course.content.catalog import catalog
from ckm_course.frontends.app_home import pages, render_home, render_not_found
from ckm_course.frontends.speaker_notes import without_speaker_notes

HOME_NAME = "00_index.ipynb"  # the JupyterLab start page: in the app, the course home takes its place


def prepare_page(handler: Any, notebook: Any, cwd: str) -> Any:
    """Voilà's prelaunch hook: the page without speaker notes, with a link home on top (same tab)."""
    without_speaker_notes(notebook)
    link = catalog().app_home.home_link
    home = html.escape(getattr(handler, "base_url", "/") or "/")
    notebook.cells.insert(0, nbformat.v4.new_markdown_cell(
        f'<nav class="ckm-app-nav"><a href="{home}">← {html.escape(link.zh)} · {html.escape(link.en)}</a></nav>',
        metadata={"ckm_app": "nav"}))
    return notebook


class HomeHandler(JupyterHandler):
    """``/``: the course home, drawn from the content data and the answer files (no kernel)."""

    def initialize(self, chapters: Path) -> None:
        self.chapters = chapters

    @web.authenticated
    def get(self) -> None:
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Cache-Control", "no-cache, no-store, must-revalidate")  # progress changes
        self.finish(render_home(self.chapters, self.base_url))


class CourseRenderHandler(TornadoVoilaHandler):
    """``/voila/render/<path>``: a page of the course, or the way home, or not found."""

    def initialize(self, **kwargs: Any) -> None:
        self.chapters = kwargs.pop("chapters")
        super().initialize(**kwargs)

    @web.authenticated
    async def get(self, path: str | None = None) -> None:
        path = (path or "").strip("/")
        served = {page.path for page in pages(self.chapters)}
        if path in served:
            await super().get(path)
            return
        folder = self.chapters.name
        if path in (HOME_NAME, f"{folder}/{HOME_NAME}"):
            self.redirect(self.base_url)
            return
        if f"{folder}/{path}" in served:  # the address of a chapter before the course folder became the root
            query = f"?{self.request.query}" if self.request.query else ""
            self.redirect(url_path_join(self.base_url, "voila", "render", folder, path) + query)
            return
        self.set_status(404)
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.finish(render_not_found(self.base_url))


class CourseVoila(Voila):
    """Voilà serving the course folder with the course home at ``/`` (see the module's docstring)."""

    name = "ckm-course-app"
    chapters = Unicode("", config=True, help="the folder of the chapter notebooks (notebooks/)")

    def initialize(self, argv: list[str] | None = None) -> None:
        super().initialize(argv)
        self.voila_configuration.prelaunch_hook = prepare_page

    def init_handlers(self) -> list:
        chapters = Path(self.chapters or self.root_dir).resolve()
        handlers = super().init_handlers()
        render = next(h for h in handlers if h[1] is TornadoVoilaHandler)
        replaced = (TornadoVoilaTreeHandler, VoilaContentsHandler, TornadoVoilaHandler)
        kept = [h for h in handlers if h[1] not in replaced]
        return [
            *kept,
            (self.server_url, HomeHandler, {"chapters": chapters}),
            (url_path_join(self.server_url, r"/voila/tree(.*)"), web.RedirectHandler, {"url": self.server_url}),
            (render[0], CourseRenderHandler, {**render[2], "chapters": chapters}),
        ]


def main(argv: list[str] | None = None) -> int:
    """``python -m ckm_course.frontends.app_server CHAPTERS [voila options]``: serve until stopped."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0].startswith("-"):
        print("usage: python -m ckm_course.frontends.app_server CHAPTERS [voila options]", file=sys.stderr)
        return 2
    chapters = Path(args[0]).resolve()
    CourseVoila.launch_instance(argv=[str(chapters.parent), f"--CourseVoila.chapters={chapters}", *args[1:]])
    return 0


if __name__ == "__main__":
    sys.exit(main())
