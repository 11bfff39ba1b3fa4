"""Send the e-mail notifications that are waiting: those a failed run or an SMTP outage left behind.

Schedule every few minutes (docs/deployment.md, "E-mail notifications"). Exits with an error when e-mail is not
configured or a message could not be sent, so that the scheduler reports it; the messages wait for the next run.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from notifications import delivery


class Command(BaseCommand):
    help = "Send the waiting e-mail notifications (each at most once)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--resend-unconfirmed",
            action="store_true",
            help="Also resend messages a killed run left 'being sent' for over an hour (they may have arrived).",
        )

    def handle(self, *args, resend_unconfirmed: bool, **options) -> None:
        if resend_unconfirmed:
            self.stdout.write(f"{delivery.resend_unconfirmed()} unconfirmed message(s) put back in the queue.")
        try:
            report = delivery.send_pending()
        except delivery.EmailNotConfigured as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"{len(report.sent)} sent, {len(report.failed)} failed.")
        left = delivery.unconfirmed()
        if left:
            self.stderr.write(
                f"{len(left)} message(s) were left 'being sent' by a run that stopped; they are not resent "
                "automatically. Check the log in the admin, then run with --resend-unconfirmed if needed."
            )
        if report.failed:
            reason = f" ({report.stopped})" if report.stopped else ""
            raise CommandError(f"{len(report.failed)} message(s) failed{reason}; they are tried on the next run.")
