"""The exercise checkers reject typical wrong answers with a message and accept right ones."""

import math

import numpy as np
import pytest
import sympy

from mathlib.checks import CheckFailure, check_array, check_expr, check_function, check_scalar

x = sympy.Symbol("x")


def failure(check, *args, **kwargs) -> str:
    with pytest.raises(CheckFailure) as info:
        check(*args, **kwargs)
    return str(info.value)


# check_scalar -----------------------------------------------------------------------------

def test_scalar_accepts_value_within_tolerance(capsys):
    check_scalar(0.1 + 0.2, 0.3, name="sum")
    assert capsys.readouterr().out.startswith("\N{CHECK MARK} sum")


def test_scalar_accepts_numpy_and_sympy_numbers():
    check_scalar(np.float32(0.5), 0.5, rtol=1e-6)
    check_scalar(sympy.Rational(1, 2), 0.5)
    check_scalar(np.array(2.0), 2.0)


def test_scalar_reads_numbers_written_as_strings():
    check_scalar("1/8", 0.125)
    check_scalar("sqrt(2)/2", 0.5**0.5)


def test_scalar_names_factor_of_two():
    message = failure(check_scalar, 6.0, 3.0, name="Ex 1")
    assert message.startswith("Ex 1:") and "expected 3, got 6" in message
    assert "factor of 2" in message


def test_scalar_names_sign_error_and_shows_hint():
    message = failure(check_scalar, -3.0, 3.0, hint="check the order of subtraction")
    assert "sign is flipped" in message and "Hint: check the order" in message


def test_scalar_names_no_misleading_factor():
    assert failure(check_scalar, 4.0, 3.0).endswith("expected 3, got 4.")


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (None, "forget to `return`"),
        (Ellipsis, "not filled in"),
        ("three", "expected a number, got str"),
        (float("nan"), "NaN"),
        ([1.0, 2.0], "one number"),
        (lambda: 3.0, "got a function"),
        (x + 1, "symbols left"),
    ],
)
def test_scalar_turns_bad_input_into_a_message(value, words):
    assert words in failure(check_scalar, value, 3.0)


def test_failure_renders_without_traceback():
    with pytest.raises(CheckFailure) as info:
        check_scalar(1.0, 2.0, name="Ex")
    lines = info.value._render_traceback_()
    assert len(lines) == 1 and lines[0].startswith("\N{BALLOT X} Ex:")
    assert isinstance(info.value, AssertionError)


# check_array ------------------------------------------------------------------------------

def test_array_accepts_lists_and_close_values():
    check_array([[1, 2], [3, 4 + 1e-12]], np.array([[1.0, 2.0], [3.0, 4.0]]))


def test_array_recognises_transpose():
    a = np.arange(6.0).reshape(2, 3)
    assert "transpose" in failure(check_array, a.T, a)


def test_array_reports_wrong_shape():
    assert "expected shape (3,), got shape (2,)" in failure(check_array, [1, 2], [1, 2, 3])


def test_array_reports_first_wrong_entry_and_count():
    message = failure(check_array, [1.0, 2.0, 5.0], [1.0, 2.0, 3.0])
    assert "1 of 3 entries" in message and "index (2,)" in message


def test_array_rejects_nan():
    assert "NaN" in failure(check_array, [1.0, np.nan], [1.0, 2.0])


# check_function ---------------------------------------------------------------------------

def secant_slope(f, x, h):
    return (f(x + h) - f(x)) / h


def test_function_accepts_equivalent_implementation(capsys):
    check_function(lambda f, x, h: (f(x) - f(x + h)) / -h, secant_slope,
                   [(math.sin, 0.5, 0.1), (math.exp, 1.0, -0.01)], name="slope")
    assert "right at all 2 points" in capsys.readouterr().out


def test_function_diagnoses_known_mistake():
    message = failure(
        check_function, lambda f, x, h: (f(x + h) - f(x)) / (2 * h), secant_slope,
        [(math.sin, 0.5, 0.1), (math.exp, 1.0, 0.3)],
        mistakes={"divide by h, the width of the step": lambda f, x, h: secant_slope(f, x, h) / 2},
    )
    assert "Hint: divide by h" in message


def test_function_diagnoses_factor_without_mistakes_list():
    assert "factor of 2" in failure(check_function, lambda t: 4 * t, lambda t: 2 * t, [1.0, 2.0])


def test_function_diagnoses_constant_offset():
    assert "off by a constant 1" in failure(check_function, lambda t: t + 1, lambda t: t,
                                             [1.0, 2.0, 5.0])


def test_function_says_when_all_values_are_zero():
    assert "all 0" in failure(check_function, lambda t: 0 * t, lambda t: t, [1.0, 2.0])


def test_function_reports_point_of_failure():
    message = failure(check_function, lambda t: t**2 if t < 2 else 0.0, lambda t: t**2,
                      [1.0, 3.0])
    assert "at 3 expected 9, got 0" in message


