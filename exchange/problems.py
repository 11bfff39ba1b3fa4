"""What an import found wrong, said so that a coordinator can fix the file: which record, which field, what."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

# The record named for problems of the file as a whole (malformed JSON, wrong format or version).
FILE = "(file)"


@dataclass(frozen=True, slots=True)
class Problem:
    record: str
    field: str
    message: str

    def __str__(self) -> str:
        if self.field:
            return f"{self.record}: {self.field}: {self.message}"
        return f"{self.record}: {self.message}"


class DirectoryImportError(Exception):
    """The file was refused as a whole; nothing was changed. ``problems`` lists everything found wrong."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))

    def summary(self) -> str:
        count = len(self.problems)
        return str(_("The file was not imported; nothing was changed. Problems found: %(count)d.") % {"count": count})
