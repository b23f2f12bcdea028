"""Shared helpers for the tests of the checkers and of the chapters' exercise checks."""

import pytest

from mathlib.checks import CheckFailure


@pytest.fixture
def rejects():
    """``rejects(check, *answer, **options)``: the message of the CheckFailure."""

    def rejects(check, *answer, **options) -> str:
        with pytest.raises(CheckFailure) as info:
            check(*answer, **options)
        return str(info.value)

    return rejects


@pytest.fixture
def accepts(capsys):
    """``accepts(check, *answer, **options)``: the check passes, printing ✓ lines."""

    def accepts(check, *answer, **options) -> str:
        capsys.readouterr()
        check(*answer, **options)
        out = capsys.readouterr().out
        lines = out.splitlines()
        assert lines and all(line.startswith("\N{CHECK MARK}") for line in lines), out
        return out

    return accepts
