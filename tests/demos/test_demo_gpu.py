"""The demos on a CUDA device (skipped without one): run once per CUDA machine."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
import torch

from tutor.demos import NAMES, speed
from tutor.demos.headless import run_headless

pytestmark = [
    pytest.mark.gpu,
    pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA device"),
]


def run_on_cuda(name: str) -> dict[str, Any]:
    out, err = io.StringIO(), io.StringIO()
    assert run_headless(name, device="cuda", quick=True, as_json=True, out=out, err=err) == 0
    return json.loads(out.getvalue())


def test_hand_written_lstms_match_cudnn() -> None:
    assert speed.check_equivalent(torch.device("cuda")) < 1e-9


@pytest.mark.parametrize("name", NAMES)
def test_every_demo_runs_on_cuda(name: str) -> None:
    report = run_on_cuda(name)
    assert report["device"] == "cuda" and report["results"]


def test_speed_measures_cpu_and_gpu_and_fusing_pays_on_the_gpu() -> None:
    rows = run_on_cuda("speed")["results"]
    assert {row["device"] for row in rows} == {"cpu", "cuda"}

    def tokens_per_s(method: str, pass_: str) -> float:
        [row] = [
            r
            for r in rows
            if r["device"] == "cuda" and r["method"] == method and r["pass"] == pass_
        ]
        return row["tokens_per_s"]

    for pass_ in speed.PASSES:
        loop = tokens_per_s("gate loop", pass_)
        assert tokens_per_s("fused", pass_) > loop  # one kernel launch instead of four
        assert tokens_per_s("nn.LSTM", pass_) > tokens_per_s("batched", pass_)


def test_bilstm_claim_holds_on_cuda() -> None:
    results = run_on_cuda("bilstm")["results"]
    acc = {(r["task"], r["model"]): r["accuracy"] for r in results}
    assert acc["future", "BiLSTM"] > acc["future", "LSTM"] + 0.4
    assert acc["past", "BiLSTM"] <= acc["past", "LSTM"] + 0.05
