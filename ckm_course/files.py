"""Writing files safely, and the error that names a notebook: the ground every layer may use.

:func:`write_text_atomic` is how the package writes anything a person keeps (notebooks, answer
files, exports, gradebooks): a crash never leaves half a file.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from ckm_course.parallel import share


class NotebookError(RuntimeError):
    """A notebook could not be read or executed; the message names the file (and cell)."""


def write_text_atomic(path: Path | str, text: str, durable: bool = False) -> None:
    """Write ``text`` to ``path`` via a temporary file, so a crash never leaves half a file.

    An existing file keeps its permissions; a new one (or one replacing a link) is made readable
    (0644). ``durable``: the temporary file and then the folder are ``fsync``-ed, so a power cut
    leaves the old file or the new one (the app's answer files, issue 21 item 5).
    """
    path = Path(path)
    try:
        info = os.lstat(path)
        mode = info.st_mode & 0o777 if stat.S_ISREG(info.st_mode) else 0o644
    except FileNotFoundError:
        mode = 0o644
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(temporary, mode)  # mkstemp makes 0600 files
        with os.fdopen(handle, "wb") as stream:
            stream.write(text.encode("utf-8"))
            if durable:
                stream.flush()
                os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    if durable:
        _fsync_folder(path.parent)


def _fsync_folder(folder: Path) -> None:
    try:
        handle = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:  # some systems cannot open a folder; the file itself is already on disk
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)


def write_together(folder: Path | str, texts: dict[str, str | bytes | Callable[[], str | bytes | Iterable[str | bytes]]],
                   remove: tuple[str, ...] = (), slowest: tuple[str, ...] = ()) -> list[Path]:
    """Write the files of one run into ``folder`` all together, or leave it as it was (issue 21, item 1).

    Text is encoded as UTF-8 with ``backslashreplace``, so no text can make the write fail: a lone
    surrogate (``"\\ud800"`` in a student's JSON) is written as the six characters ``\\ud800``, and a
    file name that was not UTF-8 (GBK bytes, which Python keeps as U+DC80-U+DCFF) as ``\\udcd7``...
    In JSON that is the same escape, so it reads back as the same string. ``bytes`` are written as
    they are. Everything is written into a temporary folder inside ``folder`` first, then moved into
    place; if anything fails, the files moved so far are put back, so the folder never holds new
    files beside old ones. Names in ``remove`` (outputs an earlier run left, this one does not make)
    are removed with the same guarantee. A folder where a file should go is refused before anything
    is written (:class:`IsADirectoryError`).

    A value may be a function that makes the text (or an iterable of text or bytes chunks, written as
    they come): it is called when its file is staged, and its text is dropped once written, so a run's
    large outputs are never all in memory at once (the gradebook of 2,000 students, issue 21 measure).
    If one raises, nothing in ``folder`` has changed.

    ``slowest``: when given, the files are made and staged by this process and a forked copy together
    (:func:`ckm_course.parallel.share`, when it can fork; else all here), these names first, so that the
    two finish at about the same time (the gradebook's report and tables, issue 21 measure).
    """
    folder = Path(folder)
    data: dict[str, Any] = dict(texts)
    folder.mkdir(parents=True, exist_ok=True)
    for name in [*data, *remove]:
        if (folder / name).is_dir() and not (folder / name).is_symlink():
            raise IsADirectoryError(21, "a folder is where this output goes", str(folder / name))
    stage = Path(tempfile.mkdtemp(prefix=".ckm-run-", dir=folder))
    backup = stage / "previous"
    done: list[tuple[str, bool, bool]] = []  # (name, old file set aside, new file in place)

    def stage_files(names: list[str]) -> bool:
        for name in names:
            target = folder / name
            mode = target.stat().st_mode & 0o777 if target.is_file() else 0o644
            blob = data[name]() if callable(data[name]) else data[name]
            data[name] = None  # written below: its text need not stay
            with open(stage / name, "wb") as stream:
                for chunk in (blob,) if isinstance(blob, (str, bytes)) else blob:  # a function may give chunks
                    stream.write(chunk if isinstance(chunk, bytes) else chunk.encode("utf-8", "backslashreplace"))
            del blob
            os.chmod(stage / name, mode)  # an existing file keeps its permissions
        return True

    try:
        if slowest:
            order = [*(name for name in slowest if name in data), *(name for name in data if name not in slowest)]
            share(len(order), lambda n: stage_files([order[n]]))  # a copy's files are in ``stage`` too
        else:
            stage_files(list(data))
        backup.mkdir()
        try:
            for name in [*data, *(r for r in remove if r not in data)]:
                target = folder / name
                had = target.exists() or target.is_symlink()
                if had:
                    os.replace(target, backup / name)
                done.append((name, had, False))
                if name in data:
                    os.replace(stage / name, target)
                    done[-1] = (name, had, True)
        except BaseException:
            for name, had, placed in reversed(done):
                if placed:
                    (folder / name).unlink(missing_ok=True)
                if had:
                    os.replace(backup / name, folder / name)
            raise
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    return [folder / name for name in data]
