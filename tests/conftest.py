from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

from tutor.course.paths import content_dir

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(autouse=True)
def _own_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test keeps its progress in a folder of its own, never in the user's."""
    folder = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("LSTM_TUTOR_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def mini_content() -> Path:
    """A small, valid two-lesson course (fast and independent of the shipped lessons)."""
    return FIXTURES / "mini"


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped content, to break on purpose."""
    target = tmp_path / "content"
    shutil.copytree(content_dir(), target)
    return target


# CI runs the property tests with a fixed derandomised search, so a landing never depends on
# the luck of the draw; locally they keep exploring new examples.
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")
