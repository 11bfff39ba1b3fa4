"""The feedback limit (5 messages per client in 10 minutes) is counted in the database, per real client.

Before, the count lived in each worker process's memory (5 per process, so 25 with five workers, and a fresh
count after every restart), and the client was the connecting address, which behind the proxy is the same for
every citizen (issue 13, point 6).
"""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import cache
from django.test import Client

from feedback import ratelimit
from feedback.models import Feedback, FeedbackRateHit
from services.models import Service
from tests.factories import ProviderFactory, ServiceFactory, municipality

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"


@pytest.fixture(autouse=True)
def _behind_one_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1


@pytest.fixture
def service() -> Service:
    return ServiceFactory(provider=ProviderFactory(municipality=municipality("491")))


def citizen(address: str) -> Client:
    """A citizen's browser behind the TLS proxy, which appends the citizen's address to X-Forwarded-For."""
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=address)


def send(client: Client, service: Service, message: str = "Puhelinnumero on vanha.") -> int:
    return client.post(f"/fi/feedback/services/{service.pk}/", {"message": message}).status_code


def test_the_count_is_shared_by_every_worker(service):
    browser = citizen("203.0.113.5")
    for _number in range(ratelimit.LIMIT):
        assert send(browser, service) == 302
    cache.clear()  # another worker process (or a restarted one) has an empty local cache
    assert send(browser, service) == 429
    assert Feedback.objects.count() == ratelimit.LIMIT


def test_citizens_behind_the_same_proxy_are_counted_separately(service):
    first, second = citizen("203.0.113.5"), citizen("198.51.100.23")
    for _number in range(ratelimit.LIMIT):
        assert send(first, service) == 302
    assert send(first, service) == 429
    assert send(second, service) == 302


def test_a_client_cannot_dodge_the_limit_with_its_own_forwarded_for_entry(service):
    for number in range(ratelimit.LIMIT):
        forged = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"192.0.2.{number}, 203.0.113.5")
        assert send(forged, service) == 302
    assert send(Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="192.0.2.99, 203.0.113.5"), service) == 429


def test_messages_older_than_the_window_no_longer_count(service):
    browser = citizen("203.0.113.5")
    for _number in range(ratelimit.LIMIT):
        assert send(browser, service) == 302
    FeedbackRateHit.objects.update(at=FeedbackRateHit.objects.first().at - datetime.timedelta(minutes=11))
    assert send(browser, service) == 302
    assert FeedbackRateHit.objects.count() == 1  # the expired rows were removed
