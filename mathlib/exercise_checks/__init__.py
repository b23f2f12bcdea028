"""The checks behind each chapter's exercises, one module per chapter (``ch01``, ...).

An exercise notebook's check cell is one call, e.g.
``ch01.exercise_1(difference_quotient)``, so the notebook does not show the answer it
checks against. Each function calls the general
checkers of :mod:`mathlib.checks` with the reference answer, the hints and the typical
mistakes of that exercise. Nothing here runs on import.
"""

__all__ = [
    "ch01",
    "ch02",
    "ch03",
    "ch04",
    "ch05",
    "ch06",
    "ch07",
    "ch08",
    "ch09",
    "ch10",
    "ch11",
    "ch12",
    "ch13",
    "ch14",
    "ch15",
    "ch16",
    "ch17",
    "ch18",
    "ch19",
    "ch20",
    "ch21",
    "ch22",
]
