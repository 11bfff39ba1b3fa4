"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

Three things make these tests safe to mix with the rest of the suite, in any order:

* ``live_server`` tests are transactional: pytest-django flushes every table after each one, which would also
  remove the reference data (areas, vocabularies) that ``tests/conftest.py`` loads once per session, and what
  the migrations and ``post_migrate`` put there (the maturity model, content types, permissions). Before the
  first browser test the rows of every non-empty table are copied out once (``COPY … TO``, a fraction of a
  second); after each flush they are copied back (``COPY … FROM``), so that whatever runs next (pytest-django
  runs transactional tests after the others, but ``-k``, ``--lf`` and plug-ins can change that) finds the
  database as the session set it up, with the same primary keys. Loading the reference data through the ORM
  after every flush cost seconds per test.
* Playwright's sync API keeps an asyncio loop running in the main thread while the browser is open, and Django
  refuses database access when it sees a running loop. The test code itself is plain synchronous code, so the
  refusal is a false alarm: ``DJANGO_ALLOW_ASYNC_UNSAFE`` is set only while the browser is open.
* Chromium is the system one (``/usr/bin/chromium``); nothing is downloaded. axe-core comes inside the
  ``axe-playwright-python`` wheel.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from playwright.sync_api import Browser, Page, sync_playwright
from pytest_django.plugin import blocking_manager_key

from services.models import ElectronicChannel, NationalGoal, OpeningHoursException, ServiceType, TargetGroup
from tests.factories import (
    ElectronicChannelFactory,
    OpeningHoursFactory,
    PhoneChannelFactory,
    ProviderFactory,
    ServiceFactory,
    ServiceLocationFactory,
)

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 900}
# The WCAG 2.1 level A and AA rules of axe-core; best-practice rules are not requirements and are left out.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SCREENSHOTS = Path(__file__).resolve().parent.parent.parent / "test-artifacts" / "screenshots"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test in this folder is a browser test on a transactional database, whatever its module says.

    ``available_apps`` lists every installed app, so nothing is hidden from the test; naming them makes Django
    flush with ``TRUNCATE … CASCADE``, which the search index needs: its table (created in SQL by a migration,
    not a model) refers to the services table, and a plain TRUNCATE of the model tables is refused.
    """
    from django.apps import apps

    here = Path(__file__).resolve().parent
    every_app = [config.name for config in apps.get_app_configs()]
    for item in items:
        if here in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.django_db(transaction=True, available_apps=every_app))


def _reference_data_present() -> bool:
    from regions.models import Municipality
    from services.models import TargetGroup

    return Municipality.objects.exists() and TargetGroup.objects.exists()


# The rows of every non-empty table as the session set the database up, in PostgreSQL's binary COPY format;
# taken by the ``_database_snapshot`` fixture before the first browser test.
_SNAPSHOT: dict[str, bytes] = {}


def _take_snapshot() -> dict[str, bytes]:
    from django.db import connection

    snapshot = {}
    with connection.cursor() as cursor:
        # django_migrations is no model table: a flush leaves it alone. Nor is exchange_directory_state (migration
        # exchange/0001), whose one row the triggers keep and which copying back would duplicate.
        cursor.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
            " AND tablename NOT IN ('django_migrations', 'exchange_directory_state')"
        )
        for (table,) in cursor.fetchall():
            name = connection.ops.quote_name(table)
            cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {name})")
            if not cursor.fetchone()[0]:
                continue
            rows = bytearray()
            with cursor.cursor.copy(f"COPY {name} TO STDOUT (FORMAT BINARY)") as copy:
                for chunk in copy:
                    rows += chunk
            snapshot[table] = bytes(rows)
    return snapshot


def _restore_snapshot(*, empty_first: bool) -> None:
    """Copy the snapshot's rows back in one transaction (the foreign keys are deferred, so order is free).

    ``empty_first`` truncates the tables first: needed when something other than a browser test's flush emptied
    the database, after which ``post_migrate`` may already have created content types under new keys.
    """
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cursor:
        names = [connection.ops.quote_name(table) for table in _SNAPSHOT]
        if empty_first:
            cursor.execute(f"TRUNCATE {', '.join(names)} CASCADE")
        for name, rows in zip(names, _SNAPSHOT.values(), strict=True):
            with cursor.cursor.copy(f"COPY {name} FROM STDIN (FORMAT BINARY)") as copy:
                copy.write(rows)


@pytest.fixture(scope="session")
def _database_snapshot(django_db_setup: None, django_db_blocker) -> None:
    """Copy out the database as the session set it up (set up before any browser test's own data exists).

    A transactional test elsewhere may have flushed it before the first browser test: then the reference data
    and the maturity model (which a migration loads) are loaded again first.
    """
    from cooperation.maturity_model import load_maturity_model

    with django_db_blocker.unblock():
        if not _reference_data_present():
            call_command("load_reference_data", verbosity=0)
            load_maturity_model()
        _SNAPSHOT.update(_take_snapshot())


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    """After the transactional flush (it runs in the fixture teardown inside this wrapper), copy the session's
    rows back, so that the next test, browser test or not, sees the database the session set up."""
    result = yield
    # With no next test the session is over and the test database is already gone (the connection points at
    # the development database again): nothing to restore, and nothing may be written there.
    if nextitem is not None and _SNAPSHOT and "transactional_db" in getattr(item, "fixturenames", ()):
        blocker = item.config.stash[blocking_manager_key]
        with blocker.unblock():
            _restore_snapshot(empty_first=not _snapshot_tables_empty())
    return result


def _snapshot_tables_empty() -> bool:
    """True when every table of the snapshot is empty, as a browser test's flush leaves them."""
    from django.db import connection

    with connection.cursor() as cursor:
        for table in _SNAPSHOT:
            cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {connection.ops.quote_name(table)})")
            if cursor.fetchone()[0]:
                return False
    return True


