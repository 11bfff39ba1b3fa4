"""Every URL pattern of the site, taken from the URL resolver, answers hostile input without a 5xx and within a
second in-process (issue 13, "Fuzzing in the test suite").

The patterns are read from ``get_resolver()``, so a new view is walked as soon as it has a URL. Path converters
are filled with valid values (a real id of the demo directory, a real area code) and invalid ones; then every
query parameter the project's views read (the service search's filter set, the catalogue's and coverage
parameters, the API's, the feedback pages', the admin change lists') and a few unknown ones get hostile values:
empty, repeated 50 times, 7 000 and 10 000 characters, NUL, invalid UTF-8 escapes, tsquery syntax, negative and
huge numbers. Each value is sent in all parameters at once, and the main ones also in each parameter alone. The
admin's change lists and start page are walked as a superuser; its object pages (which need an object of each
model) are not.

The demo directory and cooperation content are loaded once for the module, in a transaction rolled back at its end.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import quote

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.resolvers import LocalePrefixPattern, RegexPattern, RoutePattern
from django.utils.datastructures import MultiValueDict

from cooperation.models import Practice, RegionalGroup
from services.models import Provider, Service
from services.search.filters import ServiceSearchFilterSet

pytestmark = pytest.mark.django_db

SLOW = 1.0  # seconds, in-process

# Every parameter name the project's views read, besides the service search's filter set (added below), and some
# that no view reads.
PARAMETERS = {
    "q",
    "page",
    "page_size",
    "lang",
    "by",
    "focus",
    "sent",
    "area",
    "region",
    "municipality",
    "goal",
    "target_group",
    "service_type",
    "dimension",
    "phase",
    "sort",
    "free",
    "language",
    "channel",
    "next",
    # unknown ones
    "utm_source",
    "q[]",
    "__proto__",
    "zz",
}
# The admin's own, and the list filters' (language, outcome, week__gte / week__lt of the unanswered searches).
ADMIN_PARAMETERS = {
    "q",
    "p",
    "o",
    "all",
    "e",
    "_changelist_filters",
    "_popup",
    "_to_field",
    "status",
    "language",
    "outcome",
    "week__gte",
    "week__lt",
    "zz",
}

LONG_UNDER_LIMIT = "ohjaus " * 1000  # 7 000 characters: passes the 8 KB query-string limit
LONG_OVER_LIMIT = "o" * 10_000  # refused by the limit


@dataclass(frozen=True)
class Hostile:
    """One hostile value, already percent-encoded (so invalid UTF-8 can be sent), and how many times to repeat it."""

    label: str
    encoded: str
    repeat: int = 1
    core: bool = False  # sent in each parameter alone too, not only in all at once


def _e(value: str) -> str:
    return quote(value, safe="")


HOSTILE = [
    Hostile("empty", "", core=True),
    Hostile("repeated x50", "1", repeat=50, core=True),
    Hostile("repeated code x50", "06", repeat=50),
    Hostile("repeated word x50", "ohjaus", repeat=50),
    Hostile("7 000 characters", _e(LONG_UNDER_LIMIT), core=True),
    Hostile("10 000 characters", _e(LONG_OVER_LIMIT)),
    Hostile("NUL", "%00"),
    Hostile("NUL inside", "a%00b"),
    Hostile("invalid UTF-8", "%ff%fe", core=True),
    Hostile("invalid UTF-8 inside", "ohj%c3aus%ff"),
    Hostile("tsquery operators", _e("& | ! ( ) :* <-> <1>"), core=True),
    Hostile("tsquery words", _e("ohjaus & !(nuoret | :*) <-> a:*b <1> c")),
    Hostile("tsquery prefix", _e(":*")),
    Hostile("quotes and backslash", _e("'\"\\'")),
    Hostile("exclusions only", _e("-ohjaamo -1")),
    Hostile("dash", "-"),
    Hostile("negative", "-1", core=True),
    Hostile("huge negative", "-99999999999999999999999"),
    Hostile("huge", "99999999999999999999999999", core=True),
    Hostile("float", "1e308"),
    Hostile("NaN", "NaN"),
    Hostile("zero", "0"),
    Hostile("full-width digits", _e("１２")),
    Hostile("control and right-to-left", _e("\x7f\u202e\ufeff")),
]

INVALID_PATH_VALUES = ["0", "99999999999999999999999", "-1", "abc", "%ff%fe", "%00", "x" * 300, "ä", "06.5"]


def _walk(patterns: list, chain: tuple = ()) -> Iterator[tuple]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, (*chain, pattern))
        elif isinstance(pattern, URLPattern):
            yield (*chain, pattern)


def _view_name(chain: tuple) -> str:
    namespaces = [part.namespace for part in chain[:-1] if isinstance(part, URLResolver) and part.namespace]
    return ":".join([*namespaces, chain[-1].name or ""])


def _is_admin(chain: tuple) -> bool:
    return any(isinstance(part, URLResolver) and part.app_name == "admin" for part in chain)


_ROUTE_PART = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")
_REGEX_GROUP = re.compile(r"\(\?P<(?P<name>\w+)>[^)]*\)")


def _path(chain: tuple, value_for) -> str | None:
    """The URL of the chain with each converter filled by value_for(view name, parameter name, converter)."""
    view = _view_name(chain)
    parts = []
    for part in chain:
        pattern = part.pattern
        if isinstance(pattern, LocalePrefixPattern):
            parts.append("fi/")
        elif isinstance(pattern, RoutePattern):
            route = str(pattern)
            parts.append(_ROUTE_PART.sub(lambda m: value_for(view, m["name"], m["converter"] or "str"), route))
        elif isinstance(pattern, RegexPattern):
            regex = str(pattern).lstrip("^").rstrip("$")
            regex = _REGEX_GROUP.sub(lambda m: value_for(view, m["name"], "regex"), regex)
            if "(" in regex or "[" in regex:
                return None  # an unnamed group (the history's record pages): nothing to fill it with
            parts.append(regex.replace("\\.", "."))
    return "/" + "".join(parts)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker) -> Iterator[dict[str, str]]:
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("load_demo_directory", verbosity=0)
            call_command("load_demo_cooperation", verbosity=0)
            service = str(Service.objects.published().order_by("pk").values_list("pk", flat=True).first())
            ids = {
                "services:service": service,
                "api:service": service,
                "feedback:service": service,
                "services:provider": str(Provider.objects.order_by("pk").values_list("pk", flat=True).first()),
                "cooperation:group": str(RegionalGroup.objects.order_by("pk").values_list("pk", flat=True).first()),
                "cooperation:practice": str(
                    Practice.objects.published().order_by("pk").values_list("pk", flat=True).first()
                ),
            }
            ids["cooperation_api:practice"] = ids["cooperation:practice"]
            # HSDS objects are named by UUIDs derived from LIV's ids: the first of each list is a real one.
            for view, listing in HSDS_LISTS.items():
                ids[view] = Client().get(f"/api/hsds/v3/{listing}").json()["contents"][0]["id"]
            yield ids
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


HSDS_LISTS = {
    "hsds:service": "services",
    "hsds:organization": "organizations",
    "hsds:service_at_location": "service_at_locations",
    "hsds:taxonomy": "taxonomies",
    "hsds:taxonomy_term": "taxonomy_terms",
}
ANY_UUID = "00000000-0000-4000-8000-000000000000"


def _valid_value(ids: dict[str, str]):
    def value_for(view: str, name: str, converter: str) -> str:
        if converter in ("id", "uuid"):
            return ids.get(view, ANY_UUID if converter == "uuid" else "1")
        if name == "section":
            return "services"
        if name == "code":
            return "06"
        return "1"

    return value_for


PUBLIC = [chain for chain in _walk(get_resolver().url_patterns) if not _is_admin(chain)]
ADMIN_LISTS = [
    chain
    for chain in _walk(get_resolver().url_patterns)
    if _is_admin(chain) and (chain[-1].name or "").endswith(("_changelist", "index"))
]


def _parameters() -> list[str]:
    return sorted(PARAMETERS | set(ServiceSearchFilterSet.base_filters))


@contextmanager
def _parameters_read() -> Iterator[set[str]]:
    """The names a request's handling asks its query (or any other multi-value dict) for."""
    read: set[str] = set()
    originals = {name: getattr(MultiValueDict, name) for name in ("__getitem__", "get", "getlist", "__contains__")}

    def recording(name: str):
        original = originals[name]

        def method(self, key, *args, **kwargs):
            if isinstance(key, str):
                read.add(key)
            return original(self, key, *args, **kwargs)

        return method

    for name in originals:
        setattr(MultiValueDict, name, recording(name))
    try:
        yield read
    finally:
        for name, original in originals.items():
            setattr(MultiValueDict, name, original)


