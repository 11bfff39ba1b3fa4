"""Bring the services' embeddings up to date: after an import, nightly, or as a worker with ``--watch``."""

from __future__ import annotations

import os
import time

from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections

from services.search import embedding, semantic


class Command(BaseCommand):
    help = (
        "Embed the services whose text changed since their embedding (docs/search.md). With --watch, keep "
        "following changes every --interval seconds (a worker beside the web servers)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--all", action="store_true", help="check every service, not only the changed ones")
        parser.add_argument("--batch-size", type=int, default=32, help="texts given to the model at a time")
        parser.add_argument(
            "--threads", type=int, default=os.cpu_count() or 1, help="the model's threads (default: every core)"
        )
        parser.add_argument("--watch", action="store_true", help="keep following changes until stopped")
        parser.add_argument("--interval", type=float, default=5.0, help="seconds between checks with --watch")

    def handle(self, *args: object, **options: object) -> None:
        self.verbosity = int(options["verbosity"])
        batch_size = int(options["batch_size"])
        interval = float(options["interval"])
        if batch_size < 1 or interval <= 0 or int(options["threads"]) < 1:
            self.stderr.write("--batch-size, --threads and --interval must be positive.")
            raise SystemExit(2)
        embedding.load(threads=int(options["threads"]))
        started = time.monotonic()
        if options["all"]:
            done = semantic.refresh(batch_size=batch_size, progress=self._progress)
        else:
            done = semantic.follow(batch_size=batch_size, progress=self._progress)
        self._report(done, started)
        while options["watch"]:
            time.sleep(interval)
            close_old_connections()
            started = time.monotonic()
            done = semantic.follow(batch_size=batch_size, progress=self._progress)
            if done:
                self._report(done, started)

    def _progress(self, done: int, total: int) -> None:
        if self.verbosity >= 1 and (done == total or done % 320 == 0):
            self.stdout.write(f"  {done} / {total} embedded")

    def _report(self, done: int | None, started: float) -> None:
        if done is None:
            self.stdout.write("Another process is embedding now; nothing done.")
        elif self.verbosity >= 1:
            missing = semantic.missing()
            self.stdout.write(
                f"{done} services embedded in {time.monotonic() - started:.1f} s; {missing} without an embedding."
            )
