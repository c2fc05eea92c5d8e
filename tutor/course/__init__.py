"""The course: content/ loaded, validated and rendered for a terminal. Pure, no UI."""

from tutor.course.loader import load_course, read_course
from tutor.course.model import KINDS, LANGS, Course, Lang, Lesson, Option, Question, Text
from tutor.course.problems import ContentError, Problem

__all__ = [
    "KINDS",
    "LANGS",
    "ContentError",
    "Course",
    "Lang",
    "Lesson",
    "Option",
    "Problem",
    "Question",
    "Text",
    "load_course",
    "read_course",
]
