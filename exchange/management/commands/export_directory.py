"""Write the directory to a file in the LIV exchange format (docs/data-format.md)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, OutputWrapper

from exchange.cooperation_export import select_cooperation
from exchange.export import select_services, write_directory
from regions.models import VitalityCentre
from services.models import Origin, Service


class _Unterminated:
    """The command's stdout for text written in pieces: Django's wrapper would end every piece with a newline."""

    def __init__(self, out: OutputWrapper) -> None:
        self.out = out

    def write(self, text: str) -> None:
        self.out.write(text, ending="")


class Command(BaseCommand):
    help = (
        "Export providers, services and the regional cooperation (groups, practices, measures, self-assessments) "
        "as LIV exchange JSON. FILE '-' writes to standard output."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="Where to write the JSON; '-' for standard output.")
        parser.add_argument(
            "--status",
            action="append",
            choices=Service.Status.values,
            help="Only services and practices with this status (repeatable). Default: every status.",
        )
        parser.add_argument(
            "--area",
            metavar="CODE",
            help=(
                "Only services, groups, practices, regional measures and self-assessments of this vitality-centre "
                "area (its two-digit code, e.g. 06 for Itä-Suomi)."
            ),
        )
        parser.add_argument(
            "--origin",
            action="append",
            choices=Origin.values,
            help="Only records of this origin (repeatable), e.g. 'entered' and 'imported' to leave out demo data.",
        )

    def handle(self, *args, file: str, status=None, area=None, origin=None, **options) -> None:
        centre = None
        if area is not None:
            centre = VitalityCentre.objects.filter(code=area).first()
            if centre is None:
                codes = ", ".join(VitalityCentre.objects.values_list("code", flat=True))
                raise CommandError(f"Unknown area code {area!r}; the vitality-centre codes are {codes}.")
        services = cooperation = None
        if status or centre or origin:
            services = select_services(statuses=status, vitality_centre=centre, origins=origin)
            cooperation = select_cooperation(statuses=status, vitality_centre=centre, origins=origin)
        if file == "-":
            write_directory(_Unterminated(self.stdout), services=services, cooperation=cooperation)
            return
        with Path(file).open("w", encoding="utf-8") as stream:
            counts = write_directory(stream, services=services, cooperation=cooperation)
        summary = ", ".join(f"{count} {kind}" for kind, count in counts.items())
        self.stderr.write(f"Exported {summary} to {file}.")
