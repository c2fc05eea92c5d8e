"""speed --quick on the CPU: the hand-written LSTMs are right, and fusing gates pays."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
import torch

from tutor.demos import speed
from tutor.demos.headless import run_headless


@pytest.fixture(scope="module")
def report() -> dict[str, Any]:
    out, err = io.StringIO(), io.StringIO()
    assert run_headless("speed", device="cpu", quick=True, as_json=True, out=out, err=err) == 0
    return json.loads(out.getvalue())


def tokens_per_s(report: dict[str, Any], method: str, pass_: str) -> float:
    [row] = [r for r in report["results"] if r["method"].startswith(method) and r["pass"] == pass_]
    return row["tokens_per_s"]


def test_hand_written_lstms_compute_torch_nn_lstm() -> None:
    assert speed.check_equivalent(torch.device("cpu")) < 1e-12


def test_report_shape(report: dict[str, Any]) -> None:
    assert {"device", "torch", "seconds", "settings", "series", "results"} <= set(report)
    keys = {"method", "device", "pass", "tokens_per_s", "speedup"}
    assert all(set(row) == keys for row in report["results"])
    assert len(report["results"]) == len(speed.RUNGS) * len(speed.PASSES)
    assert {row["device"] for row in report["results"]} == {"cpu"}
    baseline = [r for r in report["results"] if r["method"].startswith("loop, one matmul")]
    assert all(r["speedup"] == 1.0 for r in baseline)


def test_fused_gates_beat_the_per_gate_loop(report: dict[str, Any]) -> None:
    # forward + backward: one addmm node instead of four per step. (The forward pass alone
    # is launch-bound at B=1 on a CPU, where fusing gains only a few per cent.)
    loop = tokens_per_s(report, "loop, one matmul per gate", "forward+backward")
    assert tokens_per_s(report, "fused gates", "forward+backward") > loop


def test_hoisting_batching_and_library_kernels_pay(report: dict[str, Any]) -> None:
    for pass_ in speed.PASSES:
        loop = tokens_per_s(report, "loop, one matmul per gate", pass_)
        assert tokens_per_s(report, "fused + input projection hoisted, B=1", pass_) > loop
        assert tokens_per_s(report, "fused + hoisted + batching", pass_) > 3 * loop
        assert tokens_per_s(report, "torch.nn.LSTM", pass_) > 3 * loop