def _queries(every: list[str], read: list[str]) -> Iterator[tuple[str, str]]:
    """(description, raw query string): each hostile value in every known parameter at once, and the core values
    in each parameter this view reads (and one it does not) alone."""
    for hostile in HOSTILE:
        yield (
            f"all parameters = {hostile.label}",
            "&".join(f"{_e(name)}={hostile.encoded}" for name in every for _ in range(hostile.repeat)),
        )
    for hostile in HOSTILE:
        if hostile.core:
            for name in [*read, "zz"]:
                yield f"{name} = {hostile.label}", "&".join([f"{_e(name)}={hostile.encoded}"] * hostile.repeat)


def _check(client: Client, url: str, problems: list[str], description: str = "") -> None:
    started = time.perf_counter()
    response = client.get(url)
    took = time.perf_counter() - started
    if response.status_code >= 500:
        problems.append(f"{response.status_code} {url[:300]} [{description}]")
    elif took > SLOW:
        started = time.perf_counter()  # once more: a busy machine, or the page really is slow
        client.get(url)
        again = time.perf_counter() - started
        if again > SLOW:
            problems.append(f"{took:.2f} s, then {again:.2f} s: {url[:300]} [{description}]")


def _id(chain: tuple) -> str:
    return _view_name(chain) or "".join(str(part.pattern) for part in chain)


