"""``run_headless``: exit codes, messages, JSON and the human summary (no demo runs here)."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import Any

import pytest

from tutor.demos import headless, runner
from tutor.demos.events import Event, Finished, Progress, Result, Started
from tutor.demos.headless import run_headless


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def fake_report() -> dict[str, Any]:
    return {
        "demo": "bilstm",
        "device": "cpu",
        "device_name": "test cpu",
        "torch": "2.x",
        "seconds": 1.5,
        "quick": True,
        "seed": 0,
        "settings": {"steps": 2},
        "charts": [],
        "series": [{"chart": "future", "name": "LSTM", "x": [1.0], "y": [0.5]}],
        "results": [{"task": "future", "model": "LSTM", "accuracy": 0.125}],
        "tables": {},
        "summary": ["future: BiLSTM 1.00 vs LSTM 0.12"],
        "notes": [{"zh": "未来：BiLSTM 1.00，LSTM 0.12", "en": "future: BiLSTM 1.00 vs LSTM 0.12"}],
    }


def fake_events(*, interrupt: bool = False) -> Iterator[Event]:
    yield Started("bilstm", "cpu", "test cpu", "2.x", {"steps": 2})
    yield Progress(1, 2, "future · step 1/2")
    if interrupt:
        raise KeyboardInterrupt
    yield Result({"task": "future", "model": "LSTM", "accuracy": 0.125})
    yield Progress(2, 2, "done")
    yield Finished(fake_report())


@pytest.fixture
def fake_demo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runner, "run_demo", lambda name, **kw: fake_events())


def run(name: str, **kwargs: Any) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run_headless(name, out=out, err=err, **kwargs)
    return code, out.getvalue(), err.getvalue()


def test_unknown_demo_is_a_bad_request() -> None:
    code, out, err = run("exploding")
    assert code == 2 and out == ""
    assert (
        err == "lstm-tutor demo: unknown demo 'exploding': choose one of "
        "vanishing, bilstm, speed, clipping\n"
    )


def test_unknown_device_is_a_bad_request() -> None:
    code, _, err = run("speed", device="tpu")
    assert code == 2 and "unknown device 'tpu'" in err and "Traceback" not in err


def test_cuda_without_cuda_is_a_clear_bad_request() -> None:
    torch = pytest.importorskip("torch")
    if torch.cuda.is_available():
        pytest.skip("this machine has CUDA")
    code, out, err = run("speed", device="cuda")
    assert code == 2 and out == ""
    assert err.startswith("lstm-tutor demo: CUDA was requested but is not available")
    assert err.count("\n") == 1 and "Traceback" not in err


def test_ctrl_c_cancels_with_130_and_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runner, "run_demo", lambda name, **kw: fake_events(interrupt=True))
    out, err = io.StringIO(), Terminal()
    code = run_headless("bilstm", out=out, err=err)
    assert code == 130 and out.getvalue() == ""
    assert err.getvalue().rstrip().endswith("lstm-tutor demo bilstm: cancelled")
    assert "Traceback" not in err.getvalue()


def test_json_is_one_object(fake_demo: None) -> None:
    code, out, err = run("bilstm", as_json=True)
    assert code == 0 and err == ""
    assert out.count("\n") == 1
    assert json.loads(out) == fake_report()


def test_summary_is_a_table_without_progress_off_a_terminal(fake_demo: None) -> None:
    code, out, err = run("bilstm")
    assert code == 0 and err == ""
    assert "bilstm · cpu (test cpu) · torch 2.x · 1.5 s · quick" in out
    assert "accuracy" in out and "0.125" in out
    assert "• future: BiLSTM 1.00 vs LSTM 0.12" in out


def test_summary_in_chinese(fake_demo: None) -> None:
    code, out, err = run("bilstm", lang="zh")
    assert code == 0 and err == ""
    assert "bilstm · cpu (test cpu) · torch 2.x · 1.5 秒 · 快速运行" in out
    assert "结果" in out and "任务" in out and "准确率" in out and "未来" in out
    assert "• 未来：BiLSTM 1.00，LSTM 0.12" in out
    assert "accuracy" not in out and "future" not in out


def test_progress_bar_on_a_terminal(fake_demo: None) -> None:
    out, err = io.StringIO(), Terminal()
    assert run_headless("bilstm", out=out, err=err) == 0
    assert "bilstm: done" in err.getvalue() and "100%" in err.getvalue()  # on stderr only
    assert "done" not in out.getvalue()


def test_exit_codes_are_named() -> None:
    assert (headless.EXIT_OK, headless.EXIT_BAD_REQUEST, headless.EXIT_CANCELLED) == (0, 2, 130)
