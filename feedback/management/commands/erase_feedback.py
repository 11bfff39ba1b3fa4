"""Erase a person's feedback on request (GDPR article 17): every message sent with an e-mail address, with the
e-mails and admin log entries that copy it. The admin has the same as a page for national administrators."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from feedback import retention


class Command(BaseCommand):
    help = "Erase every feedback message sent with the given e-mail address (a data subject's erasure request)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--email", required=True, help="The address the person gave in the feedback form.")
        parser.add_argument("--dry-run", action="store_true", help="Only count what would be erased.")

    def handle(self, *args, email: str, dry_run: bool, **options) -> None:
        try:
            validate_email(email.strip())
        except ValidationError:
            raise CommandError(f"{email!r} is not an e-mail address.") from None
        reports = retention.matching_email(email)
        if dry_run:
            self.stdout.write(f"{reports.count()} feedback message(s) would be erased.")
            return
        erased, copies = retention.erase(reports)
        self.stdout.write(f"Erased {erased} feedback message(s) and {copies} copies (e-mails, admin log entries).")
