"""Chapter 11's exercise checks accept right answers in several forms and reject the
typical mistakes (no bias correction, a correction off by one step, the averaged
velocity, Nesterov's look-ahead, the rate for the momentum, √β for the rate, the sum for
its root...) with their messages, which never show the number or formula asked for."""

import numpy as np
import sympy as sp

from mathlib.exercise_checks import ch11

BETA1, T = ch11.EXERCISE_3_SYMBOLS
KAPPA = ch11.EXERCISE_4_KAPPA


def adam_step(x, m, v, g, t, lr, beta1, beta2, eps):
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g**2
    m_hat, v_hat = m / (1 - beta1**t), v / (1 - beta2**t)
    return x - lr * m_hat / (np.sqrt(v_hat) + eps), m, v


def test_exercise_1_one_step_of_adam(accepts, rejects):
    accepts(ch11.exercise_1, adam_step)

    def in_place_as_a_list(x, m, v, g, t, lr, beta1, beta2, eps):
        m *= beta1
        m += (1 - beta1) * g                    # changes the caller's m: allowed here,
        v *= beta2                              # the check hands over copies
        v += (1 - beta2) * g * g
        step = lr * (m / (1 - beta1**t)) / (np.sqrt(v / (1 - beta2**t)) + eps)
        return [x - step, m, v]

    accepts(ch11.exercise_1, in_place_as_a_list)

    def variant(correct_m=True, correct_v=True, power=0, root=True, eps_inside=False):
        def step(x, m, v, g, t, lr, b1, b2, eps):
            m = b1 * m + (1 - b1) * g
            v = b2 * v + (1 - b2) * g * g
            m_hat = m / (1 - b1 ** (t + power)) if correct_m else m
            v_hat = v / (1 - b2 ** (t + power)) if correct_v else v
            if eps_inside:
                return x - lr * m_hat / np.sqrt(v_hat + eps), m, v
            return x - lr * m_hat / ((np.sqrt(v_hat) if root else v_hat) + eps), m, v
        return step

    assert "bias correction is missing" in rejects(
        ch11.exercise_1, variant(correct_m=False, correct_v=False))
    assert "only the first moment" in rejects(ch11.exercise_1, variant(correct_v=False))
    assert "not t + 1" in rejects(ch11.exercise_1, variant(power=1))
    assert "not by v̂ itself" in rejects(ch11.exercise_1, variant(root=False))
    assert "after the square root" in rejects(ch11.exercise_1, variant(eps_inside=True))

    def ascent(x, m, v, g, t, lr, b1, b2, eps):
        x_new, m_new, v_new = adam_step(x, m, v, g, t, lr, b1, b2, eps)
        return 2 * x - x_new, m_new, v_new

    assert "Exercise 1" in rejects(ch11.exercise_1, ascent)
    assert "shape (3, 1)" in rejects(ch11.exercise_1, lambda *a: adam_step(*a)[0])
    assert "None" in rejects(ch11.exercise_1, None)


def heavy_ball(grad, x0, lr, beta, num_iters):
    x = np.array(x0, dtype=float)
    v = np.zeros_like(x)
    path = [x]
    for _ in range(num_iters):
        v = beta * v + grad(x)
        x = x - lr * v
        path.append(x)
    return np.array(path)


def test_exercise_2_heavy_ball_returns_every_iterate(accepts, rejects):
    accepts(ch11.exercise_2, heavy_ball)

    def polyak_form(grad, x0, lr, beta, num_iters):
        path = [np.array(x0, dtype=float)]
        previous = path[0]
        for _ in range(num_iters):
            x = path[-1]
            path.append(x - lr * grad(x) + beta * (x - previous))
            previous = x
        return np.array(path)

    accepts(ch11.exercise_2, polyak_form)

    def averaged(grad, x0, lr, beta, num_iters):
        x, v, path = np.array(x0, dtype=float), 0.0, [np.array(x0, dtype=float)]
        for _ in range(num_iters):
            v = beta * v + (1 - beta) * grad(x)
            x = x - lr * v
            path.append(x)
        return np.array(path)

    assert "averaged velocity" in rejects(ch11.exercise_2, averaged)

    def lookahead(grad, x0, lr, beta, num_iters):
        x, v, path = np.array(x0, dtype=float), 0.0, [np.array(x0, dtype=float)]
        for _ in range(num_iters):
            g = grad(x)
            v = beta * v + g
            x = x - lr * (g + beta * v)
            path.append(x)
        return np.array(path)

    assert "look-ahead" in rejects(ch11.exercise_2, lookahead)
    assert "plain gradient descent" in rejects(
        ch11.exercise_2, lambda g, x0, lr, b, n: heavy_ball(g, x0, lr, 0.0, n))
    assert "start with x0" in rejects(
        ch11.exercise_2, lambda g, x0, lr, b, n: heavy_ball(g, x0, lr, b, n)[1:])
    assert "Exercise 2" in rejects(
        ch11.exercise_2, lambda g, x0, lr, b, n: heavy_ball(g, x0, 2 * lr, b, n))


