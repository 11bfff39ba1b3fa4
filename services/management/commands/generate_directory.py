"""Generate a large, realistic test directory (origin "generated") for benchmarks, or remove it."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from services.generation import delete_generated, generate_directory, generated_exists


class Command(BaseCommand):
    help = (
        "Create N generated services (about N/5 providers) with fi/sv/en texts, real municipalities, channels and "
        "opening hours; the same seed gives the same directory. --delete removes all generated entries first."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--services", type=int, default=0, metavar="N", help="How many services to create.")
        parser.add_argument("--seed", type=int, default=1, metavar="S", help="Random seed (default 1).")
        parser.add_argument("--delete", action="store_true", help="Remove every generated entry (before creating).")

    def handle(self, *args, services: int, seed: int, delete: bool, **options) -> None:
        if services < 0 or services > 1_000_000:
            raise CommandError("--services must be between 0 and 1 000 000.")
        if not services and not delete:
            raise CommandError("Give --services N to create entries, or --delete to remove generated ones.")
        if delete:
            removed = delete_generated()
            self.stdout.write(f"Removed {removed['services']} generated services and {removed['providers']} providers.")
        if not services:
            return
        if generated_exists(seed=seed):
            raise CommandError(f"Generated entries of seed {seed} already exist; add --delete to replace them.")
        result = generate_directory(services=services, seed=seed)
        self.stdout.write(
            f"Generated {result.services} services, {result.providers} providers and {result.locations} locations "
            f"in {result.seconds:.1f} s (of which search index {result.index_seconds:.1f} s)."
        )
