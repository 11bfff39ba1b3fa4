"""The read replica (liv/db_router.py): read-only public requests read from `replica`, the rest uses `default`.

Two separate test databases: `replica` (settings, "Read replica": its own test database when LIV_TESTING) holds
the same reference data and the same service as `default`, but under another name. Which name a page shows says
which database it was read from; where the admin's write lands says the same of writes.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.test import override_settings
from django.urls import resolve, reverse
from django.utils import translation

from feedback.models import Feedback
from liv import db_router
from services.models import Provider, Service
from tests.admin_support import form_data
from tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db(databases=[DEFAULT_DB_ALIAS, db_router.REPLICA])

PRIMARY_NAME = "Uraohjaus pääpalvelimella"
REPLICA_NAME = "Uraohjaus lukukopiossa"

# What liv/settings.py sets when DATABASE_REPLICA_URL is given.
ROUTED = override_settings(
    DATABASE_ROUTERS=["liv.db_router.PrimaryReplicaRouter"],
    MIDDLEWARE=[*settings.MIDDLEWARE, "liv.db_router.ReadOnlyRequestsFromReplica"],
)


@pytest.fixture(scope="module", autouse=True)
def _replica_reference_data(django_db_setup, django_db_blocker):
    """The areas and vocabularies in the replica too, as replication would have copied them (committed once)."""
    if connections[db_router.REPLICA].settings_dict["TEST"].get("MIRROR"):
        pytest.skip("DATABASE_REPLICA_URL is set: the replica is a mirror of the test database, not a separate one")
    with django_db_blocker.unblock():
        dump = io.StringIO()
        call_command("dumpdata", "regions", "services", "--database", DEFAULT_DB_ALIAS, stdout=dump)
        with transaction.atomic(using=db_router.REPLICA):
            for row in serializers.deserialize("json", dump.getvalue(), using=db_router.REPLICA):
                row.save(using=db_router.REPLICA)


@pytest.fixture
def service():
    """A published service under one name on the primary and another on the replica (same id)."""
    service = ServiceFactory(name_fi=PRIMARY_NAME)
    provider = Provider.objects.get(pk=service.provider_id)
    provider.save(using=db_router.REPLICA, force_insert=True)
    service.name_fi = REPLICA_NAME
    service.save(using=db_router.REPLICA, force_insert=True)
    service.name_fi = PRIMARY_NAME
    return service


def _name_on(database: str, service: Service) -> str:
    return Service.objects.using(database).get(pk=service.pk).name_fi


# --- The router and the middleware's choice -------------------------------------------------------------------


def test_router_reads_from_the_primary_outside_a_read_only_request():
    router = db_router.PrimaryReplicaRouter()
    assert router.db_for_read(Service) == DEFAULT_DB_ALIAS
    assert router.db_for_write(Service) == DEFAULT_DB_ALIAS


def test_router_writes_to_the_primary_even_inside_a_read_only_request():
    router = db_router.PrimaryReplicaRouter()
    token = db_router._reading_from_replica.set(True)
    try:
        assert router.db_for_read(Service) == db_router.REPLICA
        assert router.db_for_write(Service) == DEFAULT_DB_ALIAS
        with transaction.atomic():  # a transaction of its own reads what it writes on: the primary
            assert router.db_for_read(Service) == DEFAULT_DB_ALIAS
        assert router.db_for_read(Service) == db_router.REPLICA
    finally:
        db_router._reading_from_replica.reset(token)


@pytest.mark.parametrize(
    ("method", "path", "replica"),
    [
        ("GET", "/fi/search/", True),
        ("HEAD", "/sv/search/", True),
        ("GET", "/api/v1/services/", True),
        ("GET", "/en/practices/", True),
        ("POST", "/fi/search/", False),
        ("GET", "/fi/admin/", False),
        ("GET", "/sv/admin/services/service/", False),
        ("GET", "/en/admin/login/", False),
    ],
)
def test_only_get_and_head_outside_the_admin_count_as_read_only(rf, method, path, replica):
    request = rf.generic(method, path)
    language = path.split("/")[1]
    with translation.override(language if language in {"fi", "sv", "en"} else "fi"):  # as LocaleMiddleware does
        request.resolver_match = resolve(path)
    assert db_router.is_read_only_public_request(request) is replica


# --- Two databases: where pages read from and where writes land ----------------------------------------------


@ROUTED
def test_public_page_and_api_read_from_the_replica(client, service):
    page = client.get(f"/fi/services/{service.pk}/")
    assert page.status_code == 200
    assert REPLICA_NAME in page.content.decode()
    assert PRIMARY_NAME not in page.content.decode()
    api = client.get(f"/api/v1/services/{service.pk}/?lang=fi")
    assert api.json()["name"]["text"] == REPLICA_NAME


@ROUTED
def test_search_under_routing_matches_on_the_primary_and_shows_the_replicas_rows(client, service):
    """The search's own statements (services/search, raw SQL) stay on the primary; the result rows are ORM reads."""
    page = client.get("/fi/search/", {"q": "pääpalvelimella"})
    assert page.status_code == 200
    assert f"/fi/services/{service.pk}/" in page.content.decode()
    assert REPLICA_NAME in page.content.decode()


