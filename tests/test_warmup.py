"""A gunicorn worker starts with the public pages built: the master renders them once before it forks
(liv.warmup, called from gunicorn.conf.py's ``when_ready``). A warm-up that a host check or the HTTPS redirect
turned away would build nothing and say nothing, so it is tried with the production settings behind the proxy
of docs/deployment.md."""

from __future__ import annotations

import importlib.util
import logging
from pathlib import Path

import pytest
from axes.models import AccessAttempt, AccessLog
from django.contrib.sessions.models import Session
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections, connection

from liv import warmup
from services.models import Service, UnansweredSearch
from tests.factories import ServiceFactory

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def behind_the_proxy(settings):
    """docs/deployment.md: DEBUG off, one host, HTTPS through one TLS proxy of our own that says so."""
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["liv.example.fi"]
    settings.SITE_URL = "https://liv.example.fi"
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.TRUSTED_PROXY_COUNT = 1
    settings.SEARCH_LOG_DAYS = 90


@pytest.fixture
def application(db, behind_the_proxy):
    """The WSGI application as gunicorn runs it behind the proxy (its middleware reads the settings when it is
    made), but leaving the test's transaction open after each page, as Django's test client does: the handler
    would otherwise close the connection at the end of each request."""
    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    yield WSGIHandler()
    for signal in (signals.request_started, signals.request_finished):
        signal.connect(close_old_connections)


def test_the_pages_of_every_language_are_rendered_and_nothing_is_written(application):
    ServiceFactory(status=Service.Status.DRAFT)  # never shown to the public, so never asked for
    service = ServiceFactory()
    statuses = warmup.pages(application)
    assert statuses == {
        path.format(code=code, pk=service.pk): 200
        for code in ("fi", "sv", "en")
        for path in ("/{code}/", "/{code}/search/", "/{code}/admin/login/", "/{code}/services/{pk}/")
    }
    assert not UnansweredSearch.objects.exists()
    assert not Session.objects.exists()
    assert not AccessAttempt.objects.exists() and not AccessLog.objects.exists()  # the log-in form was only shown


def test_without_a_published_service_the_other_pages_are_rendered(application):
    statuses = warmup.pages(application)
    assert statuses == {
        f"/{code}/{page}": 200 for code in ("fi", "sv", "en") for page in ("", "search/", "admin/login/")
    }


def test_a_site_address_the_host_check_refuses_is_logged_and_does_not_stop_the_start(application, settings, caplog):
    settings.SITE_URL = "https://elsewhere.example.fi"
    with caplog.at_level(logging.WARNING, logger="liv"):
        statuses = warmup.pages(application)
    assert set(statuses.values()) == {400}
    assert "page warm-up: /fi/search/ answered 400" in caplog.text


def test_a_page_that_raises_is_logged_once_and_does_not_stop_the_start(db, behind_the_proxy, caplog):
    """Django answers a failing view with its error page; when that page fails too (a static files manifest
    missing from the image), the exception leaves the application, and it must not leave gunicorn's master."""

    def failing(environ, start_response):
        raise ValueError("Missing staticfiles manifest entry for 'liv/favicon.svg'")

    with caplog.at_level(logging.WARNING, logger="liv"):
        statuses = warmup.pages(failing)
    assert statuses == {}
    assert caplog.text.count("page warm-up stopped: /fi/ raised") == 1
    assert "Missing staticfiles manifest entry" in caplog.text


@pytest.mark.django_db(transaction=True)  # when_ready closes the connection, as it must before gunicorn forks
def test_gunicorns_master_warms_the_search_and_the_pages_and_keeps_no_connection(behind_the_proxy, caplog):
    spec = importlib.util.spec_from_file_location("gunicorn_conf", REPO / "gunicorn.conf.py")
    config = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(config)
    with caplog.at_level(logging.WARNING, logger="liv"):
        config.when_ready(None)
    assert "warm-up" not in caplog.text
    assert connection.connection is None  # no worker inherits the master's connection