def test_exercise_3_bias_factor_by_sympy_equivalence(accepts, rejects):
    accepts(ch11.exercise_3, 1 - BETA1**T)
    accepts(ch11.exercise_3, "1 - beta1^t")
    accepts(ch11.exercise_3, (1 - BETA1) * (1 - BETA1**T) / (1 - BETA1))
    accepts(ch11.exercise_3, 1 - sp.exp(T * sp.log(BETA1)))
    assert "zero start still carries" in rejects(ch11.exercise_3, BETA1**T)
    assert "number of terms" in rejects(ch11.exercise_3, "1 - beta1**(t - 1)")
    assert "reciprocal" in rejects(ch11.exercise_3, 1 / (1 - BETA1**T))
    assert "geometric series" in rejects(ch11.exercise_3, "(1 - beta1)*t")
    message = rejects(ch11.exercise_3, "1 - beta1**(2*t)")
    assert "1 - beta1**t" not in message and "Exercise 3" in message


def test_exercise_4_best_momentum_and_rate_by_sympy_equivalence(accepts, rejects):
    r = sp.sqrt(KAPPA)
    beta, rate = ((r - 1) / (r + 1)) ** 2, (r - 1) / (r + 1)
    accepts(ch11.exercise_4, beta, rate)
    accepts(ch11.exercise_4, "(1 - 2/(sqrt(kappa) + 1))**2", "1 - 2/(sqrt(kappa) + 1)")
    accepts(ch11.exercise_4, (KAPPA - 2 * r + 1) / (KAPPA + 2 * r + 1),
            (KAPPA - 1) / (r + 1) ** 2)
    assert "not the momentum β" in rejects(ch11.exercise_4, rate, rate)
    assert "square root" in rejects(
        ch11.exercise_4, ((KAPPA - 1) / (KAPPA + 1)) ** 2, rate)
    assert "step 1/L" in rejects(ch11.exercise_4, (1 - 1 / r) ** 2, rate)
    assert "the momentum β, not the rate" in rejects(ch11.exercise_4, beta, beta)
    assert "plain gradient descent" in rejects(
        ch11.exercise_4, beta, (KAPPA - 1) / (KAPPA + 1))
    assert "Nesterov" in rejects(ch11.exercise_4, beta, 1 - 1 / r)
    message = rejects(ch11.exercise_4, beta, "(kappa - 1)/(kappa + 2)")
    assert "sqrt(kappa)" not in message


def test_exercise_5_rate_from_the_iteration_matrices(accepts, rejects):
    s = ch11.EXERCISE_5_SETTING
    lr, beta, mu = s["lr"], s["beta"], s["mu"]
    T_mu = np.array([[1 + beta - lr * mu, -beta], [1.0, 0.0]])
    rate = np.abs(np.linalg.eigvals(T_mu)).max()     # the worse end is λ = μ here
    accepts(ch11.exercise_5, rate)
    accepts(ch11.exercise_5, round(float(rate), 5))
    accepts(ch11.exercise_5, str(round(float(rate), 6)))
    assert "complex" in rejects(ch11.exercise_5, np.sqrt(beta))
    assert "gradient descent's factor" in rejects(ch11.exercise_5, 0.95)
    assert "that is β" in rejects(ch11.exercise_5, 0.5)
    smaller = np.abs(np.linalg.eigvals(T_mu)).min()
    assert "smaller root" in rejects(ch11.exercise_5, smaller)
    message = rejects(ch11.exercise_5, 0.9)
    assert "0.885" not in message and "0.8851" not in message


def test_exercise_6_adagrad_third_step(accepts, rejects):
    g = np.array(ch11.EXERCISE_6_GRADIENTS)
    right = ch11.EXERCISE_6_LR * abs(g[-1]) / np.sqrt(np.sum(g**2))
    accepts(ch11.exercise_6, right)
    accepts(ch11.exercise_6, "6/13")
    accepts(ch11.exercise_6, np.float32(right))
    assert "not by the sum" in rejects(ch11.exercise_6, 0.5 * 12 / 169)
    assert "includes the current" in rejects(ch11.exercise_6, 0.5 * 12 / 5)
    assert "every step would be lr" in rejects(ch11.exercise_6, 0.5)
    assert "signs must not" in rejects(ch11.exercise_6, 0.5 * 12 / 11)
    message = rejects(ch11.exercise_6, 0.4)
    assert "0.4615" not in message and "6/13" not in message
