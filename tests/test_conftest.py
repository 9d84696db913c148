"""The shared test rule for missing components (tests/conftest.py): which values of CI count as
CI, and that `require` then fails a test instead of skipping it."""

from __future__ import annotations

import pytest

from tests.conftest import on_ci, require


@pytest.mark.parametrize("value", ["true", "TRUE", "True", "1", "yes", "YES", "Yes", " yes "])
def test_ci_values_that_count_as_ci(monkeypatch, value):
    monkeypatch.setenv("CI", value)
    assert on_ci()


@pytest.mark.parametrize("value", ["", "0", "false", "no", "off", "maybe"])
def test_ci_values_that_do_not(monkeypatch, value):
    monkeypatch.setenv("CI", value)
    assert not on_ci()


def test_no_ci_variable_is_not_ci(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    assert not on_ci()


@pytest.mark.parametrize("value", ["1", "yes", "true"])
def test_a_missing_component_fails_under_ci(monkeypatch, value):
    monkeypatch.setenv("CI", value)
    with pytest.raises(pytest.fail.Exception, match="zbarimg missing under CI"):
        require("zbarimg", False, "not installed")
    require("zbarimg", True, "installed: nothing happens")


def test_a_missing_component_is_skipped_elsewhere(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="not installed"):
        require("zbarimg", False, "not installed")
