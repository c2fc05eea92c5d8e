"""clipping --quick on the CPU: unclipped, the gradient explodes; clipped, it stays bounded."""

from __future__ import annotations

import io
import json
import math
from typing import Any

import pytest
from spacing import report_texts, stray_spaces

from tutor.demos.headless import run_headless


@pytest.fixture(scope="module")
def report() -> dict[str, Any]:
    out, err = io.StringIO(), io.StringIO()
    assert run_headless("clipping", device="cpu", quick=True, as_json=True, out=out, err=err) == 0
    return json.loads(out.getvalue())


def per_step(report: dict[str, Any], chart: str, run: str) -> list[float | None]:
    [series] = [s for s in report["series"] if s["chart"] == chart and s["name"] == run]
    return series["y"]


def test_report_shape(report: dict[str, Any]) -> None:
    assert {"device", "torch", "seconds", "settings", "series", "results"} <= set(report)
    assert all(set(row) == {"clipped", "step", "loss", "grad_norm"} for row in report["results"])
    assert {row["clipped"] for row in report["results"]} == {True, False}


def test_clipping_keeps_the_gradient_norm_bounded(report: dict[str, Any]) -> None:
    norms = per_step(report, "grad_norm", "clipped")
    assert len(norms) == report["settings"]["steps"]
    assert all(n is not None and n < 100 for n in norms)
    losses = per_step(report, "loss", "clipped")
    assert losses[-1] < 0.5 * losses[0]


def test_without_clipping_the_gradient_explodes(report: dict[str, Any]) -> None:
    norms = per_step(report, "grad_norm", "no clipping")
    finite = [n for n in norms if n is not None and math.isfinite(n)]
    diverged = len(finite) < len(norms)
    assert diverged or max(finite) > 1e3
    assert max(finite) > 1e3 * max(per_step(report, "grad_norm", "clipped"))


def test_closing_the_events_early_restores_torch_settings() -> None:
    import torch

    from tutor.demos.events import Progress
    from tutor.demos.runner import run_demo

    before = torch.get_num_threads()
    events = run_demo("clipping", device="cpu", quick=True)
    for event in events:
        if isinstance(event, Progress) and event.done >= 3:
            break
    events.close()  # what a cancelled consumer does
    assert torch.get_num_threads() == before


def test_chinese_texts_have_no_stray_spaces(report: dict[str, Any]) -> None:
    texts = report_texts(report)
    assert texts and all(texts) and stray_spaces(texts) == []
