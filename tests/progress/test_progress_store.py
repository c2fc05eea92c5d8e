"""The progress store: attempts saved the moment they are made, and nothing lost whatever
state the file is in (killed mid-write, corrupt, old, newer, shared, unwritable)."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tutor.progress import FILE_NAME, Attempt, Level, open_store
from tutor.progress.schema import MIGRATIONS, SCHEMA_VERSION

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def attempt(n: int = 0, **fields: object) -> Attempt:
    base: dict[str, object] = {
        "question_id": f"lesson-a.q{n % 3}",
        "lesson_id": "lesson-a",
        "kind": "numeric",
        "answers": {"answer": f"0.{n}"},
        "outcome": "correct" if n % 2 == 0 else "incorrect",
        "score": 1.0 if n % 2 == 0 else 0.0,
        "seconds": 2.5,
        "answered_at": NOW + timedelta(minutes=n),
    }
    base.update(fields)
    return Attempt(**base)  # type: ignore[arg-type]


def test_an_attempt_reads_back_as_it_was_recorded(tmp_path: Path) -> None:
    store, notices = open_store(tmp_path, version="9.9")
    assert notices == [] and store.saving
    recorded = attempt(
        4,
        kind="worksheet",
        generator="lstm.step",
        seed=7,
        difficulty=2,
        answers={"f": "0.62", "i": "σ(0.3)"},
        hints_used=2,
        solution_shown=True,
        mistakes=("lstm.forgot-bias",),
        rating=None,
    )
    ident = store.record(recorded)
    [back] = store.attempts()
    assert back.id == ident and back.tutor_version == "9.9"
    assert back == recorded.__class__(**{**recorded.__dict__, "id": ident, "tutor_version": "9.9"})
    store.close()
    again, _ = open_store(tmp_path, version="9.9")
    assert again.attempts() == [back]


def test_invalid_records_are_refused() -> None:
    with pytest.raises(ValueError, match="outcome"):
        attempt(outcome="invalid")
    with pytest.raises(ValueError, match="score"):
        attempt(score=1.5)
    with pytest.raises(ValueError, match="timezone"):
        attempt(answered_at=datetime(2026, 1, 1))


def test_lesson_stats_and_levels(tmp_path: Path) -> None:
    store, _ = open_store(tmp_path, version="1")
    for n in range(5):
        store.record(attempt(n))
    store.record(attempt(5, question_id="lesson-a.never"))  # wrong, and never right
    store.record(
        attempt(9, lesson_id="lesson-b", question_id="lesson-b.x"), level=("g", Level(2, 1))
    )
    stats = store.lesson_stats()
    a = stats["lesson-a"]
    assert (a.attempts, a.correct, a.accuracy) == (6, 3, 0.5)
    assert a.questions == {"lesson-a.q0", "lesson-a.q1", "lesson-a.q2", "lesson-a.never"}
    assert a.solved == {"lesson-a.q0", "lesson-a.q1", "lesson-a.q2"}  # q1: wrong, then right
    assert a.last_at == NOW + timedelta(minutes=5) and a.seconds == 6 * 2.5
    assert stats["lesson-b"].attempts == 1
    assert store.level("g") == Level(2, 1) and store.level("other") == Level(1, 0)
    store.put("where", {"lesson": "lesson-a", "item": 3})
    assert store.get("where") == {"lesson": "lesson-a", "item": 3}
    assert store.get("missing", "default") == "default"


KILLED = """
import sys, time
from datetime import UTC, datetime
from pathlib import Path
from tutor.progress import Attempt, open_store
store, _ = open_store(Path(sys.argv[1]), version="1")
n = 0
while True:
    store.record(Attempt("l.q", "l", "numeric", {"answer": str(n)}, "correct", 1.0, 1.0,
                         datetime.now(UTC)))
    n += 1
    print(n, flush=True)
