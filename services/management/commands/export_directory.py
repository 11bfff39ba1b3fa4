"""Write the directory to a file in the LIV exchange format (docs/data-format.md)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from regions.models import VitalityCentre
from services.exchange import dumps, export_directory, select_services
from services.models import Origin, Service


class Command(BaseCommand):
    help = "Export providers and services as LIV exchange JSON. FILE '-' writes to standard output."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="Where to write the JSON; '-' for standard output.")
        parser.add_argument(
            "--status",
            action="append",
            choices=Service.Status.values,
            help="Only services with this status (repeatable). Default: every status.",
        )
        parser.add_argument(
            "--area",
            metavar="CODE",
            help="Only services of this vitality-centre area (its two-digit code, e.g. 06 for Itä-Suomi).",
        )
        parser.add_argument(
            "--origin",
            action="append",
            choices=Origin.values,
            help="Only services of this origin (repeatable), e.g. 'entered' and 'imported' to leave out demo data.",
        )

    def handle(self, *args, file: str, status=None, area=None, origin=None, **options) -> None:
        centre = None
        if area is not None:
            centre = VitalityCentre.objects.filter(code=area).first()
            if centre is None:
                codes = ", ".join(VitalityCentre.objects.values_list("code", flat=True))
                raise CommandError(f"Unknown area code {area!r}; the vitality-centre codes are {codes}.")
        services = None
        if status or centre or origin:
            services = select_services(statuses=status, vitality_centre=centre, origins=origin)
        document = export_directory(services=services)
        text = dumps(document)
        if file == "-":
            self.stdout.write(text, ending="")
            return
        Path(file).write_text(text, encoding="utf-8")
        self.stderr.write(
            f"Exported {len(document['providers'])} providers and {len(document['services'])} services to {file}."
        )
