"""Client of the symbolic worker process: ask with a deadline, kill and restart on time-out.

Loading sympy takes a second or more on a small laptop, so the worker starts on first need (or
earlier through warm_up(), e.g. when an expression question is shown) and then stays up. A
check never waits past its deadline: if the worker is still loading, the request is simply not
sent; if it is busy past the deadline, it is killed and a fresh one starts loading.
"""

from __future__ import annotations

import atexit
import contextlib
import itertools
import json
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from .tree import Node, to_json

_SCRIPT = Path(__file__).with_name("symbolic_worker.py")


class _Worker:
    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            # -P: the script's folder must not shadow the standard library (numbers.py here)
            [sys.executable, "-P", str(_SCRIPT)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            encoding="utf-8",
        )
        self.replies: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self.ready = threading.Event()
        threading.Thread(target=self._read, name="symbolic-reader", daemon=True).start()

    def _read(self) -> None:
        stdout = self.proc.stdout
        assert stdout is not None
        try:
            for line in stdout:
                try:
                    message = json.loads(line)
                except ValueError:
                    continue
                if message.get("ready"):
                    self.ready.set()
                else:
                    self.replies.put(message)
        except (OSError, ValueError):  # the pipe went away with the process
            pass
        finally:
            self.replies.put(None)  # the process ended
            with contextlib.suppress(OSError):
                stdout.close()

    def alive(self) -> bool:
        return self.proc.poll() is None

    def kill(self) -> None:
        if self.alive():
            self.proc.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.proc.wait(timeout=2)
        if self.proc.stdin is not None:  # stdout is the reader thread's to close
            with contextlib.suppress(OSError):
                self.proc.stdin.close()


_lock = threading.Lock()
_worker: _Worker | None = None
_ids = itertools.count(1)


def _current() -> _Worker:
    """The running worker, started if needed (call with _lock held)."""
    global _worker
    if _worker is None or not _worker.alive():
        _worker = _Worker()
    return _worker


def warm_up() -> None:
    """Start the worker (and so the sympy import) in the background; returns at once.

    Called after each expression check, and worth calling when an expression question is
    shown, so that the rare answer that needs sympy finds it loaded.
    """
    if _lock.acquire(blocking=False):  # busy means a check is using (so starting) it
        try:
            _current()
        finally:
            _lock.release()


def wait_ready(timeout: float) -> bool:
    """Block until the worker has loaded sympy (for tests and benchmarks)."""
    with _lock:
        worker = _current()
    return worker.ready.wait(timeout)


def worker_pid() -> int | None:
    with _lock:
        return _worker.proc.pid if _worker is not None and _worker.alive() else None


def shutdown() -> None:
    global _worker
    with _lock:
        if _worker is not None:
            _worker.kill()
            _worker = None


atexit.register(shutdown)


def _request(payload: dict[str, Any], deadline: float) -> dict[str, Any] | None:
    """Send one request and wait for its reply until `deadline` (time.monotonic())."""
    if not _lock.acquire(timeout=max(0.0, deadline - time.monotonic())):
        return None  # another check holds the worker; do not queue behind it
    try:
        worker = _current()
        if not worker.ready.wait(max(0.0, deadline - time.monotonic())):
            return None  # still loading sympy: leave it loading for the next check
        ident = next(_ids)
        try:
            assert worker.proc.stdin is not None
            worker.proc.stdin.write(json.dumps({"id": ident, **payload}) + "\n")
            worker.proc.stdin.flush()
        except (OSError, ValueError):
            worker.kill()
            return None
        while True:
            try:
                reply = worker.replies.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                worker.kill()  # busy past the deadline: kill, and start loading a fresh one
                _current()
                return None
            if reply is None:
                return None
            if reply.get("id") == ident:
                return reply
    finally:
        _lock.release()


def symbolic_equal(a: Node, b: Node, *, timeout: float) -> bool | None:
    """True/False when sympy decides within `timeout` seconds, else None."""
    reply = _request({"op": "equal", "a": to_json(a), "b": to_json(b)}, time.monotonic() + timeout)
    if reply is None:
        return None
    result = reply.get("equal")
    return result if isinstance(result, bool) else None


def sleep_in_worker(seconds: float, *, timeout: float) -> bool:
    """Make the worker busy (tests of the time limit); True if it answered in time."""
    return _request({"op": "sleep", "seconds": seconds}, time.monotonic() + timeout) is not None
