"""Operate the embedded PostgreSQL of development: print its URL, or stop it."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from liv import embedded_db
from liv.env import env_str


class Command(BaseCommand):
    help = "Show the embedded PostgreSQL's connection URL ('url') or stop the server ('stop')."
    requires_system_checks = []

    def add_arguments(self, parser) -> None:
        parser.add_argument("action", choices=["url", "stop"])

    def handle(self, *args, action: str, **options) -> None:
        if env_str("DATABASE_URL"):
            raise CommandError("DATABASE_URL is set: this project is not using the embedded PostgreSQL.")
        pgdata = embedded_db.data_directory(env_str("LIV_PGDATA"))
        if action == "url":
            self.stdout.write(embedded_db.database_url(pgdata, settings.DATABASES["default"]["NAME"]))
        elif embedded_db.stop(pgdata):
            self.stdout.write("Embedded PostgreSQL stopped.")
        else:
            self.stdout.write("Embedded PostgreSQL was not running.")
