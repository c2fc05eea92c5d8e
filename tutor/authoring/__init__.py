"""Authoring: `lstm-tutor content check`, above the domain because it checks all of it.

It loads the course, renders every formula, resolves demo and generator names and draws
every generator, so it imports course, answers, exercises and demos (their torch-free names).
"""

from tutor.authoring.content import check_content
from tutor.authoring.generators import check_generators

__all__ = ["check_content", "check_generators"]
