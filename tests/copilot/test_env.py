import pytest
from django.core.exceptions import ImproperlyConfigured

from copilot.env import env_bool, env_choice, env_int, env_list, env_url


def test_env_bool_reads_common_spellings(monkeypatch):
    monkeypatch.setenv("FLAG", "Yes")
    assert env_bool("FLAG") is True
    monkeypatch.setenv("FLAG", "off")
    assert env_bool("FLAG", True) is False


def test_env_bool_refuses_garbage_naming_the_variable(monkeypatch):
    monkeypatch.setenv("ENABLE_SCHEDULER", "maybe")
    with pytest.raises(ImproperlyConfigured, match="ENABLE_SCHEDULER"):
        env_bool("ENABLE_SCHEDULER")


def test_env_int_checks_type_and_range(monkeypatch):
    monkeypatch.setenv("PORT_X", "abc")
    with pytest.raises(ImproperlyConfigured, match="PORT_X must be an integer"):
        env_int("PORT_X", 1)
    monkeypatch.setenv("PORT_X", "99999")
    with pytest.raises(ImproperlyConfigured, match="between 1 and 65535"):
        env_int("PORT_X", 1, minimum=1, maximum=65535)


def test_env_url_requires_a_scheme_and_host(monkeypatch):
    monkeypatch.setenv("SITE_URL", "example.com")
    with pytest.raises(ImproperlyConfigured, match="SITE_URL"):
        env_url("SITE_URL")
    monkeypatch.setenv("SITE_URL", "https://jobs.example.com/")
    assert env_url("SITE_URL") == "https://jobs.example.com"


def test_env_list_and_choice(monkeypatch):
    monkeypatch.setenv("ALLOWED_HOSTS", " a.example.com, b.example.com ,")
    assert env_list("ALLOWED_HOSTS") == ["a.example.com", "b.example.com"]
    monkeypatch.setenv("LOG_LEVEL", "loud")
    with pytest.raises(ImproperlyConfigured, match="LOG_LEVEL must be one of"):
        env_choice("LOG_LEVEL", "info", ("debug", "info"))
