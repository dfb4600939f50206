"""Execute notebooks in place with deterministic, light outputs (DESIGN.md, "Notebooks").

Committed notebooks are checked by strict nbval, so what we save must be what a fresh
run prints: widget state (random model ids) and per-cell execution timestamps are
dropped, execution counts renumbered from 1. A notebook that fails to run is left
untouched on disk, and the error names the notebook and the cell. Each plotly figure
also gets a static PNG in its output bundle (:mod:`ckm_course.notebooks.static_figures`), so
GitHub, nbviewer and nbconvert show it; nbval skips ``image/png`` when comparing.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from typing import TYPE_CHECKING

from ckm_course.files import NotebookError, write_text_atomic
from ckm_course.notebooks.static_figures import add_static_images

# nbformat, nbclient and traitlets are imported by the functions that use them: nbformat costs ~1 s of
# start-up (jsonschema), and the gradebook and the answer files use this layer's helpers without it.
if TYPE_CHECKING:
    import nbformat

KERNEL = "python3"
# The clock of answer records in executed notebooks (record.now honours SOURCE_DATE_EPOCH):
# 2026-09-01T00:00:00Z, so committed outputs are the same every run.
FIXED_EPOCH = "1788220800"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
MAX_BYTES = 1_500_000  # issue 10: each committed notebook < 1.5 MB, static images included


def read(path: Path | str) -> nbformat.NotebookNode:
    """Read and validate a notebook; a malformed file gives a :class:`NotebookError`."""
    import nbformat

    path = Path(path)
    try:
        notebook = nbformat.read(path, as_version=4)
        nbformat.validate(notebook)
    except (OSError, ValueError, nbformat.ValidationError) as exc:
        raise NotebookError(f"{path}: not a valid notebook ({type(exc).__name__}: {str(exc)[:200]})") from exc
    return notebook


def clean(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Drop what differs between two runs of the same notebook: widget state and views, timings."""
    notebook.metadata.pop("widgets", None)
    notebook.metadata.get("language_info", {}).pop("version", None)
    count = 0
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
        cell.metadata.pop("collapsed", None)
        if cell.cell_type != "code":
            continue
        if cell.get("execution_count") is not None:
            count += 1
            cell.execution_count = count
        cell.outputs = _merged_streams(cell.get("outputs", []))
        for output in cell.outputs:
            if "execution_count" in output:
                output.execution_count = count
            # A widget view names a random model id that means nothing without the (uncommitted)
            # widget state; the text/plain fallback says to run the cell instead.
            output.get("data", {}).pop(WIDGET_VIEW, None)
    return notebook


def _merged_streams(outputs: list) -> list:
    """Adjacent stdout (or stderr) outputs as one: the kernel may send a print in one message or two
    (a race, seen as a lone "\n" output), and nbval compares them merged too (its coalesce_streams)."""
    merged: list = []
    for output in outputs:
        last = merged[-1] if merged else None
        if (output.get("output_type") == "stream" and last is not None and last.get("output_type") == "stream"
                and last.get("name") == output.get("name")):
            last["text"] = "".join(last["text"]) + "".join(output["text"])
        else:
            merged.append(output)
    return merged


def notebook_text(notebook: nbformat.NotebookNode) -> str:
    """The exact text a notebook is saved as (what ``nbformat.write`` puts in a file)."""
    import nbformat

    return nbformat.writes(notebook) + "\n"


def write_atomic(notebook: nbformat.NotebookNode, path: Path | str) -> None:
    """Save ``notebook`` to ``path`` atomically (see :func:`write_text_atomic`)."""
    write_text_atomic(path, notebook_text(notebook))


def _ipc_config(folder: str):
    """Kernel sockets as files in ``folder`` (IPC) instead of loopback TCP.

    The kernel is ours and local, so TCP buys nothing, and over TCP ipykernel warns once per
    notebook that traffic is unencrypted — an alarming line in every ``execute`` run.
    """
    from traitlets.config import Config

    config = Config()
    config.KernelManager.transport = "ipc"
    config.KernelManager.ip = str(Path(folder) / "kernel")
    return config


def run_cells(notebook: nbformat.NotebookNode, folder: Path | str, timeout: int = 600) -> nbformat.NotebookNode:
    """Run every cell of ``notebook`` in a fresh local kernel started in ``folder`` (in place).

    Raises nbclient's ``CellExecutionError`` when a cell fails. Records get the fixed clock
    and checker bugs raise (see :data:`FIXED_EPOCH`) unless the caller set those variables.
    """
    from nbclient import NotebookClient

    os.environ.setdefault("SOURCE_DATE_EPOCH", FIXED_EPOCH)  # the kernel inherits it
    os.environ.setdefault("CKM_COURSE_STRICT_CHECKS", "1")  # a checker bug fails the run, not a masked "error"
    with tempfile.TemporaryDirectory(prefix="ckm-kernel-") as sockets:
        client = NotebookClient(notebook, timeout=timeout, kernel_name=KERNEL, config=_ipc_config(sockets),
                                resources={"metadata": {"path": str(Path(folder).resolve())}})
        client.execute()
    return notebook


def execute(path: Path | str, timeout: int = 600, static_images: bool = True) -> nbformat.NotebookNode:
    """Run every cell of the notebook at ``path`` in its own folder and save it cleaned.

    With ``static_images`` (the default) every plotly figure also carries a PNG, made here in
    the runner's process, never in the kernel (see :mod:`ckm_course.notebooks.static_figures`).
    """
    from nbclient.exceptions import CellExecutionError

    path = Path(path)
    notebook = read(path)
    try:
        run_cells(notebook, path.parent, timeout)
    except CellExecutionError as exc:
        raise NotebookError(f"{path}: a cell failed:\n{str(exc)[:2000]}") from exc
    if static_images:
        add_static_images(notebook)
    clean(notebook)
    write_atomic(notebook, path)
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise NotebookError(f"{path}: {size:,} bytes after execution; keep notebooks under {MAX_BYTES:,}")
    return notebook
