"""Fixtures for the answer checker: internal errors surface, one sympy worker for the session."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from tutor.answers import SymbolicWorker


class _Raise(logging.Handler):
    """Turn a logged internal error into the exception itself (checks log and return invalid)."""

    def emit(self, record: logging.LogRecord) -> None:
        if record.exc_info and record.exc_info[1] is not None:
            raise record.exc_info[1]
        raise AssertionError(record.getMessage())


@pytest.fixture(autouse=True, scope="module")
def _strict() -> Iterator[None]:
    """In these tests an "internal" verdict is a failure that shows its traceback."""
    logger = logging.getLogger("tutor.answers")
    handler = _Raise(level=logging.ERROR)
    logger.addHandler(handler)
    yield
    logger.removeHandler(handler)


@pytest.fixture(scope="session")
def worker() -> Iterator[SymbolicWorker]:
    """A started sympy worker, loaded, shared by the tests that need one."""
    with SymbolicWorker() as started:
        assert started.wait_ready(60), "the sympy worker did not start"
        yield started
