"""The LIV directory exchange format, version 1: its name, version and the shape of its records.

One JSON document holds providers and services and, in optional sections, the regional cooperation: groups,
practices, measures and self-assessments (a version 1 file without them is as valid as ever). Records are keyed
by their ``external_id``, areas and vocabularies are referred to by their official codes (never by database ids),
and every translated field is an object ``{"fi": …, "sv": …, "en": …}``. docs/data-format.md describes it for people,
and docs/data-format.schema.json for machines; both must change together with this module.
"""

from __future__ import annotations

import json
import re
from typing import Any

FORMAT_NAME = "liv-directory"
FORMAT_VERSION = 1

LANGUAGES = ("fi", "sv", "en")

# Translated fields of each kind of record, in the order the export writes them.
PROVIDER_TRANSLATED = ("name", "description")
SERVICE_TRANSLATED = ("name", "summary", "description", "cost_description", "eligibility", "how_to_apply")
LOCATION_TRANSLATED = ("name", "street_address", "accessibility", "opening_hours_note")
PHONE_TRANSLATED = ("name", "charge_note", "hours_note")
ELECTRONIC_TRANSLATED = ("name", "url")

# The regional cooperation (optional sections, see docs/data-format.md#regional-cooperation).
COOPERATION_KINDS = ("groups", "practices", "measures", "assessments")
GROUP_TRANSLATED = ("name", "description")
STRATEGY_TRANSLATED = ("name", "description")
GOAL_TRANSLATED = ("title", "description")
PRACTICE_TRANSLATED = ("title", "summary", "description", "results", "evaluation", "other_organisations")
MEASURE_TRANSLATED = ("title", "description", "responsible_organisations")
ASSESSMENT_TRANSLATED = ("summary",)
RATING_TRANSLATED = ("evidence", "next_steps")

# Limits checked before anything is read (exchange/screening.py; docs/data-format.md#limits). No record of the
# format is nested deeper than 9 levels (a group's strategy's goal's title in one language); every text of the
# format fits in 10 000 characters (the longest description in the demo and evaluation files is 300), and the
# database's own, shorter limits (a name 200, a summary 300, ...) are checked with the models' validators.
MAX_DEPTH = 16
TEXT_MAX_LENGTH = 10_000

# A record entered in the admin has no external id; the export names it by its local id instead, and an
# import into the same database matches that name back to the record.
LOCAL_ID = re.compile(r"^liv:(provider|service|group|practice|measure|assessment):(\d+)$")


def local_id(kind: str, pk: int) -> str:
    return f"liv:{kind}:{pk}"


def empty_document() -> dict[str, Any]:
    return {"format": FORMAT_NAME, "version": FORMAT_VERSION, "providers": [], "services": []}


def dumps(document: dict[str, Any]) -> str:
    """The file text: UTF-8 JSON, two-space indented, keys in the order written, ending in a newline.

    The same directory always gives the same text, so exports can be compared with diff and kept in git.
    """
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