@pytest.mark.parametrize(
    ("func", "words"),
    [
        (None, "got None"),
        (Ellipsis, "not filled in"),
        (3.0, "expected a function"),
        (lambda t: 1 / 0, "raised ZeroDivisionError"),
        (lambda t: None, "forget to `return`"),
        (lambda t: "x", "expected a number"),
        (lambda t: float("nan"), "NaN"),
    ],
)
def test_function_turns_bad_input_into_a_message(func, words):
    assert words in failure(check_function, func, lambda t: t, [1.0])


def test_function_stub_says_what_to_do():
    def stub(t):
        raise NotImplementedError

    assert "still raises NotImplementedError" in failure(check_function, stub, abs, [1.0])


# check_expr -------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "answer", ["2*x*cos(x**2)", "cos(x^2)*x*2", "2x cos(x^2)", 2 * x * sympy.cos(x**2)]
)
def test_expr_accepts_equivalent_forms(answer):
    check_expr(answer, 2 * x * sympy.cos(x**2))


def test_expr_accepts_forms_simplify_finds_hard():
    check_expr("sin(x)**2 + cos(x)**2 + log(exp(x))", 1 + x)


def test_expr_matches_symbols_by_name_whatever_their_assumptions():
    xr = sympy.Symbol("x", real=True)
    check_expr(2 * xr * sympy.cos(xr**2), 2 * x * sympy.cos(x**2))
    check_expr(sympy.log(sympy.exp(xr)), xr + 0 * x)
    assert "sign is flipped" in failure(check_expr, -sympy.sin(xr), sympy.sin(x))


def test_expr_accepts_answer_with_a_symbol_that_cancels():
    y = sympy.Symbol("y")
    check_expr(x * sympy.sin(y) ** 2 + x * sympy.cos(y) ** 2, x)


def test_expr_accepts_a_series_with_its_order_term():
    check_expr(sympy.series(sympy.exp(-x**2), x, 0, 7), 1 - x**2 + x**4 / 2 - x**6 / 6)


def test_close_numbers_are_shown_with_enough_digits_to_differ():
    message = failure(check_function, lambda t: t * (1 + 1e-9), lambda t: t, [0.5], rtol=1e-12,
                      atol=0)
    assert "expected 0.5, got 0.5000000005" in message and "relative error 1.0e-09" in message


def test_expr_compares_on_both_signs_so_abs_is_not_a_free_pass():
    a = sympy.Symbol("a")
    assert "not equivalent" in failure(check_expr, "-1/(a*Abs(a))", -1 / a**2)
    check_expr("log(x**2)/2", sympy.log(x))     # equal wherever log(x) is real


def test_expr_reads_e_as_eulers_number():
    check_expr("2x e^(sin(x))", 2 * x * sympy.exp(sympy.sin(x)))


def test_expr_diagnoses_missing_chain_rule_factor():
    message = failure(check_expr, "cos(x**2)", 2 * x * sympy.cos(x**2), name="d/dx sin(x^2)")
    assert "times the right answer" in message and "1/(2*x)" in message


def test_expr_diagnoses_sign_error():
    assert "sign is flipped" in failure(check_expr, "sin(x)", -sympy.sin(x))


def test_expr_diagnoses_constant_offset():
    assert "off by a constant" in failure(check_expr, "x**2 + 1", x**2)


def test_expr_uses_mistake_messages():
    message = failure(check_expr, "x**3/3", x**3, mistakes={"you integrated instead": x**3 / 3})
    assert "Hint: you integrated instead" in message


def test_expr_handles_infinite_limits():
    check_expr(sympy.oo, sympy.oo)
    check_expr("oo", sympy.oo)
    assert "not equivalent" in failure(check_expr, "-oo", sympy.oo)


def test_expr_asks_for_exact_value_instead_of_decimal():
    assert "not exact" in failure(check_expr, 1.4142, sympy.sqrt(2))


def test_expr_asks_for_exact_coefficients_instead_of_decimals():
    assert "not exact" in failure(check_expr, "x - 0.5*x**2 + 0.333*x**3", x - x**2 / 2 + x**3 / 3)


def test_tiny_offsets_are_not_called_a_constant_error():
    message = failure(check_function, lambda t: t + 5e-15, lambda t: t, [1.0, 2.0], rtol=0,
                      atol=1e-16)
    assert "constant" not in message


def test_expr_number_answers():
    check_expr("1/2", sympy.Rational(1, 2))
    check_expr(0.5, sympy.Rational(1, 2))
    assert "2 times" in failure(check_expr, 1, sympy.Rational(1, 2))


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (None, "got None"),
        (Ellipsis, "not filled in"),
        ("2*x*cos(x**2", "could not read"),
        ("__import__('os')", "could not read"),
        ("y*x", "uses y"),
        (lambda t: t, "expected a SymPy expression"),
        ("0/0", "undefined"),
    ],
)
def test_expr_turns_bad_input_into_a_message(value, words):
    assert words in failure(check_expr, value, 2 * x)
