"""Chapter 18's exercise checks accept right answers in several forms and reject the
typical mistakes (a flipped sign, a partial instead of a total derivative, a missing end
condition, the final instead of the mean speed, Θ√(g/R), the slope against n...) with
their messages, without giving the answer away."""

import numpy as np
import scipy.optimize
import sympy as sp

from mathlib import variations
from mathlib.exercise_checks import ch18
from mathlib.numdiff import observed_order

x, y, yp, ypp = ch18.EXERCISE_1_SYMBOLS
G = ch18.G


def test_exercise_1_euler_lagrange_formula(accepts, rejects):
    accepts(ch18.exercise_1, 2 * x - 2 * ypp)
    accepts(ch18.exercise_1, "2*(x - ypp)")
    accepts(ch18.exercise_1, "2x - 2ypp")
    assert "sign" in rejects(ch18.exercise_1, 2 * ypp - 2 * x)
    assert "factor 2" in rejects(ch18.exercise_1, 2 * x - ypp)
    assert "total derivative" in rejects(ch18.exercise_1, 2 * x)
    assert "F_y − F_y'" in rejects(ch18.exercise_1, 2 * x - 2 * yp)
    message = rejects(ch18.exercise_1, x - ypp + y)
    assert "2*x - 2*ypp" not in message and "2x − 2y''" not in message
    assert "None" in rejects(ch18.exercise_1, None)


def test_exercise_2_extremal_formula(accepts, rejects):
    accepts(ch18.exercise_2, x**3 / 6 + 5 * x / 6)
    accepts(ch18.exercise_2, "(x^3 + 5x)/6")
    assert "end condition" in rejects(ch18.exercise_2, x**3 / 6)
    assert "y'' = −x" in rejects(ch18.exercise_2, -(x**3) / 6 + 7 * x / 6)
    assert "y'' = 2x" in rejects(ch18.exercise_2, x**3 / 3 + 2 * x / 3)
    assert "straight line" in rejects(ch18.exercise_2, x)
    assert "5*x/6" not in rejects(ch18.exercise_2, x**2)


def test_exercise_2_reference_solves_the_boundary_value_problem():
    u = sp.Function("u")
    t = sp.Symbol("t")
    sol = sp.dsolve(sp.Eq(u(t).diff(t, 2), t), u(t), ics={u(0): 0, u(1): 1}).rhs
    assert sp.simplify(sol - (t**3 / 6 + 5 * t / 6)) == 0


def test_exercise_3_incline_time(accepts, rejects):
    right = np.sqrt(2 * (4.0**2 + 1.0) / (G * 1.0))
    accepts(ch18.exercise_3, right)
    accepts(ch18.exercise_3, "sqrt(34/9.81)")
    assert "mean speed" in rejects(ch18.exercise_3, right / 2)
    assert "free fall" in rejects(ch18.exercise_3, np.sqrt(2 / G))
    assert "g = 9.8;" in rejects(ch18.exercise_3, np.sqrt(34 / 9.8))
    assert "g = 10" in rejects(ch18.exercise_3, np.sqrt(34 / 10))
    message = rejects(ch18.exercise_3, 2.0)
    assert "1.86" not in message


def test_exercise_4_cycloid_time(accepts, rejects):
    theta = scipy.optimize.brentq(lambda t: (t - np.sin(t)) / (1 - np.cos(t)) - 2.0,
                                  1e-3, 6.28, xtol=1e-14)
    R = 1.0 / (1 - np.cos(theta))
    accepts(ch18.exercise_4, theta * np.sqrt(R / G))
    assert "Θ√(R/g)" in rejects(ch18.exercise_4, theta * np.sqrt(G / R))
    assert "without the factor Θ" in rejects(ch18.exercise_4, np.sqrt(R / G))
    swapped = scipy.optimize.brentq(lambda t: (t - np.sin(t)) / (1 - np.cos(t)) - 0.5,
                                    1e-3, 6.28, xtol=1e-14)
    assert "Y/X" in rejects(ch18.exercise_4,
                            swapped * np.sqrt(1 / (1 - np.cos(swapped)) / G))
    assert "straight line" in rejects(ch18.exercise_4, np.sqrt(10 / G))
    assert "0.80" not in rejects(ch18.exercise_4, 0.9)


def _polygon_time(x, y, g):
    lengths = np.hypot(np.diff(x), np.diff(y))
    v = np.sqrt(2 * g * np.asarray(y, float))
    return np.sum(2 * lengths / (v[:-1] + v[1:]))


def test_exercise_5_polygon_time_code(accepts, rejects):
    accepts(ch18.exercise_5, _polygon_time)
    accepts(ch18.exercise_5, variations.travel_time)

    def looped(x, y, g):
        total = 0.0
        for i in range(len(x) - 1):
            ell = np.hypot(x[i + 1] - x[i], y[i + 1] - y[i])
            total += 2 * ell / (np.sqrt(2 * g * y[i]) + np.sqrt(2 * g * y[i + 1]))
        return total

    accepts(ch18.exercise_5, looped)
    assert "factor 2" in rejects(ch18.exercise_5,
                                 lambda x, y, g: _polygon_time(x, y, g) / 2)
    assert "end speed" in rejects(
        ch18.exercise_5,
        lambda x, y, g: np.sum(np.hypot(np.diff(x), np.diff(y))
                               / np.sqrt(2 * g * np.asarray(y)[1:])))
    assert "horizontal step" in rejects(
        ch18.exercise_5,
        lambda x, y, g: np.sum(2 * np.diff(x) / (np.sqrt(2 * g * np.asarray(y)[:-1])
                                                 + np.sqrt(2 * g * np.asarray(y)[1:]))))
    assert "√(2gy)" in rejects(ch18.exercise_5,
                               lambda x, y, g: _polygon_time(x, y, g / 2))
    assert "ZeroDivisionError" in rejects(ch18.exercise_5, lambda x, y, g: 1 / 0)
    assert "None" in rejects(ch18.exercise_5, None)


def test_exercise_6_observed_order(accepts, rejects):
    X, Y = ch18.EXERCISE_6_END
    ns = np.array(ch18.EXERCISE_6_NS)
    t_star = variations.cycloid_through(X, Y).time
    errors = [variations.solve_brachistochrone(X, Y, int(n), power=1.0).time - t_star
              for n in ns]
    order = observed_order(1 / ns, errors)
    assert 0.95 < order < 1.2
    accepts(ch18.exercise_6, order)
    accepts(ch18.exercise_6, round(order, 4))
    assert "against n" in rejects(ch18.exercise_6, -order)
    graded = [variations.solve_brachistochrone(X, Y, int(n)).time - t_star for n in ns]
    assert "graded grid" in rejects(ch18.exercise_6, observed_order(1 / ns, graded))
    assert "curve error" in rejects(ch18.exercise_6, ch18._study()[1])
    assert f"{order:.3f}" not in rejects(ch18.exercise_6, 2.5)
