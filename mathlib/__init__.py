"""mathlib: the shared code of the course book *Calculus for Machine Learning*.

Import the submodule a chapter needs, e.g. ``from mathlib import widgets``.
Importing ``mathlib`` itself does no work.
"""

__all__ = [
    "autodiff",
    "backprop",
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
    "information",
    "integrate",
    "layers",
    "limits",
    "manifolds",
    "matrix_calculus",
    "newton",
    "nn",
    "numdiff",
    "numgrad",
    "optim",
    "plotting",
    "sample_metrics",
    "scalar",
    "sde",
    "subgradients",
    "taylor",
    "testfunctions",
    "training",
    "vae",
    "variations",
    "widgets",
]
