from __future__ import annotations

import os
import secrets
import subprocess
import sys

import pytest


def run_check(**env):
    full = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}}
    full.update(env)
    code = "from kneecap.cli import main; main(['check', '--fail-level', 'ERROR'])"
    return subprocess.run([sys.executable, "-c", code], env=full, capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize(
    ("env", "reason"),
    [
        ({"DEBUG": "0", "ALLOWED_HOSTS": "clinic.example.org"}, "SECRET_KEY"),
        ({"DEBUG": "0", "SECRET_KEY": "x" * 50}, "ALLOWED_HOSTS"),
        ({"DEBUG": "maybe"}, "DEBUG must be true or false"),
    ],
)
def test_production_mode_refuses_unsafe_settings_with_one_line(env, reason, tmp_path):
    result = run_check(KNEECAP_VAR_DIR=str(tmp_path), **env)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and reason in lines[0]


def test_production_mode_starts_with_safe_settings(tmp_path):
    result = run_check(
        KNEECAP_VAR_DIR=str(tmp_path), DEBUG="0", SECRET_KEY="s" * 50, ALLOWED_HOSTS="clinic.example.org"
    )
    assert result.returncode == 0, result.stderr


def production_env(tmp_path, **extra):
    return {"KNEECAP_VAR_DIR": str(tmp_path), "DEBUG": "false", "SECRET_KEY": secrets.token_urlsafe(40)[:50],
            "ALLOWED_HOSTS": "clinic.example.org", **extra}  # fmt: skip


def run_deploy_check(env):
    # conftest.py allows sync ORM calls under Playwright's event loop; a deployment never sets that.
    leaks = {"DATABASE_URL", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    full = {k: v for k, v in os.environ.items() if k not in leaks}
    full.update(env)
    code = "from kneecap.cli import main; main(['check', '--deploy', '--fail-level', 'WARNING'])"
    return subprocess.run([sys.executable, "-c", code], env=full, capture_output=True, text=True, timeout=60)


def test_the_deploy_check_gives_no_warnings_in_production_mode(tmp_path):
    result = run_deploy_check(production_env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "WARNINGS" not in result.stdout + result.stderr
    assert "System check identified no issues (1 silenced)." in result.stdout


def test_turning_hsts_preload_on_needs_no_silenced_check(tmp_path):
    result = run_deploy_check(production_env(tmp_path, SECURE_HSTS_PRELOAD="true"))
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_hsts_preload_is_off_unless_the_operator_turns_it_on(tmp_path):
    code = "import django; django.setup(); from django.conf import settings as s; print(s.SECURE_HSTS_PRELOAD)"
    full = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}}
    full["DJANGO_SETTINGS_MODULE"] = "kneecap.settings"
    outputs = []
    for value in ("", "true"):
        env = {**full, **production_env(tmp_path, SECURE_HSTS_PRELOAD=value)}
        result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
        outputs.append(result.stdout.strip())
    assert outputs == ["False", "True"]


def test_database_url_selects_postgresql(monkeypatch):
    import environ

    config = environ.Env().db_url_config("postgres://u:p@db.example.org:5432/kneecap")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert config["NAME"] == "kneecap"


def test_celery_runs_tasks_inline_without_a_broker(settings):
    from kneecap import settings as prod

    assert prod.CELERY_TASK_ALWAYS_EAGER is (not prod.REDIS_URL)


@pytest.mark.parametrize(
    ("read", "value", "reason"),
    [
        (lambda env: env.bool("KNEECAP_TEST_VALUE", default=False), "maybe", "must be true or false, not 'maybe'"),
        (lambda env: env.int("KNEECAP_TEST_VALUE", default=1), "ten", "must be a whole number, not 'ten'"),
        (lambda env: env.float("KNEECAP_TEST_VALUE", default=1.0), "2 points", "must be a number, not '2 points'"),
        (
            lambda env: env.tuple("KNEECAP_TEST_VALUE", cast=int, default=(1,)),
            "2,x",
            "must be whole numbers separated by commas, not '2,x'",
        ),
    ],
)
def test_a_value_that_does_not_read_as_its_type_is_refused_with_its_name(read, value, reason, monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    from kneecap.settings import Env

    monkeypatch.setenv("KNEECAP_TEST_VALUE", value)
    with pytest.raises(ImproperlyConfigured, match=f"^KNEECAP_TEST_VALUE {reason}$"):
        read(Env())


def test_values_read_as_an_operator_means_them(monkeypatch):
    from kneecap.settings import Env

    env = Env()
    monkeypatch.setenv("KNEECAP_TEST_VALUE", "")
    assert env.int("KNEECAP_TEST_VALUE", default=7) == 7  # empty is unset
    monkeypatch.setenv("KNEECAP_TEST_VALUE", "$ecret")
    assert env.str("KNEECAP_TEST_VALUE", default="") == "$ecret"  # not the variable "ecret"
    monkeypatch.setenv("KNEECAP_TEST_VALUE", "1e3")
    assert env.float("KNEECAP_TEST_VALUE", default=0.0) == 1000.0
    monkeypatch.setenv("KNEECAP_TEST_VALUE", " Off ")
    assert env.bool("KNEECAP_TEST_VALUE", default=True) is False
    monkeypatch.setenv("KNEECAP_TEST_VALUE", "a.example.org, b.example.org,")
    assert env.list("KNEECAP_TEST_VALUE", default=[]) == ["a.example.org", "b.example.org"]
    monkeypatch.setenv("KNEECAP_TEST_VALUE", "0, 2,6")
    assert env.tuple("KNEECAP_TEST_VALUE", cast=int, default=()) == (0, 2, 6)