def test_without_a_replica_configured_pages_read_from_the_primary(client, service):
    page = client.get(f"/fi/services/{service.pk}/")
    assert PRIMARY_NAME in page.content.decode()
    assert client.get(f"/api/v1/services/{service.pk}/?lang=fi").json()["name"]["text"] == PRIMARY_NAME


@ROUTED
def test_admin_reads_and_writes_the_primary_only(admin_client, service):
    url = reverse("admin:services_service_change", args=[service.pk])
    form = admin_client.get(url)
    data = form_data(form.content.decode(), "service_form")
    assert data["name_fi"] == PRIMARY_NAME  # the admin's GET read the primary
    data["name_fi"] = "Uraohjaus muokattu"
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert _name_on(DEFAULT_DB_ALIAS, service) == "Uraohjaus muokattu"
    assert _name_on(db_router.REPLICA, service) == REPLICA_NAME
    # The public page keeps showing the replica's copy until replication brings the change.
    assert REPLICA_NAME in admin_client.get(f"/fi/services/{service.pk}/").content.decode()


@ROUTED
def test_a_public_post_reads_and_writes_the_primary(client, service):
    """Feedback on an entry: a POST outside the admin, so its reads and its write use the primary."""
    url = reverse("feedback:service", kwargs={"pk": service.pk})
    assert REPLICA_NAME in client.get(url).content.decode()  # the form's GET: the replica
    response = client.post(url, {"message": "Puhelinnumero on vanhentunut.", "email": ""})
    assert response.status_code in {200, 302}
    assert Feedback.objects.using(DEFAULT_DB_ALIAS).filter(service=service.pk, message__startswith="Puhelin").exists()
    assert not Feedback.objects.using(db_router.REPLICA).exists()


# --- Settings: DATABASE_REPLICA_URL is read through liv/env.py and refuses nonsense ----------------------------

SHOW = (
    "from django.conf import settings; print(settings.DATABASE_ROUTERS, settings.DATABASES['replica']['NAME'],"
    " settings.DATABASES['replica']['CONN_MAX_AGE'], settings.MIDDLEWARE[-1])"
)


def _settings_with(**environment: str) -> subprocess.CompletedProcess[str]:
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8", "LIV_TESTING": "1",
           "DATABASE_URL": "postgres://liv@primary.example:5432/liv", **environment}  # fmt: skip
    return subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", SHOW],
        cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def test_replica_url_switches_the_routing_on():
    result = _settings_with(DATABASE_REPLICA_URL="postgres://liv@replica.example:5432/liv", DB_CONN_MAX_AGE="30")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "['liv.db_router.PrimaryReplicaRouter']", "liv", "30", "liv.db_router.ReadOnlyRequestsFromReplica"
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("mysql://liv@replica.example/liv", "DATABASE_REPLICA_URL must be a PostgreSQL URL"),
        ("replica.example/liv", "DATABASE_REPLICA_URL must be a PostgreSQL URL"),
        ("postgres://other-user@primary.example:5432/liv", "names the same database as DATABASE_URL"),
    ],
)
def test_nonsense_replica_url_stops_start_up(url, message):
    result = _settings_with(DATABASE_REPLICA_URL=url)
    assert result.returncode != 0
    assert message in result.stderr
