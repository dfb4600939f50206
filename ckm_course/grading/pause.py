"""Grading without the cyclic garbage collector's pauses (issue 21 measure: 2,000 submissions in 3 s).

Reading a class builds millions of small dicts and lists (the records) that live until the run
ends. Python's cyclic collector, triggered by every 700 new containers, walks them again and
again: about a fifth of the run's time, for nothing, since JSON values and the gradebook's rows
form no reference cycles (they are freed by reference counting as before). Grading and writing
run with the collector paused; it resumes afterwards as it was.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector inside the block; resume it afterwards if it was running."""
    running = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if running:
            gc.enable()
