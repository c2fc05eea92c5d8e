"""A non-editable install works: the wheel carries the content and the console script."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_wheel_ships_content_and_entry_point(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            str(ROOT),
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("lstm_tutor-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "tutor/content/course.toml" in names
    lessons = {
        n.split("/")[2] for n in names if n.startswith("tutor/content/") and n.count("/") == 3
    }
    assert len(lessons) == 11
    for lesson in lessons:
        for file in ("lesson.zh.md", "lesson.en.md", "questions.toml"):
            assert f"tutor/content/{lesson}/{file}" in names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "lstm-tutor = tutor.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()
