"""The search evaluation directory: the guidance services of fixtures/evaluation among N generated off-topic
municipal services (services/evaluation.py; bench/search_quality.py uses it)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from services.evaluation import delete_evaluation, evaluation_exists, generate_evaluation_directory


class Command(BaseCommand):
    help = (
        "Import the evaluation set's guidance services (eval:…) and generate N off-topic municipal services "
        "(evalgen:<seed>:…) that share words and places with them; the same seed gives the same directory. "
        "--delete removes the evaluation entries first (only those)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--municipal", type=int, default=10_000, metavar="N", help="Off-topic services (default 10 000)."
        )
        parser.add_argument("--seed", type=int, default=1, metavar="S", help="Random seed (default 1).")
        parser.add_argument("--delete", action="store_true", help="Remove every evaluation entry (before creating).")
        parser.add_argument("--delete-only", action="store_true", help="Only remove the evaluation entries.")

    def handle(self, *args, municipal: int, seed: int, delete: bool, delete_only: bool, **options) -> None:
        if municipal < 0 or municipal > 1_000_000:
            raise CommandError("--municipal must be between 0 and 1 000 000.")
        if delete or delete_only:
            removed = delete_evaluation()
            self.stdout.write(
                f"Removed {removed['services']} evaluation services and {removed['providers']} providers."
            )
        if delete_only:
            return
        if evaluation_exists():
            raise CommandError("The evaluation directory already exists; add --delete to replace it.")
        result = generate_evaluation_directory(municipal=municipal, seed=seed)
        self.stdout.write(
            f"Imported {result.guidance} guidance services and generated {result.municipal} municipal services "
            f"({result.providers} providers) in {result.seconds:.1f} s (of which search index "
            f"{result.index_seconds:.1f} s)."
        )
