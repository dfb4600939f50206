"""Building many long-lived objects without the cyclic garbage collector's passes.

Python's cyclic collector, triggered by every 700 new containers, walks the objects built so far
again and again while a big structure is made. Two places build one that forms no reference
cycles to collect: grading reads and scores millions of small dicts and lists (the records; a
fifth of the run's time went to those passes, issue 21), and a kernel's ``start()`` unpickles the
course's ~100,000 objects (83 ms with the passes, 20 ms without; issue 23). Both run with the
collector paused; it resumes afterwards as it was, and reference counting frees as before.
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