@pytest.fixture(autouse=True)
def _reference_data(_database_snapshot: None, transactional_db: None) -> None:
    """A transactional test elsewhere may have flushed the database before this one: put the session's rows back."""
    if not _reference_data_present():
        _restore_snapshot(empty_first=True)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} is missing: install it with `.ci/apt-install chromium` (or `make browser-deps`).")
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
    finally:
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def new_page(browser: Browser) -> Iterator[Callable[..., Page]]:
    """A factory for pages in fresh browser contexts (no shared cookies), e.g. ``new_page(width=320)``."""
    contexts = []

    def make(width: int = DESKTOP["width"], height: int = DESKTOP["height"], scale: float = 1, **options) -> Page:
        context = browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=scale, **options)
        # Generous: several test runs may share the machine; a slow answer is not what these tests look for.
        context.set_default_timeout(30_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page: Callable[..., Page]) -> Page:
    """A desktop-sized page in a fresh browser context."""
    return new_page()


def axe_violations(page: Page) -> list[str]:
    """Run axe-core's WCAG 2.1 A/AA rules on the page as it is now; one readable line per failing element."""
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    results = Axe().run(page, options=options)
    messages = []
    for violation in results.response["violations"]:
        for node in violation["nodes"]:
            checks = node.get("any", []) + node.get("all", []) + node.get("none", [])
            detail = "; ".join(check["message"] for check in checks) or violation["help"]
            target = " ".join(str(part) for part in node["target"])
            messages.append(f"{violation['id']} ({violation['impact']}) at {target}: {detail} [{node['html'][:200]}]")
    return messages


@pytest.fixture
def axe() -> Callable[[Page], list[str]]:
    """``axe(page)`` returns the page's WCAG 2.1 A/AA violations as readable lines; assert it is empty."""
    return axe_violations