"""


def test_sigkill_mid_session_loses_at_most_the_attempt_being_written(tmp_path: Path) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-c", KILLED, str(tmp_path)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    confirmed = 0
    for line in proc.stdout:  # each line: an attempt whose transaction has committed
        confirmed = int(line)
        if confirmed >= 200:
            break
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    store, notices = open_store(tmp_path, version="1")
    assert notices == []
    saved = store.attempts()
    assert len(saved) >= confirmed  # every confirmed attempt survived
    assert [a.answers["answer"] for a in saved] == [str(n) for n in range(len(saved))]


@pytest.mark.parametrize(
    "damage",
    [
        b"this is not a database at all",
        b"SQLite format 3\x00" + b"\xff" * 4000,  # the header, then garbage
    ],
)
def test_a_corrupt_file_is_moved_aside_and_a_fresh_store_started(
    tmp_path: Path, damage: bytes
) -> None:
    (tmp_path / FILE_NAME).write_bytes(damage)
    store, [notice] = open_store(tmp_path, version="1", now=NOW)
    assert notice.kind == "corrupt"
    kept = Path(notice.detail)
    assert kept.parent == tmp_path and "corrupt-20261201T090000Z" in kept.name
    assert kept.read_bytes() == damage  # the learner's file is kept as it was
    assert str(kept) in notice.message("en") and str(kept) in notice.message("zh")
    store.record(attempt())
    assert len(store.attempts()) == 1 and store.saving


def _damage_a_page(tmp_path: Path) -> None:
    store, _ = open_store(tmp_path, version="1")
    for n in range(300):
        store.record(attempt(n, answers={"answer": "x" * 200}))
    store.close()
    path = tmp_path / FILE_NAME
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(path.read_bytes())
    data[8192:12288] = b"\x07" * 4096
    path.write_bytes(bytes(data))


def test_a_damaged_page_inside_a_real_store_is_detected(tmp_path: Path) -> None:
    _damage_a_page(tmp_path)
    store, notices = open_store(tmp_path, version="1", now=NOW)
    assert [n.kind for n in notices] == ["corrupt"]
    assert store.attempts() == []


V1_FILE = """
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.executescript(sys.argv[2])
db.execute("PRAGMA user_version = 1")
db.execute(
    "INSERT INTO attempts (question_id, lesson_id, kind, answers, outcome, score, seconds, "
    "answered_at, tutor_version) VALUES ('l.q', 'l', 'numeric', '{\\"answer\\": \\"1\\"}', "
    "'correct', 1.0, 3.0, '2026-11-30T08:00:00.000+00:00', '0.1')"
)
db.commit()
"""


def test_a_version_1_file_is_copied_then_migrated(tmp_path: Path) -> None:
    path = tmp_path / FILE_NAME
    subprocess.run([sys.executable, "-c", V1_FILE, str(path), MIGRATIONS[0]], check=True)
    before = path.read_bytes()
    store, [notice] = open_store(tmp_path, version="2", now=NOW)
    assert notice.kind == "migrated"
    backup = Path(notice.detail)
    assert backup.name == "progress.v1-20261201T090000Z.db"
    with sqlite3.connect(backup) as copy:
        assert copy.execute("PRAGMA user_version").fetchone()[0] == 1
        assert copy.execute("SELECT count(*) FROM attempts").fetchone()[0] == 1
    assert len(before) > 0
    [old] = store.attempts()
    assert old.tutor_version == "0.1" and old.mistakes == () and old.session == "practice"
    store.record(attempt())
    store.close()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    _, notices = open_store(tmp_path, version="2")
    assert notices == []  # migrated once


def test_a_store_from_a_newer_tutor_is_refused_and_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / FILE_NAME
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE future (x)")
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    before = path.read_bytes()
    store, [notice] = open_store(tmp_path, version="1")
    assert notice.kind == "newer" and not store.saving
    assert "newer" in notice.message("en") and "更新版本" in notice.message("zh")
    store.record(attempt())  # practice still works, in memory
    assert len(store.attempts()) == 1
    assert path.read_bytes() == before


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Iterator[Path]:
    """A folder nothing can be written to: mode 0500, and immutable for root (who writes
    through permissions) where the file system allows it."""
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    immutable = False
    if os.geteuid() == 0:
        immutable = subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode == 0
        if not immutable:
            pytest.skip("running as root where chattr +i is not available")
    try:
        yield folder
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
        folder.chmod(0o700)


def test_a_read_only_folder_gives_a_clear_message_and_practice_goes_on(
    read_only_folder: Path,
) -> None:
    store, [notice] = open_store(read_only_folder, version="1")
    assert notice.kind == "unwritable" and not store.saving
    assert "not being saved" in notice.message("en") and "不会保存" in notice.message("zh")
    store.record(attempt())
    assert len(store.attempts()) == 1
    assert list(read_only_folder.iterdir()) == []  # nothing was written there


def test_a_data_dir_that_is_a_file_gives_a_clear_message(tmp_path: Path) -> None:
    """Works as root too: nothing can be created below a plain file."""
    blocker = tmp_path / "file"
    blocker.write_text("x")
    store, [notice] = open_store(blocker / "data", version="1")
    assert notice.kind == "unwritable" and not store.saving
    assert str(blocker / "data") in notice.message("en")


WRITER = """
import sys
from datetime import UTC, datetime
from pathlib import Path
from tutor.progress import Attempt, open_store
store, notices = open_store(Path(sys.argv[1]), version="1")
assert notices == [], notices
for n in range(int(sys.argv[3])):
    store.record(Attempt(f"l.{sys.argv[2]}", "l", "numeric", {"answer": str(n)}, "correct",
                         1.0, 1.0, datetime.now(UTC)))
