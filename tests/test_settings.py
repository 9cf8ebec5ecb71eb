"""The operator's view: configuration from the environment, refusing unsafe production."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.settings import env_bool

ROOT = Path(__file__).resolve().parent.parent


def manage(*args, **env):
    inherited = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environment = {**inherited, "DJANGO_SETTINGS_MODULE": "config.settings", **env}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


PRODUCTION = {
    "DJANGO_DEBUG": "false",
    "DJANGO_SECRET_KEY": "a-long-random-production-secret-key-" + "x" * 40,
    "DJANGO_ALLOWED_HOSTS": "sourcebook.example",
    "DATABASE_URL": "sqlite:////tmp/sourcebook-deploy-check.sqlite3",
}


def test_production_without_a_secret_key_refuses_to_start_and_says_why():
    result = manage("check", DJANGO_DEBUG="false")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_the_deploy_check_passes_with_no_warnings_when_production_is_configured():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_a_boolean_setting_with_a_typo_refuses_to_start_and_names_the_variable():
    result = manage("check", DJANGO_DEBUG="ture")
    assert result.returncode != 0
    assert "DJANGO_DEBUG is set to 'ture', which is neither true nor false" in result.stderr


@pytest.mark.parametrize(
    "value, meaning",
    [("true", True), ("TRUE", True), (" True ", True), ("1", True)]
    + [("false", False), ("FALSE", False), ("0", False)],
)
def test_booleans_are_read_in_any_case_and_as_1_or_0(monkeypatch, value, meaning):
    monkeypatch.setenv("SOURCEBOOK_TEST_FLAG", value)
    assert env_bool("SOURCEBOOK_TEST_FLAG", not meaning) is meaning


@pytest.mark.parametrize("value", ["yes", "on", "", "tru", "2"])
def test_anything_else_is_refused_with_the_variable_named(monkeypatch, value):
    monkeypatch.setenv("SOURCEBOOK_TEST_FLAG", value)
    with pytest.raises(ImproperlyConfigured, match="SOURCEBOOK_TEST_FLAG is set to"):
        env_bool("SOURCEBOOK_TEST_FLAG", True)
