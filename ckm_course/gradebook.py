"""``ckm_course.gradebook.grade(...)``: the name issue 9 gives the API; it lives in :mod:`ckm_course.grading`."""

from ckm_course.grading.book import Gradebook
from ckm_course.grading.gradebook import grade
from ckm_course.grading.outputs import write

__all__ = ["Gradebook", "grade", "write"]
