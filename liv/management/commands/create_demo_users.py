"""Create the demo users: a superuser, a national administrator and regional coordinators for three areas.

Each new user gets a random password, printed once here and stored nowhere else (only its hash is in the
database). A user that already exists is left as it is — its password is not changed — so running ``make run``
again keeps working logins. Not for production: there, create people's accounts in the admin.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from liv.roles import NATIONAL_ADMINISTRATORS, REGIONAL_COORDINATORS
from regions.models import CoordinatorAssignment, VitalityCentre


@dataclass(frozen=True)
class DemoUser:
    username: str
    description: str
    superuser: bool = False
    group: str | None = None
    area_codes: tuple[str, ...] = ()


DEMO_USERS = [
    DemoUser("admin", "superuser", superuser=True),
    DemoUser("kansallinen", "national administrator", group=NATIONAL_ADMINISTRATORS),
    # Itä-Suomi (06) covers Etelä-Savo, Pohjois-Savo and Pohjois-Karjala.
    DemoUser("ita-suomi", "regional coordinator, Itä-Suomi", group=REGIONAL_COORDINATORS, area_codes=("06",)),
    DemoUser("uusimaa", "regional coordinator, Uusimaa", group=REGIONAL_COORDINATORS, area_codes=("01",)),
    DemoUser(
        "pohjoinen",
        "regional coordinator, Pohjois-Suomi and Lappi",
        group=REGIONAL_COORDINATORS,
        area_codes=("09", "10"),
    ),
]


def new_password() -> str:
    """20 random URL-safe characters (about 120 bits), which pass the password validators."""
    return secrets.token_urlsafe(15)


class Command(BaseCommand):
    help = "Create the demo superuser, national administrator and regional coordinators (passwords printed once)."

    def handle(self, *args, **options) -> None:
        User = get_user_model()
        created: list[tuple[DemoUser, str]] = []
        existing: list[DemoUser] = []
        with transaction.atomic():
            for demo in DEMO_USERS:
                if User.objects.filter(username=demo.username).exists():
                    existing.append(demo)
                    continue
                password = new_password()
                user = User.objects.create_user(
                    username=demo.username,
                    password=password,
                    # example.invalid never delivers (RFC 2606); under `make run` the notifications they would get
                    # are printed on the console (docs/deployment.md, "E-mail notifications").
                    email=f"{demo.username}@example.invalid",
                    is_staff=True,
                    is_superuser=demo.superuser,
                )
                if demo.group:
                    try:
                        user.groups.add(Group.objects.get(name=demo.group))
                    except Group.DoesNotExist:
                        raise CommandError(f"Group {demo.group!r} is missing: run `manage.py migrate` first.") from None
                for code in demo.area_codes:
                    try:
                        centre = VitalityCentre.objects.get(code=code)
                    except VitalityCentre.DoesNotExist:
                        raise CommandError("Areas are missing: run `manage.py load_reference_data` first.") from None
                    CoordinatorAssignment.objects.create(user=user, vitality_centre=centre)
                created.append((demo, password))
        for demo in existing:
            self.stdout.write(f"Demo user {demo.username!r} ({demo.description}) exists already; password unchanged.")
        if created:
            self.stdout.write(self.style.WARNING("Demo credentials (shown only now, stored nowhere):"))
            for demo, password in created:
                self.stdout.write(f"  {demo.username:<12} {password}   {demo.description}")
            self.stdout.write("Log in at /fi/admin/ (or /sv/admin/, /en/admin/).")