def test_every_public_pattern_is_walked() -> None:
    """A pattern that cannot be filled would be left out silently; none is (only the admin's history records)."""
    assert len(PUBLIC) >= 20
    names = {_view_name(chain) for chain in PUBLIC}
    assert {"health", "ready", "services:search", "cooperation:practices", "api:services"} <= names
    for chain in PUBLIC:
        path = _path(chain, lambda view, name, converter: {"id": "1", "uuid": ANY_UUID}.get(converter, "06"))
        assert path is not None, chain
        assert resolve(path.split("?")[0]).func == chain[-1].callback, path


@pytest.mark.parametrize("chain", PUBLIC, ids=_id)
def test_a_public_url_survives_hostile_input(demo, chain) -> None:
    client = Client(raise_request_exception=False)  # a 500 is collected with the others, not raised
    problems: list[str] = []
    valid = _path(chain, _valid_value(demo))
    # The valid page first: it warms what the first request of a process builds, and tells which parameters the
    # view reads (asked for with every known name present).
    every = _parameters()
    with _parameters_read() as read:
        client.get(f"{valid}?" + "&".join(f"{_e(name)}=1" for name in every))
    response = client.get(valid)
    assert response.status_code < 400, (valid, response.status_code)
    for value in INVALID_PATH_VALUES:
        url = _path(chain, lambda view, name, converter, value=value: value)
        if url != valid:
            _check(client, url, problems)
    for description, query in _queries(every, sorted(read & set(every))):
        _check(client, f"{valid}?{query}", problems, description)
    for language in ("sv", "en"):
        if valid.startswith("/fi/"):
            _check(client, f"/{language}/{valid[4:]}?q={_e(LONG_UNDER_LIMIT)}&page=-1", problems)
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems[:30])


@pytest.mark.parametrize("chain", ADMIN_LISTS, ids=_id)
def test_an_admin_list_survives_hostile_input_from_a_superuser(demo, chain) -> None:
    client = Client(raise_request_exception=False)
    user = get_user_model().objects.create_superuser("fuzz-admin", password="a-long-test-password-1234")
    client.force_login(user)
    valid = _path(chain, _valid_value(demo))
    # follow: "My e-mail notifications" has no list; it sends each user to their own choices
    assert client.get(valid, follow=True).status_code == 200, valid
    problems: list[str] = []
    parameters = sorted(ADMIN_PARAMETERS)
    for hostile in HOSTILE:
        query = "&".join(f"{_e(name)}={hostile.encoded}" for name in parameters for _ in range(hostile.repeat))
        _check(client, f"{valid}?{query}", problems)
        if hostile.core:
            for name in ("q", "o", "p"):
                _check(client, f"{valid}?{name}={hostile.encoded}", problems)
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems[:30])
