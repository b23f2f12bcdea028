"""mathlib.plotting: grids, level sets, gradient arrows and paths on a bare Figure."""

import numpy as np
import pytest
from matplotlib.figure import Figure

from mathlib.plotting import (
    grid_values,
    level_curves,
    plot_gradient_field,
    plot_level_sets,
    plot_path,
    plot_surface,
    plot_vector,
)


def bowl(p):
    return p[0] ** 2 + 4 * p[1] ** 2


def test_grid_values_match_pointwise_evaluation():
    X, Y, Z = grid_values(bowl, (-2, 1), (0, 3), n=7)
    assert X.shape == Y.shape == Z.shape == (7, 7)
    for i, j in [(0, 0), (3, 5), (6, 2)]:
        assert Z[i, j] == pytest.approx(bowl(np.array([X[i, j], Y[i, j]])))
    assert X[0, 0] == -2 and X[0, -1] == 1 and Y[0, 0] == 0 and Y[-1, 0] == 3


def test_level_sets_are_the_requested_levels_and_set_the_view():
    ax = Figure().add_subplot()
    lines = plot_level_sets(ax, bowl, (-2, 2), (-1, 1), levels=[0.5, 1, 2])
    assert list(lines.levels) == [0.5, 1, 2]
    assert ax.get_xlim() == (-2, 2) and ax.get_ylim() == (-1, 1)


def test_gradient_arrows_carry_the_gradient_at_each_grid_point():
    ax = Figure().add_subplot()
    arrows = plot_gradient_field(ax, lambda p: np.stack([2 * p[0], 8 * p[1]]),
                                 (-1, 1), (-1, 1), n=3)
    assert np.allclose(arrows.U.ravel(), 2 * np.tile([-1, 0, 1], 3))
    assert np.allclose(arrows.V.ravel(), 8 * np.repeat([-1, 0, 1], 3))


def test_path_leaves_out_points_after_divergence():
    ax = Figure().add_subplot()
    line, start = plot_path(ax, [[1.0, 1.0], [2.0, -3.0], [np.inf, np.nan]])
    assert line.get_xdata().tolist() == [1.0, 2.0]
    assert start.get_xdata().tolist() == [1.0]


@pytest.mark.parametrize("bad", [None, (1, 1), (2, 1), (0, 1, 2), "ab", (0, np.nan)])
def test_bad_limits_are_named(bad):
    with pytest.raises((TypeError, ValueError), match="xlim"):
        grid_values(bowl, bad, (0, 1))


def test_a_function_that_does_not_vectorise_gets_a_clear_error():
    with pytest.raises(ValueError, match="stacked grid"):
        grid_values(lambda p: float(p[0][0][0]), (0, 1), (0, 1), n=3)
    with pytest.raises(ValueError, match=r"shape \(k, 2\)"):
        plot_path(Figure().add_subplot(), [[1.0, 2.0, 3.0]])


def test_level_curves_lie_on_the_level_set_to_second_order_in_the_grid_step():
    # f = x² + 4y² = 1 is an ellipse; linear interpolation along grid edges puts each
    # vertex off it by O(step²): four times closer when the step halves.
    errors = []
    for n in (51, 101, 201):
        (ellipse,) = level_curves(bowl, 1.0, (-2, 2), (-1, 1), n=n)
        errors.append(np.max(np.abs(bowl(ellipse.T) - 1.0)))
        assert np.allclose(ellipse[0], ellipse[-1])  # closed
    assert errors[-1] < 1e-3
    assert np.allclose(np.array(errors[:-1]) / errors[1:], 4.0, rtol=0.2)


def test_level_curves_return_each_piece_separately():
    def two_wells(p):
        return (p[0] ** 2 - 1) ** 2 + p[1] ** 2

    pieces = level_curves(two_wells, 0.5, (-2, 2), (-1, 1))
    assert len(pieces) == 2
    assert sorted(np.sign(piece[:, 0].mean()) for piece in pieces) == [-1, 1]
    assert level_curves(two_wells, -1.0, (-2, 2), (-1, 1)) == []


def test_vector_arrow_runs_from_start_to_start_plus_vector():
    ax = Figure().add_subplot()
    arrow = plot_vector(ax, [0.5, -1.0], [2.0, 3.0], label="gradient")
    assert arrow.xy == (2.5, 2.0) and arrow.xyann == (0.5, -1.0)
    assert [t.get_text() for t in ax.legend().get_texts()] == ["gradient"]
    with pytest.raises(ValueError, match=r"shape \(2,\)"):
        plot_vector(ax, [0.0, 0.0, 0.0], [1.0, 0.0])


def test_surface_spans_the_function_values_and_needs_3d_axes():
    fig = Figure()
    surface = plot_surface(fig.add_subplot(projection="3d"), bowl, (-1, 1), (-1, 1), n=5)
    assert surface.get_array() is not None  # coloured by height
    zmin, zmax = fig.axes[0].get_zlim()
    assert zmin <= 0 and zmax >= 5  # bowl ranges over [0, 5] on this square
    with pytest.raises(ValueError, match="3-D"):
        plot_surface(Figure().add_subplot(), bowl, (-1, 1), (-1, 1))
