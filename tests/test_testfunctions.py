"""mathlib.testfunctions: hand-written derivatives against finite differences."""

import numpy as np
import pytest
from scipy.optimize import rosen, rosen_der, rosen_hess

from mathlib.numgrad import gradient, hessian
from mathlib.testfunctions import ill_conditioned, quadratic, rosenbrock

RNG = np.random.default_rng(7)
SYMMETRIC = (lambda M: M + M.T)(RNG.normal(size=(4, 4)))
PROBLEMS = [quadratic(SYMMETRIC, RNG.normal(size=4)), ill_conditioned(25.0, 0.3),
            rosenbrock(), rosenbrock(0.5, 10.0)]


@pytest.mark.parametrize("problem", PROBLEMS, ids=lambda p: p.name)
def test_gradient_and_hessian_match_finite_differences(problem):
    n = 4 if "quadratic" == problem.name else 2
    for x in RNG.normal(size=(3, n)):
        assert np.allclose(problem.grad(x), gradient(problem.f, x), 1e-6, 1e-6)
        assert np.allclose(problem.hess(x), hessian(problem.f, x), 1e-4, 1e-4)


def test_rosenbrock_matches_scipy():
    for x in RNG.normal(size=(5, 2)):
        p = rosenbrock()
        assert np.isclose(p.f(x), rosen(x))
        assert np.allclose(p.grad(x), rosen_der(x))
        assert np.allclose(p.hess(x), rosen_hess(x))


def test_minimisers_and_minima_are_right():
    p = PROBLEMS[0]
    assert p.x_star is None  # a random symmetric matrix is indefinite here
    assert not np.all(np.linalg.eigvalsh(SYMMETRIC) > 0)
    q = quadratic([[3.0, 1.0], [1.0, 2.0]], [1.0, -1.0])
    assert np.allclose(q.grad(q.x_star), 0) and np.isclose(q.f(q.x_star), q.f_star)
    r = rosenbrock(0.5, 10.0)
    assert np.allclose(r.grad(r.x_star), 0) and r.f(r.x_star) == 0
    bowl = ill_conditioned(25.0, 0.3)
    assert np.allclose(np.linalg.eigvalsh(bowl.hess(bowl.x_star)), [1.0, 25.0])


def test_two_variable_problems_work_on_stacked_grids():
    grid = np.stack(np.meshgrid(np.linspace(-1, 1, 4), np.linspace(-1, 2, 3)))
    for p in (ill_conditioned(4.0), rosenbrock()):
        values = p.f(grid)
        assert values.shape == (3, 4)
        assert np.isclose(values[1, 2], p.f(grid[:, 1, 2]))
        assert p.grad(grid).shape == (2, 3, 4)


@pytest.mark.parametrize("bad", [dict(kappa=0.5), dict(kappa=np.nan), dict(kappa="10")])
def test_bad_condition_numbers_are_named(bad):
    with pytest.raises((TypeError, ValueError), match="kappa"):
        ill_conditioned(**bad)


def test_a_matrix_that_is_not_symmetric_is_refused():
    with pytest.raises(ValueError, match="symmetric"):
        quadratic([[1.0, 2.0], [0.0, 1.0]])