@pytest.fixture
def screenshot() -> Callable[[Page, str], Path]:
    """Save a full-page PNG under test-artifacts/screenshots/ for a person to look at (not compared automatically)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page: Page, name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


# A long unbreakable Finnish compound, as real entries have: it must wrap, not widen the page.
LONG_WORD = "Työllisyyspalvelujenasiakasohjausneuvontapalvelukokonaisuus"


@pytest.fixture
def directory() -> dict[str, str]:
    """One fully described service of a provider, with every part the detail page can show; the paths of the
    pages under test, with ``{lang}`` for the language."""
    provider = ProviderFactory(
        name_fi="Jyväskylän kaupungin työllisyyspalvelut",
        name_sv="Jyväskylä stads sysselsättningstjänster",
        name_en="City of Jyväskylä employment services",
        description_fi="Ohjausta ja neuvontaa työhön ja koulutukseen.",
        description_sv="Handledning och rådgivning om arbete och utbildning.",
        description_en="Guidance and advice on work and education.",
        business_id="0737546-2",
        website="https://www.example.fi/tyollisyys",
    )
    service = ServiceFactory(
        provider=provider,
        name_fi=f"Ohjaamo Jyväskylä – {LONG_WORD}",
        name_sv="Navigatorn Jyväskylä",
        name_en="Ohjaamo Jyväskylä",
        description_fi="Maksutonta ohjausta alle 30-vuotiaille.\n\nTule käymään ilman ajanvarausta.",
        description_sv="Kostnadsfri handledning för personer under 30 år.\n\nKom utan tidsbokning.",
        description_en="Free guidance for people under 30.\n\nDrop in without an appointment.",
        cost_description_fi="Kaikki palvelut ovat maksuttomia.",
        cost_description_sv="Alla tjänster är kostnadsfria.",
        cost_description_en="All services are free of charge.",
        eligibility_fi="Alle 30-vuotiaat jyväskyläläiset.",
        eligibility_sv="Personer under 30 år som bor i Jyväskylä.",
        eligibility_en="People under 30 who live in Jyväskylä.",
        how_to_apply_fi="Varaa aika puhelimitse tai tule käymään.",
        how_to_apply_sv="Boka tid per telefon eller kom förbi.",
        how_to_apply_en="Book a time by phone or drop in.",
        emails=["ohjaamo@example.fi"],
        last_reviewed=datetime.date(2026, 1, 15),
    )
    service.target_groups.set(TargetGroup.objects.all()[:2])
    service.service_types.set(ServiceType.objects.all()[:2])
    service.national_goals.set(NationalGoal.objects.all()[:2])
    location = ServiceLocationFactory(
        service=service,
        name_fi="Ohjaamo Jyväskylä",
        accessibility_fi="Esteetön sisäänkäynti pihan puolelta.",
        accessibility_sv="Tillgänglig ingång från gården.",
        accessibility_en="Step-free entrance from the yard.",
        email="ohjaamo.toimipiste@example.fi",
        latitude=Decimal("62.242603"),
        longitude=Decimal("25.747257"),
    )
    for weekday in range(1, 6):
        OpeningHoursFactory(location=location, weekday=weekday)
    # Far enough ahead that the exceptions stay on the page whenever the tests run.
    OpeningHoursException.objects.create(
        location=location,
        valid_from=datetime.date.today() + datetime.timedelta(days=10),
        valid_to=datetime.date.today() + datetime.timedelta(days=12),
        closed=True,
        note_fi="Suljettu koulutuspäivien ajan",
        note_sv="Stängt under utbildningsdagarna",
        note_en="Closed for staff training",
    )
    OpeningHoursException.objects.create(
        location=location,
        valid_from=datetime.date.today() + datetime.timedelta(days=20),
        opens=datetime.time(9),
        closes=datetime.time(13),
    )
    PhoneChannelFactory(service=service, number="+358 40 1234567", name_fi="Ohjaajat", name_en="Counsellors")
    ElectronicChannelFactory(service=service, kind=ElectronicChannel.Kind.WEB, url_fi="https://www.example.fi/ohjaamo")
    return {
        "home": "/{lang}/",
        "service": f"/{{lang}}/services/{service.pk}/",
        "provider": f"/{{lang}}/providers/{provider.pk}/",
        "about": "/{lang}/about/",
        "accessibility": "/{lang}/accessibility/",
        "privacy": "/{lang}/privacy/",
        "not-found": "/{lang}/services/999999999/",
        "search": "/{lang}/search/?q=ohjaamo",
        "search-no-results": "/{lang}/search/?q=zyxwvutsr",
        "search-start": "/{lang}/search/",
        "area": "/{lang}/areas/06/",  # Itä-Suomi, where the service's location (Mikkeli) is
        "goals": "/{lang}/goals/",
    }
