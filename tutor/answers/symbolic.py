"""SymbolicWorker: the sympy check in a child process, owned by whoever shows expression questions.

Loading sympy takes a second or more on a small laptop, so the owner (the practice screen)
calls start() when an expression question is shown, passes the worker to the checks, and
close()s it when the app exits. A check waits for a loading worker (loading is not the
answer's fault, and a warm and a cold worker must give the same verdict), then gives sympy a
fixed time; a worker busy past that is killed and a fresh one starts loading.

The child imports nothing from the tutor and leaves when its stdin closes or its parent
exits, so it never outlives the app even if close() is never called.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path
from types import TracebackType
from typing import Any, ClassVar

from . import limits
from .tree import Node, to_json


class _Process:
    """One child process and the thread that reads its replies."""

    def __init__(self, script: Path) -> None:
        self.proc = subprocess.Popen(
            # -P: the script's folder must not shadow the standard library (numbers.py here)
            [sys.executable, "-P", str(script)],
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
            self.ready.set()  # nobody waits for a dead process to load
            with contextlib.suppress(OSError):
                stdout.close()

    def alive(self) -> bool:
        return self.proc.poll() is None

    def send(self, message: dict[str, Any]) -> bool:
        try:
            assert self.proc.stdin is not None
            self.proc.stdin.write(json.dumps(message) + "\n")
            self.proc.stdin.flush()
        except (OSError, ValueError):
            return False
        return True

    def kill(self) -> None:
        if self.alive():
            self.proc.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.proc.wait(timeout=2)
        if self.proc.stdin is not None:  # stdout is the reader thread's to close
            with contextlib.suppress(OSError):
                self.proc.stdin.close()


class SymbolicWorker:
    """The sympy checker: ``with SymbolicWorker() as worker: check_expression(..., worker=worker)``.

    Thread-safe: checks from several threads take turns. After close(), checks get no answer
    (None) until start() is called again.
    """

    script: ClassVar[Path] = Path(__file__).with_name("symbolic_worker.py")

    def __init__(self, *, load_timeout: float = limits.SYMBOLIC_LOAD_TIMEOUT) -> None:
        self.load_timeout = load_timeout
        self._process: _Process | None = None
        self._closed = False
        self._lock = threading.Lock()  # one request at a time
        self._state = threading.Lock()  # guards _process and _closed
        self._ids = itertools.count(1)

    # --- lifetime ------------------------------------------------------------------------------

    def start(self) -> None:
        """Start the child (it begins importing sympy) unless it runs; returns at once."""
        with self._state:
            self._closed = False
            self._running()

    def wait_ready(self, timeout: float) -> bool:
        """Block until sympy is loaded; False if it is not within `timeout` seconds (or closed)."""
        with self._state:
            process = None if self._closed else self._running()
        return process is not None and process.ready.wait(timeout) and process.alive()

    @property
    def pid(self) -> int | None:
        """The child's process id while it runs (tests watch it being replaced)."""
        with self._state:
            process = self._process
        return process.proc.pid if process is not None and process.alive() else None

    def close(self) -> None:
        """End the child now, even in the middle of a check (which then gets None)."""
        with self._state:
            self._closed = True
            process, self._process = self._process, None
        if process is not None:
            process.kill()

    def __enter__(self) -> SymbolicWorker:
        self.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def _running(self) -> _Process:
        """The live child, started if needed (call with _state held, not closed)."""
        if self._process is None or not self._process.alive():
            self._process = _Process(self.script)
        return self._process

    def _restart(self, process: _Process) -> None:
        """Kill a child that overran and start loading a fresh one (unless closed meanwhile)."""
        process.kill()
        with self._state:
            if not self._closed and self._process is process:
                self._process = _Process(self.script)

    # --- requests ------------------------------------------------------------------------------

    def equal(self, a: Node, b: Node, *, timeout: float) -> bool | None:
        """True/False if sympy decides within `timeout` seconds of work, else None.

        Waiting for the worker to load (up to `load_timeout`) or for another check to finish
        does not count against `timeout`.
        """
        reply = self._request({"op": "equal", "a": to_json(a), "b": to_json(b)}, timeout=timeout)
        result = None if reply is None else reply.get("equal")
        return result if isinstance(result, bool) else None

    def _request(self, payload: dict[str, Any], *, timeout: float) -> dict[str, Any] | None:
        """Send one request and wait `timeout` seconds for its reply (None: no reply)."""
        if not self._lock.acquire(timeout=self.load_timeout + timeout):
            return None
        try:
            with self._state:
                if self._closed:
                    return None
                process = self._running()
            if not (process.ready.wait(self.load_timeout) and process.alive()):
                return None
            ident = next(self._ids)
            if not process.send({"id": ident, **payload}):
                process.kill()
                return None
            deadline = time.monotonic() + timeout
            while True:
                try:
                    reply = process.replies.get(timeout=max(0.0, deadline - time.monotonic()))
                except queue.Empty:
                    self._restart(process)  # busy past the deadline
                    return None
                if reply is None:  # the child ended (closed, or out of memory)
                    return None
                if reply.get("id") == ident:
                    return reply
        finally:
            self._lock.release()
