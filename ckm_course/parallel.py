"""Run a few pieces of one job on the machine's other cores, when that is safe (issue 21 measure).

Grading a class of 2,000 in 3 s on 2 cores needs both cores: reading, re-scoring and writing the
outputs are shared between this process and a forked copy of it (``multiprocessing``'s ``fork``
start method: the copy shares the records already read, nothing is sent to it, and only its
results come back). The pieces must be pure: a piece run in a copy changes nothing in this
process except through what it returns.

:func:`share` deals out numbered chunks of one job as each process becomes free, so the faster one
does more: a copy starts slower (it first copies the pages it writes to), the host's other load
falls on either core, and this process may have something of its own to do first (``before``).

Forking is used only where it is safe and can help: on a system that has ``fork``, with more than
one core to run on, and in a process with no other thread (the command line; a Jupyter kernel has
threads, and forking a threaded process can deadlock in the child). Elsewhere every piece runs
here, in order, with the same results. ``CKM_WORKERS=1`` turns forking off.

If a copy fails in any way (an exception, a result that cannot be pickled, killed), its piece is
run again here, so an error is raised where it can be reported, and a result is never lost.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import threading
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")
CLASS_FROM = 200  # files or students of a class before a second process pays off (forking, handing back: ~20 ms)


def cores() -> int:
    """The cores this process may run on (``CKM_WORKERS`` overrides; at least 1)."""
    wanted = os.environ.get("CKM_WORKERS", "").strip()
    if wanted.isdigit():
        return max(1, int(wanted))
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS has no sched_getaffinity
        return max(1, os.cpu_count() or 1)


def can_fork() -> bool:
    """True when a piece may run in a forked copy of this process (see the module docstring)."""
    return ("fork" in multiprocessing.get_all_start_methods() and cores() > 1
            and threading.active_count() == 1 and multiprocessing.parent_process() is None)


class Pending:
    """A piece started in a forked copy (or not started, when forking is not safe): :meth:`result` gives
    what it returned, running it here if the copy could not."""

    def __init__(self, task: Callable[[], Any], fork: bool | None = None) -> None:
        self._task = task
        self._process: Any = None
        self._receive: Any = None
        if can_fork() if fork is None else fork:
            context = multiprocessing.get_context("fork")
            self._receive, send = context.Pipe(duplex=False)
            self._process = context.Process(target=_child, args=(task, send), daemon=True)
            self._process.start()
            send.close()

    def result(self) -> Any:
        """What the piece returned; waits for the copy, or runs the piece here if it failed or never ran."""
        if self._process is None:
            return self._task()
        try:
            done, value = self._receive.recv()
        except (EOFError, OSError):  # the copy died before answering
            done, value = False, None
        finally:
            self._receive.close()
            self._process.join()
            self._process = None
        return value if done else self._task()


def _child(task: Callable[[], Any], send: Any) -> None:
    try:
        value = task()
        send.send((True, value))
    except BaseException:  # noqa: BLE001 - the parent runs the piece again and reports the error there
        try:
            send.send((False, None))
        except BaseException:  # noqa: BLE001 - a closed pipe: the parent sees EOF and does the same
            pass
    finally:
        send.close()


def share(count: int, work: Callable[[int], T], before: Callable[[], Any] | None = None,
          pack: Callable[[T], Any] | None = None, unpack: Callable[[Any], T] | None = None) -> list[T]:
    """``[work(0), ..., work(count - 1)]``, computed by this process and a forked copy together.

    Each takes the next chunk number whenever it is free, so neither waits long for the other. The
    copy sends each chunk's result as soon as it is done and this process takes them in between its
    own chunks, so handing results back is shared out like the work (not a wait at the end).
    ``before`` runs here first (the copy starts on the chunks meanwhile). ``pack``/``unpack`` carry a
    result faster than pickle (``marshal`` for plain data). If the copy fails, the chunks it took and
    did not send are done here: the result is always complete, in order.
    """
    if count < 2 or not can_fork():
        if before is not None:
            before()
        return [work(number) for number in range(count)]
    context = multiprocessing.get_context("fork")
    taken = context.RawValue("i", 0)
    lock = context.Lock()
    receive, send = context.Pipe(duplex=False)
    copy = context.Process(target=_share_in_copy, args=(lambda: _take(lock, taken), count, work, pack, send),
                           daemon=True)
    copy.start()
    send.close()

    def take() -> int:
        return _take(lock, taken, copy.is_alive)

    results: dict[int, T] = {}

    def collect(wait: bool) -> None:
        while wait or receive.poll():
            try:
                message = receive.recv()
            except (EOFError, OSError):  # the copy died: what it never sent is done below
                return
            if message is None:  # the copy is done
                return
            number, value = message
            results[number] = unpack(value) if unpack is not None else value

    try:
        if before is not None:
            before()
        while (number := take()) < count:
            results[number] = work(number)
            collect(wait=False)
        collect(wait=True)
    finally:
        receive.close()
        copy.join()
    for number in range(count):
        if number not in results:  # taken by a copy that failed
            results[number] = work(number)
    return [results[number] for number in range(count)]


LOCK_WAIT = 0.5  # s: how often this process, waiting for the chunk counter, looks whether the copy still lives


def _take(lock: Any, taken: Any, other_alive: Callable[[], bool] | None = None) -> int:
    """The next chunk number. ``other_alive``: the process waits for a lock the other one may hold, and
    takes the number without it once that one is gone (a copy killed in the few instructions it holds the
    lock would otherwise leave this process waiting for ever; it then takes the rest alone)."""
    if other_alive is None:
        held = lock.acquire()
    else:
        held = lock.acquire(timeout=LOCK_WAIT)
        while not held and other_alive():
            held = lock.acquire(timeout=LOCK_WAIT)
    try:
        number = taken.value
        taken.value = number + 1
    finally:
        if held:
            lock.release()
    return number


def _share_in_copy(take: Callable[[], int], count: int, work: Callable[[int], Any], pack: Callable[[Any], Any] | None,
                   send: Any) -> None:
    # A thread sends, so this copy never stops working while the pipe is full (this process takes results
    # only between its own chunks, and not at all while ``before`` runs).
    outbox: queue.SimpleQueue = queue.SimpleQueue()
    sender = threading.Thread(target=_send_all, args=(outbox, send), daemon=True)
    sender.start()
    try:
        while (number := take()) < count:
            value = work(number)
            outbox.put((number, pack(value) if pack is not None else value))
    except BaseException:  # noqa: BLE001 - the chunk never sent is done by the parent (share's last loop)
        pass
    finally:
        outbox.put(None)
        sender.join()
        send.close()


def _send_all(outbox: queue.SimpleQueue, send: Any) -> None:
    """Send what the copy puts in ``outbox`` until its None, then the None that tells the parent it is done."""
    while True:
        message = outbox.get()
        try:
            send.send(message)
        except BaseException:  # noqa: BLE001 - unpicklable or a closed pipe: the parent does that chunk itself
            pass
        if message is None:
            return