"""


def test_two_processes_writing_at_once_both_save_everything(tmp_path: Path) -> None:
    open_store(tmp_path, version="1")[0].close()  # created before, as by an earlier run
    procs = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path), name, "150"])
        for name in ("a", "b")
    ]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    store, notices = open_store(tmp_path, version="1")
    assert notices == []
    saved = store.attempts()
    assert len(saved) == 300
    for name in ("a", "b"):
        mine = [a.answers["answer"] for a in saved if a.question_id == f"l.{name}"]
        assert mine == [str(n) for n in range(150)]
    with sqlite3.connect(tmp_path / FILE_NAME) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_the_busy_timeout_waits_for_a_long_writer(tmp_path: Path) -> None:
    """A second copy that finds the file locked for a moment waits instead of failing."""
    store, _ = open_store(tmp_path, version="1")
    holder = textwrap.dedent(
        """
        import sqlite3, sys, time
        db = sqlite3.connect(sys.argv[1], isolation_level=None)
        db.execute("BEGIN IMMEDIATE"); print("locked", flush=True); time.sleep(1.0)
        db.execute("COMMIT")
        """
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", holder, str(tmp_path / FILE_NAME)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "locked"
    started = time.monotonic()
    store.record(attempt())
    assert proc.wait(timeout=30) == 0
    assert len(store.attempts()) == 1 and time.monotonic() - started > 0.2


def test_a_deferred_check_finds_the_damage_and_goes_on_with_a_fresh_file(tmp_path: Path) -> None:
    """The app opens without the page-by-page check (the first screen must not wait for it)
    and runs it just after: the damaged file is moved aside and nothing is lost from then on."""
    from tutor.progress import verify

    _damage_a_page(tmp_path)
    store, notices = open_store(tmp_path, version="1", now=NOW, check=False)
    assert notices == []  # the header and schema read fine
    notice = verify(store, now=NOW)
    assert notice is not None and notice.kind == "corrupt"
    assert Path(notice.detail).exists() and "corrupt-20261201T090000Z" in notice.detail
    assert store.attempts() == []
    store.record(attempt())
    store.close()
    again, notices = open_store(tmp_path, version="1")
    assert notices == [] and len(again.attempts()) == 1
    assert verify(again) is None  # an intact file: nothing to do


async def test_the_app_says_so_when_the_deferred_check_finds_damage(tmp_path: Path) -> None:
    from waiting import wait_until

    from tutor.ui.app import TutorApp

    _damage_a_page(tmp_path)
    app = TutorApp(lang="en", data_dir=tmp_path)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:

        def toasts() -> str:
            return " ".join(str(t.render()) for t in app.screen.query("Toast"))

        await wait_until(pilot, lambda: "was damaged" in toasts())
        assert "corrupt-" in toasts()
        assert app.store.saving and app.store.attempts() == []


async def test_the_app_on_a_read_only_folder_says_so_and_practice_still_works(
    read_only_folder: Path,
) -> None:
    from textual.widgets import Static
    from waiting import wait_until

    from tutor.ui.app import TutorApp
    from tutor.ui.screens.practice import PracticeScreen

    app = TutorApp(lang="en", data_dir=read_only_folder)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:

        def toasts() -> str:
            return " ".join(str(t.render()) for t in app.screen.query("Toast"))

        await wait_until(pilot, lambda: "not being saved" in toasts())
        await wait_until(pilot, lambda: app.questions_loaded)
        app.open_practice("activations")
        await wait_until(pilot, lambda: isinstance(app.screen, PracticeScreen))
        await pilot.pause()
        position = str(app.screen.query_one("#practice-position", Static).render())
        assert "(progress is not being saved)" in position
        await pilot.press("1")  # answer the first choice: recorded in memory
        assert len(app.store.attempts()) == 1
