"""What every torch demo shares: the device, threads, one training step, timing."""

from __future__ import annotations

import math
import os
import platform
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

import torch
from torch import nn

from tutor.demos.errors import DemoRequestError

IGNORE = -100
"""Target value for positions that carry no label (cross-entropy skips them)."""


def resolve_device(request: str) -> torch.device:
    """``auto`` picks CUDA when present, else the CPU; ``cuda`` without CUDA is an error.

    ``request`` is one of :data:`tutor.demos.DEVICES` (the runner checks).
    """
    if request == "cpu":
        return torch.device("cpu")
    if torch.cuda.is_available():
        return torch.device("cuda")
    if request == "cuda":
        why = (
            f"this torch {torch.__version__} is a CPU-only build"
            if torch.version.cuda is None
            else "no CUDA device was found"
        )
        raise DemoRequestError(f"CUDA was requested but is not available ({why}); use cpu or auto")
    return torch.device("cpu")


def device_name(device: torch.device) -> str:
    """A human name for the device, e.g. the GPU model or the CPU model."""
    if device.type == "cuda":
        return torch.cuda.get_device_name(device)
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine() or "cpu"


def available_cores() -> int:
    """CPU cores this process may run on (the affinity mask, not the machine's total)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


@contextmanager
def torch_threads(n: int) -> Iterator[None]:
    """Run with ``n`` intra-op threads and denormals flushed, then restore.

    Small recurrent models are bound by per-op overhead, so one thread is fastest and does
    not fight the UI (or a parallel test) for the laptop's two cores. Denormals appear when
    vanishing states decay and make CPU math crawl; flushing them changes nothing visible.
    """
    previous = torch.get_num_threads()
    torch.set_num_threads(max(1, n))
    torch.set_flush_denormal(True)
    try:
        yield
    finally:
        torch.set_num_threads(previous)
        torch.set_flush_denormal(False)


def import_lazy_parts() -> None:
    """Pay torch's lazy imports up front, not in the middle of a demo's first step.

    torch.optim imports torch._dynamo (and sympy with it) the first time an optimizer is
    built: seconds on a laptop, during which a demo could neither report nor be cancelled.
    """
    torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1)


def generator(seed: int) -> torch.Generator:
    """A CPU generator for data: batches are drawn on the CPU so every device sees the same."""
    return torch.Generator().manual_seed(seed)


def train_step(
    params: Iterable[nn.Parameter],
    optimizer: torch.optim.Optimizer,
    loss: torch.Tensor,
    max_norm: float = math.inf,
) -> float:
    """Backpropagate ``loss``, clip by global norm, step; return the norm *before* clipping."""
    optimizer.zero_grad(set_to_none=True)
    loss.backward()
    norm = nn.utils.clip_grad_norm_(list(params), max_norm)
    optimizer.step()
    return float(norm)


def sequence_loss(logits: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
    """Cross-entropy over every labelled position; logits (B, T, K) or (B, K)."""
    return nn.functional.cross_entropy(
        logits.reshape(-1, logits.shape[-1]), targets.reshape(-1), ignore_index=IGNORE
    )


@torch.no_grad()
def accuracy(logits: torch.Tensor, targets: torch.Tensor) -> float:
    """Share of labelled positions whose arg-max is the target."""
    labelled = targets != IGNORE
    hits = (logits.argmax(-1) == targets) & labelled
    return float(hits.sum()) / max(1, int(labelled.sum()))


def clock(device: torch.device) -> Callable[[], float]:
    """The clock that times one call fairly on ``device``.

    On a CPU with one intra-op thread all the work runs in the calling thread, so its CPU
    time is the method's cost even when other programs share the cores (a laptop running
    the tutor, a CI box running tests); with several threads, or on a GPU, only wall time
    counts them all.
    """
    if device.type == "cpu" and torch.get_num_threads() == 1:
        return time.thread_time
    return time.perf_counter


def seconds_once(fn: Callable[[], object], device: torch.device) -> float:
    """Time of one call by :func:`clock`; waits for the GPU so queued kernels are counted."""
    now = clock(device)
    if device.type == "cuda":
        torch.cuda.synchronize(device)
    start = now()
    fn()
    if device.type == "cuda":
        torch.cuda.synchronize(device)
    return now() - start
