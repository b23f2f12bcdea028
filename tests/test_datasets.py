"""Synthetic data sets: shapes, balance, seeding, geometry without noise, input checks."""

import numpy as np
import pytest

from mathlib.datasets import circles, two_moons


def test_two_moons_shapes_labels_and_balance():
    X, y = two_moons(101, 0.1, np.random.default_rng(0))
    assert X.shape == (101, 2) and y.shape == (101,)
    assert y.dtype.kind == "i" and set(np.unique(y)) == {0, 1}
    assert np.sum(y == 0) == 50 and np.sum(y == 1) == 51


def test_two_moons_is_reproducible_from_the_generator():
    a = two_moons(50, 0.2, np.random.default_rng(3))
    b = two_moons(50, 0.2, np.random.default_rng(3))
    c = two_moons(50, 0.2, np.random.default_rng(4))
    assert np.array_equal(a[0], b[0]) and np.array_equal(a[1], b[1])
    assert not np.array_equal(a[0], c[0])


def test_two_moons_without_noise_lies_on_the_two_half_circles():
    X, y = two_moons(200, 0.0, np.random.default_rng(0))
    upper, lower = X[y == 0], X[y == 1]
    np.testing.assert_allclose(np.hypot(upper[:, 0], upper[:, 1]), 1.0)
    assert np.all(upper[:, 1] >= 0)
    np.testing.assert_allclose(np.hypot(lower[:, 0] - 1.0, lower[:, 1] - 0.5), 1.0)
    assert np.all(lower[:, 1] <= 0.5)


def test_two_moons_points_are_shuffled():
    _, y = two_moons(200, 0.1, np.random.default_rng(0))
    assert 0 < np.argmax(y) < 50  # labels are not sorted into two blocks


def test_circles_radii_without_noise():
    X, y = circles(100, 0.0, np.random.default_rng(0), factor=0.3)
    radius = np.hypot(X[:, 0], X[:, 1])
    np.testing.assert_allclose(radius[y == 0], 1.0)
    np.testing.assert_allclose(radius[y == 1], 0.3)


@pytest.mark.parametrize("make", [two_moons, circles])
def test_data_sets_reject_bad_arguments(make):
    with pytest.raises(TypeError, match="rng must be a numpy.random.Generator"):
        make(10, 0.1, 0)
    with pytest.raises(ValueError, match="n must be an integer"):
        make(1, 0.1, np.random.default_rng(0))
    with pytest.raises(ValueError, match="noise must be"):
        make(10, -0.1, np.random.default_rng(0))


def test_binary_digits_is_a_seeded_disjoint_split_of_sklearns_digits_binarised():
    from sklearn.datasets import load_digits

    from mathlib.datasets import binary_digits

    d = binary_digits(np.random.default_rng(0))
    again = binary_digits(np.random.default_rng(0))
    assert np.array_equal(d.x_test, again.x_test)
    assert d.x_train.shape == (1438, 64) and d.x_test.shape == (359, 64)
    raw = load_digits()
    expected = (raw.data / 16.0 >= 0.5).astype(float)  # at least half ink
    both = np.concatenate([d.x_train, d.x_test])
    labels = np.concatenate([d.y_train, d.y_test])
    key = lambda x, y: sorted(map(tuple, np.column_stack([x, y]).tolist()))  # noqa: E731
    assert key(both, labels) == key(expected, raw.target)
    with pytest.raises(ValueError):
        binary_digits(np.random.default_rng(0), test_fraction=1.0)
