"""Errors a demo request can raise before any work starts (torch-free)."""

from __future__ import annotations


class DemoRequestError(ValueError):
    """The request cannot run as asked: an unknown demo or device, or CUDA missing.

    Its message is one line meant for the learner, shown without a traceback.
    """
