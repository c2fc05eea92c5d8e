"""vanishing --quick on the CPU: the RNN gradient vanishes, the LSTM cell path keeps it."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from spacing import report_texts, stray_spaces

from tutor.demos.headless import run_headless

REPORT_KEYS = {"device", "torch", "seconds", "settings", "series", "results"}


@pytest.fixture(scope="module")
def report() -> dict[str, Any]:
    out, err = io.StringIO(), io.StringIO()
    assert run_headless("vanishing", device="cpu", quick=True, as_json=True, out=out, err=err) == 0
    return json.loads(out.getvalue())


def norm(report: dict[str, Any], model: str, distance: int) -> float:
    [row] = [r for r in report["results"] if r["model"] == model and r["distance"] == distance]
    return row["grad_norm"]


def test_report_shape(report: dict[str, Any]) -> None:
    assert set(report) >= REPORT_KEYS
    assert report["device"] == "cpu" and report["torch"]
    assert all(set(row) == {"model", "distance", "grad_norm"} for row in report["results"])
    assert {s["name"] for s in report["series"] if s["chart"] == "gradient"} >= {"RNN", "LSTM cell"}


def test_rnn_gradient_falls_by_orders_of_magnitude(report: dict[str, Any]) -> None:
    far = report["settings"]["max_distance"]
    assert norm(report, "RNN", far) < 1e-6 * norm(report, "RNN", 1)
    assert norm(report, "GRU", far) < 1e-6 * norm(report, "GRU", 1)


def test_lstm_cell_path_keeps_the_gradient(report: dict[str, Any]) -> None:
    far = report["settings"]["max_distance"]
    assert norm(report, "LSTM cell", far) > 1e-2 * norm(report, "LSTM cell", 1)
    # ... because its forget gates are open: with b_f = 0 (f ≈ 0.5) it vanishes too
    assert norm(report, "LSTM cell (b_f=0)", far) < 1e-6


def test_trained_rnn_fails_at_the_length_the_lstm_solves(report: dict[str, Any]) -> None:
    accuracy = {(r["model"], r["length"]): r["accuracy"] for r in report["tables"]["recall"]}
    short, long = min(report["settings"]["lengths"]), max(report["settings"]["lengths"])
    assert accuracy["RNN", short] >= 0.9  # the RNN can learn the task when the lag is short
    assert accuracy["RNN", long] <= 0.7  # chance is 0.5
    assert accuracy["LSTM", long] >= 0.9


def test_chinese_texts_have_no_stray_spaces(report: dict[str, Any]) -> None:
    texts = report_texts(report)
    assert texts and all(texts) and stray_spaces(texts) == []
