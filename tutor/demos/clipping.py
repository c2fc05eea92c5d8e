"""Gradient clipping by global norm on an RNN whose recurrent weight is too large.

Two copies of one RNN, W_hh orthogonal times ``gain`` (every singular value > 1), learn
to echo their input ``lag`` steps later with plain SGD on the same batches; one clips the
gradient to ``max_norm`` before each step. The reported ``grad_norm`` is the global norm
*before* clipping, so it shows whether training stays in a region of sane gradients.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Iterator
from dataclasses import dataclass

import torch
from torch import nn

from tutor.demos.common import generator, train_step
from tutor.demos.events import Chart, Event, Note, Points, Progress, Result
from tutor.demos.labels import value as value_label
from tutor.demos.models import Tagger
from tutor.i18n import Text


@dataclass(frozen=True)
class Settings:
    threads: int = 1
    input_size: int = 4
    hidden: int = 32
    seq_len: int = 40
    lag: int = 5
    batch: int = 32
    gain: float = 1.5  # W_hh = gain × orthogonal; PyTorch's default init has ‖W_hh‖ ≈ 0.6
    lr: float = 0.5
    max_norm: float = 1.0
    steps: int = 200


DEFAULT = Settings()
QUICK = Settings(steps=80)
RUNS = {"no clipping": False, "clipped": True}


def settings(quick: bool) -> Settings:
    return QUICK if quick else DEFAULT


def table_steps(steps: int) -> list[int]:
    """Steps shown in the table: dense early, where explosions happen, then sparse."""
    picks = (1, 2, 3, 4, 5, 6, 8, 10, 15, 20, 30, 50, 75, 100, 150, 200, 300, 500)
    return [*(k for k in picks if k < steps), steps]


def echo_batch(s: Settings, g: torch.Generator) -> tuple[torch.Tensor, torch.Tensor]:
    """x (B, T, D) Gaussian; y_t is x_{t-lag} channel 0, and 0 before that."""
    x = torch.randn(s.batch, s.seq_len, s.input_size, generator=g)
    y = torch.zeros(s.batch, s.seq_len, 1)
    y[:, s.lag :, 0] = x[:, : -s.lag, 0]
    return x, y


def run(s: Settings, device: torch.device, seed: int) -> Iterator[Event]:
    yield Chart(
        "loss",
        Text("每步损失（对数坐标）", "Loss per step (log scale)"),
        Text("训练步数", "step"),
        Text("均方误差损失", "MSE loss"),
        log_y=True,
    )
    yield Chart(
        "grad_norm",
        Text("裁剪前的梯度范数（对数坐标）", "Gradient norm before clipping (log scale)"),
        Text("训练步数", "step"),
        Text.same("‖g‖"),
        log_y=True,
    )
    torch.manual_seed(seed)
    net = Tagger("RNN", s.input_size, s.hidden, 1)
    with torch.no_grad():
        nn.init.orthogonal_(net.rnn.weight_hh_l0)
        net.rnn.weight_hh_l0.mul_(s.gain)
    runs = {name: copy.deepcopy(net).to(device) for name in RUNS}
    optimizers = {name: torch.optim.SGD(m.parameters(), lr=s.lr) for name, m in runs.items()}
    history: dict[str, list[tuple[float, float]]] = {name: [] for name in runs}
    shown = set(table_steps(s.steps))
    g = generator(seed + 1)
    for step in range(1, s.steps + 1):
        x, y = (t.to(device) for t in echo_batch(s, g))
        for name, model in runs.items():
            if history[name] and not math.isfinite(history[name][-1][0]):
                continue  # diverged: its weights are NaN now, nothing more to learn
            max_norm = s.max_norm if RUNS[name] else math.inf
            loss = nn.functional.mse_loss(model(x), y)
            norm = train_step(model.parameters(), optimizers[name], loss, max_norm)
            history[name].append((loss.item(), norm))
            yield Points("loss", name, (float(step),), (loss.item(),))
            yield Points("grad_norm", name, (float(step),), (norm,))
            if step in shown or not math.isfinite(loss.item()):
                yield Result(
                    {"clipped": RUNS[name], "step": step, "loss": loss.item(), "grad_norm": norm}
                )
        yield Progress(step, s.steps, f"step {step}/{s.steps}")
    for name, points in history.items():
        yield Note(_summary(name, points))


def _summary(run: str, points: list[tuple[float, float]]) -> Text:
    name = value_label(run)
    finite = [(loss, norm) for loss, norm in points if math.isfinite(loss) and math.isfinite(norm)]
    peak = max(norm for _, norm in finite) if finite else math.nan
    if not math.isfinite(points[-1][0]):
        return Text(
            f"{name.zh}：第 {len(points)} 步发散（损失为 NaN；梯度范数峰值 {peak:.1e}）",
            f"{name.en}: diverged at step {len(points)} (loss NaN; peak gradient norm {peak:.1e})",
        )
    first, last = points[0][0], points[-1][0]
    return Text(
        f"{name.zh}：损失 {first:.3g} → {last:.3g}，梯度范数峰值 {peak:.3g}",
        f"{name.en}: loss {first:.3g} → {last:.3g}, peak gradient norm {peak:.3g}",
    )
