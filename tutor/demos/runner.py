"""Run a demo by name as an iterator of events: the one door the TUI and headless share.

Importing this module does not import torch; :func:`run_demo` does, on first use.
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Generator
from dataclasses import asdict
from types import ModuleType
from typing import TYPE_CHECKING

from tutor.demos import DEVICES, NAMES
from tutor.demos.errors import DemoRequestError
from tutor.demos.events import Event, Finished, Started
from tutor.demos.record import Recorder

if TYPE_CHECKING:
    import torch


def demo_module(name: str) -> ModuleType:
    """The demo's module (imports torch). Each has ``settings(quick)`` and ``run(s, device, seed)``."""
    if name not in NAMES:
        raise DemoRequestError(f"unknown demo {name!r}: choose one of {', '.join(NAMES)}")
    return importlib.import_module(f"tutor.demos.{name}")


def run_demo(
    name: str, *, device: str = "auto", quick: bool = False, seed: int = 0
) -> Generator[Event, None, None]:
    """Check the request now, then return the demo's events.

    Raises :class:`DemoRequestError` at once (not on the first ``next``) for an unknown demo
    or device, or ``cuda`` without CUDA. The events start with :class:`Started` and end with
    :class:`Finished`; every step between two events is short (well under a second on a CPU),
    so a consumer that stops iterating, or calls ``close()``, cancels promptly.
    """
    if device not in DEVICES:
        raise DemoRequestError(f"unknown device {device!r}: use {', '.join(DEVICES)}")
    module = demo_module(name)
    from tutor.demos import common

    resolved = common.resolve_device(device)
    return _events(name, module, resolved, quick, seed)


def _events(
    name: str, module: ModuleType, device: torch.device, quick: bool, seed: int
) -> Generator[Event, None, None]:
    import torch

    from tutor.demos import common

    s = module.settings(quick)
    recorder = Recorder()
    common.import_lazy_parts()
    start = time.perf_counter()
    with common.torch_threads(s.threads):
        started = Started(
            name,
            device.type,
            common.device_name(device),
            torch.__version__,
            {**asdict(s), "threads": torch.get_num_threads()},
        )
        recorder.add(started)
        yield started
        for event in module.run(s, device, seed):
            recorder.add(event)
            yield event
    yield Finished(recorder.report(seconds=time.perf_counter() - start, quick=quick, seed=seed))
