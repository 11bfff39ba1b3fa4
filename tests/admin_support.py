"""Helpers for the admin tests: the two roles' users, and posting an admin form the way a browser would."""

from __future__ import annotations

from html.parser import HTMLParser

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from liv import roles
from regions.models import CoordinatorAssignment, VitalityCentre

ITA_SUOMI = "06"
UUSIMAA = "01"
PASSWORD = "a-long-test-password-1234"


def ensure_roles() -> None:
    """The groups come from a migration; a transactional (browser) test's flush removes them, so put them back."""
    roles.grant_national(apps)
    roles.grant(apps, roles.REGIONAL_COORDINATORS, roles.COORDINATOR_PERMISSIONS)


def make_coordinator(username: str, *area_codes: str):
    ensure_roles()
    user = get_user_model().objects.create_user(username, password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=roles.REGIONAL_COORDINATORS))
    for code in area_codes:
        CoordinatorAssignment.objects.create(user=user, vitality_centre=VitalityCentre.objects.get(code=code))
    return user


def make_national_administrator(username: str = "kansallinen"):
    ensure_roles()
    user = get_user_model().objects.create_user(username, password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=roles.NATIONAL_ADMINISTRATORS))
    return user


class _FormParser(HTMLParser):
    """Collects the successful controls of the first form with the given id, as a browser would submit them."""

    def __init__(self, form_id: str) -> None:
        super().__init__()
        self.form_id = form_id
        self.inside = False
        self.data: dict[str, list[str]] = {}
        self._select: str | None = None
        self._textarea: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "form" and a.get("id") == self.form_id:
            self.inside = True
        if not self.inside:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self.data.setdefault(name, []).append(a.get("value") or ("on" if kind == "checkbox" else ""))
        elif tag == "select" and name:
            self._select = name
            self.data.setdefault(name, [])
        elif tag == "option" and self._select and "selected" in a:
            self.data[self._select].append(a.get("value") or "")
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form" and self.inside:
            self.inside = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            text = "".join(self._text)
            self.data.setdefault(self._textarea, []).append(text[1:] if text.startswith("\n") else text)
            self._textarea = None


def form_data(html: str, form_id: str) -> dict[str, list[str] | str]:
    """The form's current values, ready to change and post with the test client."""
    parser = _FormParser(form_id)
    parser.feed(html)
    return {name: values if len(values) != 1 else values[0] for name, values in parser.data.items()}
