"""The document's acceleration list, measured in tokens per second.

A ladder: each rung adds one technique to the one before. The hand-written LSTMs use the
document's layout, W of shape (4H, H + D) acting on [h_{t-1}, x_t], and all of them compute
the same function as torch.nn.LSTM (checked before timing).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field

import torch
from torch import nn

from tutor.demos.common import available_cores, generator, seconds_once
from tutor.demos.events import Chart, Event, Note, Points, Progress, Result
from tutor.i18n import Text

LstmFn = Callable[[torch.Tensor, torch.Tensor, torch.Tensor], torch.Tensor]


@dataclass(frozen=True)
class Settings:
    # One core stays free for the UI; on a 2-core laptop that means one thread, which
    # also lets the CPU rungs be timed in thread CPU time (see common.clock).
    threads: int = field(default_factory=lambda: max(1, min(4, available_cores() - 1)))
    seq_len: int = 100
    input_size: int = 64
    hidden: int = 128
    batch: int = 64
    min_seconds: float = 0.3  # per method and pass, after one warm-up call
    min_repeats: int = 3
    max_repeats: int = 1000


DEFAULT = Settings()
QUICK = Settings(seq_len=25, min_seconds=0.08, min_repeats=5)
PASSES = ("forward", "forward+backward")


def settings(quick: bool) -> Settings:
    return QUICK if quick else DEFAULT


def lstm_per_gate(x: torch.Tensor, W: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    """One matmul per gate per step. x (T, B, D), W (4H, H + D) in i, f, g, o order, b (4H,).

    Returns every h_t, shape (T, B, H).
    """
    W_i, W_f, W_g, W_o = (w.T for w in W.chunk(4))
    b_i, b_f, b_g, b_o = b.chunk(4)
    h = x.new_zeros(x.shape[1], W.shape[0] // 4)
    C = torch.zeros_like(h)
    hs = []
    for x_t in x:
        hx = torch.cat([h, x_t], dim=1)  # [h_{t-1}, x_t]
        i = torch.sigmoid(torch.addmm(b_i, hx, W_i))
        f = torch.sigmoid(torch.addmm(b_f, hx, W_f))
        C_tilde = torch.tanh(torch.addmm(b_g, hx, W_g))
        o = torch.sigmoid(torch.addmm(b_o, hx, W_o))
        C = f * C + i * C_tilde
        h = o * torch.tanh(C)
        hs.append(h)
    return torch.stack(hs)


def _fused_step(z: torch.Tensor, C: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """The cell update from all pre-activations z (B, 4H) in i, f, g, o order: (h_t, C_t)."""
    i, f, g, o = z.chunk(4, dim=1)
    C = torch.sigmoid(f) * C + torch.sigmoid(i) * torch.tanh(g)
    return torch.sigmoid(o) * torch.tanh(C), C


def lstm_fused(x: torch.Tensor, W: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    """All four gates from one matmul per step (same shapes as above)."""
    W_T = W.T
    h = x.new_zeros(x.shape[1], W.shape[0] // 4)
    C = torch.zeros_like(h)
    hs = []
    for x_t in x:
        h, C = _fused_step(torch.addmm(b, torch.cat([h, x_t], dim=1), W_T), C)
        hs.append(h)
    return torch.stack(hs)


def lstm_hoisted(x: torch.Tensor, W: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    """As fused, but W_x x_t + b for every t is one big matmul before the loop."""
    H = W.shape[0] // 4
    W_h_T, W_x_T = W[:, :H].T, W[:, H:].T
    zx = torch.addmm(b, x.reshape(-1, x.shape[2]), W_x_T).reshape(x.shape[0], x.shape[1], -1)
    h = x.new_zeros(x.shape[1], H)
    C = torch.zeros_like(h)
    hs = []
    for zx_t in zx:
        h, C = _fused_step(torch.addmm(zx_t, h, W_h_T), C)
        hs.append(h)
    return torch.stack(hs)


def stacked_weights(lstm: nn.LSTM) -> tuple[torch.Tensor, torch.Tensor]:
    """nn.LSTM's weights in the document's layout: W = [W_hh | W_ih] on [h, x], one bias."""
    W = torch.cat([lstm.weight_hh_l0, lstm.weight_ih_l0], dim=1).detach().requires_grad_()
    b = (lstm.bias_ih_l0 + lstm.bias_hh_l0).detach().requires_grad_()
    return W, b


# (method, implementation or module kind, batch size: None is the settings' batch)
# The first rung is the baseline; each of the next three adds one technique. The methods
# are short keys (tutor.demos.labels names them in both languages; the note says more).
RUNGS: tuple[tuple[str, LstmFn | str, int | None], ...] = (
    ("gate loop", lstm_per_gate, 1),  # one matmul per gate and step
    ("fused", lstm_fused, 1),  # the four gates in one matmul
    ("hoisted", lstm_hoisted, 1),  # the input projection out of the loop
    ("batched", lstm_hoisted, None),  # ... on a batch of sequences
    ("nn.LSTM", "LSTM", None),  # oneDNN on the CPU, cuDNN on a GPU
    ("nn.GRU", "GRU", None),
)


def backend(device: torch.device) -> str:
    if device.type == "cuda":
        return "cuDNN" if torch.backends.cudnn.is_available() else "CUDA"
    return "oneDNN" if torch.backends.mkldnn.is_available() else "ATen"


def check_equivalent(device: torch.device, seed: int = 0) -> float:
    """Largest difference between the hand-written LSTMs and torch.nn.LSTM on a small input."""
    torch.manual_seed(seed)
    lstm = nn.LSTM(3, 5).to(device, torch.float64)
    x = torch.randn(7, 2, 3, generator=generator(seed), dtype=torch.float64).to(device)
    W, b = stacked_weights(lstm)
    with torch.no_grad():
        reference = lstm(x)[0]
        return max(float((fn(x, W, b) - reference).abs().max()) for fn in _hand_written())


def _hand_written() -> tuple[LstmFn, ...]:
    return tuple(impl for _, impl, _ in RUNGS if callable(impl))


def _workload(
    impl: LstmFn | str, batch: int, s: Settings, device: torch.device, seed: int, backward: bool
) -> Callable[[], object]:
    """A zero-argument call running one pass over a (T, batch, D) input."""
    torch.manual_seed(seed)
    x = torch.randn(s.seq_len, batch, s.input_size, generator=generator(seed)).to(device)
    module = (nn.GRU if impl == "GRU" else nn.LSTM)(s.input_size, s.hidden).to(device)
    if callable(impl):
        W, b = (t.detach().to(device).requires_grad_() for t in stacked_weights(module))
        params: tuple[torch.Tensor, ...] = (W, b)

        def forward() -> torch.Tensor:
            return impl(x, W, b)
    else:
        params = tuple(module.parameters())

        def forward() -> torch.Tensor:
            return module(x)[0]

    if not backward:
        return torch.no_grad()(forward)

    def forward_backward() -> None:
        for p in params:
            p.grad = None
        forward().sum().backward()

    return forward_backward


def run(s: Settings, device: torch.device, seed: int) -> Iterator[Event]:
    devices = [torch.device("cpu")] + ([device] if device.type == "cuda" else [])
    for dev in devices:
        error = check_equivalent(dev, seed)
        if error > 1e-9:
            raise RuntimeError(f"hand-written LSTMs differ from torch.nn.LSTM by {error:g}")
    yield Chart(
        "speed",
        Text("每秒词元数（对数坐标）", "Tokens per second (log scale)"),
        Text("方法", "method"),
        Text("词元 / 秒", "tokens / s"),
        log_y=True,
        x_ticks=tuple(method for method, _, _ in RUNGS),
    )
    groups = [(dev, pass_) for dev in devices for pass_ in PASSES]
    baseline: dict[str, float] = {}
    for index, (dev, pass_) in enumerate(groups):
        batches = [batch or s.batch for *_, batch in RUNGS]
        calls = [
            _workload(impl, batch, s, dev, seed, pass_ != "forward")
            for (_, impl, _), batch in zip(RUNGS, batches, strict=True)
        ]
        progress = (index, len(groups), f"{dev.type} · {pass_}")
        seconds = yield from _measure(calls, dev, s, progress)
        for rung, ((method, _, _), batch, best) in enumerate(
            zip(RUNGS, batches, seconds, strict=True)
        ):
            tokens_per_s = batch * s.seq_len / best
            baseline.setdefault(pass_, tokens_per_s)  # the CPU per-gate loop at B=1
            yield Points("speed", f"{dev.type} {pass_}", (float(rung),), (tokens_per_s,))
            yield Result(
                {
                    "method": method,
                    "device": dev.type,
                    "pass": pass_,
                    "tokens_per_s": tokens_per_s,
                    "speedup": tokens_per_s / baseline[pass_],
                }
            )
    yield Progress(len(groups), len(groups), "done")
    backends = " / ".join(dict.fromkeys(backend(dev) for dev in devices))
    yield Note(
        Text(
            f"前三种 B=1，其余 B={s.batch}；nn.LSTM 用 {backends}。"
            f"加速比：相对 CPU 逐门循环的每秒词元数（同一种计算）；"
            f"T={s.seq_len}，D={s.input_size}，H={s.hidden}。",
            f"B=1 for the first three, B={s.batch} for the rest; nn.LSTM runs {backends}. "
            "Speed-up: tokens/s over the CPU gate loop, same pass; "
            f"T={s.seq_len}, D={s.input_size}, H={s.hidden}.",
        )
    )


def _measure(
    calls: list[Callable[[], object]],
    device: torch.device,
    s: Settings,
    progress: tuple[int, int, str],
) -> Generator[Event, None, list[float]]:
    """Fastest seconds per call of each workload.

    The workloads take turns, so a burst of background load hits them all alike, and each
    keeps its turn until it has run ``min_seconds`` and ``min_repeats`` times; the minimum
    is the time the method needs when nothing interferes. Progress comes after every call
    so cancelling is prompt.
    """
    group, groups, label = progress
    for call in calls:
        call()  # warm-up: lazy init, allocator, oneDNN / cuDNN plans
    best = [math.inf] * len(calls)
    spent = [0.0] * len(calls)
    repeats = [0] * len(calls)

    def more(k: int) -> bool:
        return repeats[k] < s.max_repeats and (
            spent[k] < s.min_seconds or repeats[k] < s.min_repeats
        )

    while any(more(k) for k in range(len(calls))):
        for k, call in enumerate(calls):
            if not more(k):
                continue
            seconds = seconds_once(call, device)
            best[k], spent[k], repeats[k] = (
                min(best[k], seconds),
                spent[k] + seconds,
                repeats[k] + 1,
            )
            fraction = sum(min(1.0, t / s.min_seconds) for t in spent) / len(calls)
            yield Progress(group * 100 + int(99 * fraction), groups * 100, label)
    return best
