"""Family 9: gradient clipping by the global norm (torch.nn.utils.clip_grad_norm_)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from tutor.engine import clipping
from tutor.exercises.families._build import (
    hints,
    numeric_cell,
    prompt_with_precision,
    worked_line,
)
from tutor.exercises.families._draw import signed
from tutor.exercises.families._numbers import shown_givens, typed
from tutor.exercises.model import Degenerate, Exercise, Step
from tutor.exercises.registry import register
from tutor.i18n import Text

DECIMALS = 1  # gradients and θ as displayed


def _tensors(rng: np.random.Generator, difficulty: int) -> list[np.ndarray]:
    """Two 2-vectors; a 2×2 matrix and a vector; or three tensors."""
    if difficulty == 1:
        shapes: list[tuple[int, ...]] = [(2,), (2,)]
    elif difficulty == 2:
        shapes = [(2, 2), (2,)]
    else:
        shapes = [(2, 2), (2,), (3,)]
    return [signed(rng, 4.0, shape, low=0.2, decimals=DECIMALS) for shape in shapes]


def _squares(g: np.ndarray) -> str:
    return " + ".join(f"({v:.{DECIMALS}f})²" if v < 0 else f"{v:.{DECIMALS}f}²" for v in g.ravel())


@register(
    "clipping.global-norm",
    "backpropagation",
    "按全局范数裁剪梯度",
    "Gradient clipping by the global norm",
)
def global_norm(rng: np.random.Generator, difficulty: int) -> Exercise:
    grads = _tensors(rng, difficulty)
    total = clipping.global_norm(grads)
    clip = difficulty < 3 or bool(rng.integers(2))  # at 3, the norm may already be small
    low, high = (0.3 * total, total - 0.5) if clip else (total + 0.5, total + 3.0)
    theta = round(float(rng.uniform(low, high)), DECIMALS)
    if abs(theta - total) < 0.3 or theta < 0.5:
        raise Degenerate("θ too close to the norm")
    clipped, _ = clipping.clip_grad_norm(grads, theta)
    scale = min(1.0, theta / (total + clipping.EPS))
    names = [f"g_{k + 1}" for k in range(len(grads))]
    # the norms added instead of their squares: ‖g_1‖ + ‖g_2‖ + … for ‖g‖
    summed = float(sum(clipping.global_norm([g]) for g in grads))
    summed_scale = min(1.0, theta / summed)

    def scale_from(values: Mapping[str, Any]) -> float:
        return min(1.0, theta / float(values["norm"]))

    def clipped_from(k: int) -> Any:
        return lambda values: float(values["scale"]) * grads[k]

    def unless_right(wrong: Any, right: Any) -> Any:
        """A slip that gives the right numbers here (nothing to clip either way) is no slip."""
        return None if np.allclose(wrong, right) else wrong

    def per_tensor(k: int) -> dict[str, Any]:
        # each tensor clipped by its own norm, or by the summed norms: multiples of g_k
        own = clipping.clip_grad_norm([grads[k]], theta)[0][0]
        return {
            "clipping.per-tensor-norm": unless_right(own, clipped[k]),
            "clipping.norm-sum": unless_right(summed_scale * grads[k], clipped[k]),
        }

    cells = [
        numeric_cell("norm", r"$\|g\|$", total, mistakes={"clipping.norm-sum": summed}),
        numeric_cell(
            "scale",
            "$c$",
            scale,
            mistakes={"clipping.norm-sum": unless_right(summed_scale, scale)},
            depends=("norm",),
            recompute=scale_from,
        ),
    ]
    for k in range(min(2, len(grads))):
        cells.append(
            numeric_cell(
                f"clipped_{k + 1}",
                rf"$\mathrm{{clip}}(g_{k + 1})$",
                clipped[k],
                mistakes=per_tensor(k),
                depends=("scale",),
                recompute=clipped_from(k),
            )
        )
    squares = " + ".join(_squares(g) for g in grads)
    listed = "、".join(f"${n}$" for n in names), ", ".join(f"${n}$" for n in names)
    compare = rf"$\|g\| = {typed(total)}$，$\theta = {theta:.{DECIMALS}f}$"
    solution = (
        worked_line("所有分量放在一起", "All entries together", r"\|g\|^2", squares, typed(total**2)),
        worked_line("开方", "Square root", r"\|g\|", "", typed(total)),
        Step(
            Text(
                f"比较：{compare}，" + ("大于 θ，要裁剪。" if clip else "不大于 θ，不变。"),
                f"Compare: {compare.replace('，', ', ')}: "
                + ("above θ, so clip." if clip else "not above θ, so nothing changes."),
            )
        ),
        worked_line("缩放系数", "Scale factor", r"c = \min(1, \theta/\|g\|)", "", typed(scale)),
        *(
            worked_line(f"${n}$ 乘以 c", f"Multiply ${n}$ by c", rf"c \cdot {n}", "", typed(c))
            for n, c in zip(names, clipped, strict=True)
        ),
    )
    asked = len(cells) - 2
    return Exercise(
        prompt=prompt_with_precision(
            f"按全局范数裁剪梯度（阈值 θ）：把 {listed[0]} 的所有分量看成一个向量 g，"
            r"若 $\|g\| > \theta$，所有梯度都乘以 $c = \theta/\|g\|$，否则不变（c = 1）。"
            f"求 $\\|g\\|$、c 和裁剪后的前 {asked} 个梯度。",
            f"Clip the gradients {listed[1]} by their global norm with threshold θ: take all "
            r"their entries as one vector g; if $\|g\| > \theta$, multiply every gradient by "
            r"$c = \theta/\|g\|$, otherwise leave them (c = 1). Find $\|g\|$, c and the first "
            f"{asked} clipped gradients.",
        ),
        givens=shown_givens(**dict(zip(names, grads, strict=True)), theta=theta),
        cells=tuple(cells),
        hints=hints(
            (
                "全局范数把所有张量的所有分量放在一起：平方和再开方。",
                "The global norm takes every entry of every tensor together: the square root "
                "of the sum of squares.",
            ),
            (
                r"只有 $\|g\| > \theta$ 时才缩放，而且所有张量用同一个系数 $\theta/\|g\|$。",
                r"Scale only when $\|g\| > \theta$, and scale every tensor by the same "
                r"$\theta/\|g\|$.",
            ),
        ),
        solution=solution,
        given_decimals=DECIMALS,
    )
