"""bilstm --quick on the CPU: a BiLSTM wins when the label is in the future, not the past."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
import torch
from spacing import report_texts, stray_spaces

from tutor.demos import bilstm
from tutor.demos.common import IGNORE, generator
from tutor.demos.headless import run_headless
from tutor.demos.models import Tagger, n_params


@pytest.fixture(scope="module")
def report() -> dict[str, Any]:
    out, err = io.StringIO(), io.StringIO()
    assert run_headless("bilstm", device="cpu", quick=True, as_json=True, out=out, err=err) == 0
    return json.loads(out.getvalue())


def accuracy(report: dict[str, Any], task: str, model: str) -> float:
    [row] = [r for r in report["results"] if r["task"] == task and r["model"] == model]
    return row["accuracy"]


def test_report_shape(report: dict[str, Any]) -> None:
    assert {"device", "torch", "seconds", "settings", "series", "results"} <= set(report)
    assert all(set(row) == {"task", "model", "params", "accuracy"} for row in report["results"])
    assert {row["task"] for row in report["results"]} == {"future", "past", "cloze"}
    assert {(s["chart"], s["name"]) for s in report["series"]} >= {("future", "BiLSTM")}


def test_bilstm_clearly_beats_lstm_on_the_future_task(report: dict[str, Any]) -> None:
    lstm, bi = accuracy(report, "future", "LSTM"), accuracy(report, "future", "BiLSTM")
    assert lstm < 0.3  # it cannot see x_{t+k}: chance is 1/8
    assert bi > lstm + 0.4


def test_bilstm_does_not_beat_lstm_on_the_past_task(report: dict[str, Any]) -> None:
    lstm, bi = accuracy(report, "past", "LSTM"), accuracy(report, "past", "BiLSTM")
    assert lstm > 0.8
    assert bi <= lstm + 0.05


def test_cloze_context_on_both_sides_helps(report: dict[str, Any]) -> None:
    assert accuracy(report, "cloze", "BiLSTM") > accuracy(report, "cloze", "LSTM")


def test_the_report_says_which_text_the_cloze_used(report: dict[str, Any]) -> None:
    [note] = [n for n in report["notes"] if n["en"].startswith("Cloze text: ")]
    assert "files" in note["en"] and note["zh"].startswith("填空文本：")
    budgets = {(r["task"], r["model"]): r["params"] for r in report["results"]}
    for task in ("future", "past", "cloze"):
        assert abs(budgets[task, "LSTM"] - budgets[task, "BiLSTM"]) / budgets[task, "BiLSTM"] < 0.02


def test_same_parameter_budget() -> None:
    s = bilstm.QUICK
    for vocab in (s.symbols, 50):
        width = bilstm.matched_hidden(s, vocab, vocab)
        uni = n_params(Tagger("LSTM", s.embed, width, vocab, vocab=vocab))
        bi = n_params(Tagger("LSTM", s.embed, s.bi_hidden, vocab, vocab=vocab, bidirectional=True))
        assert abs(uni - bi) / bi < 0.02


def test_task_labels() -> None:
    s = bilstm.QUICK
    x, y = bilstm.shift_batch("future", 2, generator(0), s=s)
    assert torch.equal(y[:, : -s.shift], x[:, s.shift :])
    assert (y[:, -s.shift :] == IGNORE).all()
    x, y = bilstm.shift_batch("past", 2, generator(0), s=s)
    assert torch.equal(y[:, s.shift :], x[:, : -s.shift])
    ids = torch.arange(2, 200) % 40 + 2
    x, y = bilstm.cloze_batch(ids, 4, generator(0), s=s)
    masked = y != IGNORE
    assert masked.any() and (x[masked] == 1).all() and (x[~masked] >= 2).all()


def test_chinese_texts_have_no_stray_spaces(report: dict[str, Any]) -> None:
    texts = report_texts(report)
    assert texts and all(texts) and stray_spaces(texts) == []
