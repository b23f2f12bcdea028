"""mathlib: the shared code of the course book *Calculus for Machine Learning*.

Import the submodule a chapter needs, e.g. ``from mathlib import widgets``.
Importing ``mathlib`` itself does no work.
"""

__all__ = [
    "autodiff",
    "checks",
    "constrained",
    "datasets",
    "descent",
    "differentiability",
    "diffusion",
    "directions",
    "elementary",
    "exercise_checks",
    "functions",
    "integrate",
    "limits",
    "matrix_calculus",
    "newton",
    "nn",
    "numdiff",
    "numgrad",
    "optim",
    "plotting",
    "sample_metrics",
    "subgradients",
    "taylor",
    "testfunctions",
    "training",
    "widgets",
]
