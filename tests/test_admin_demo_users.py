"""`manage.py create_demo_users`: the demo roles with passwords printed once and never changed afterwards."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command

from tests.admin_support import ensure_roles

pytestmark = pytest.mark.django_db


def run() -> str:
    out = io.StringIO()
    call_command("create_demo_users", stdout=out)
    return out.getvalue()


def passwords(output: str) -> dict[str, str]:
    lines = [line.split() for line in output.splitlines() if line.startswith("  ")]
    return {parts[0]: parts[1] for parts in lines}


def test_demo_users_get_roles_areas_and_a_random_password_shown_once(rf):
    ensure_roles()
    first = passwords(run())
    assert set(first) == {"admin", "kansallinen", "ita-suomi", "uusimaa", "pohjoinen"}
    assert len(set(first.values())) == 5
    users = get_user_model().objects
    assert users.get(username="admin").is_superuser
    assert users.get(username="kansallinen").groups.get().name == "National administrator"
    ita = users.get(username="ita-suomi")
    assert ita.groups.get().name == "Regional coordinator"
    assert list(ita.area_assignments.values_list("vitality_centre__name_fi", flat=True)) == [
        "Itä-Suomen elinvoimakeskus"
    ]
    assert users.get(username="pohjoinen").area_assignments.count() == 2
    request = rf.post("/fi/admin/login/")
    assert authenticate(request, username="ita-suomi", password=first["ita-suomi"]) == ita

    again = run()
    assert passwords(again) == {}
    assert "exists already" in again
    assert first["ita-suomi"] not in again
    assert authenticate(request, username="ita-suomi", password=first["ita-suomi"]) == ita
