"""What people searched and did not find (docs/search.md, "What people searched and did not find").

A synonym list grows with the words people really use, and only searches show them: a search text that no service
held all the words of (the page fell back to the closest matches, or found nothing) is counted per week, so that
coordinators see "kesäduuni vantaa" asked forty times and add the synonym the entries lack.

Anonymous by design: one row per week, language and text, with a count; no user, network address, session, time of
day, filters or page; words with an e-mail address or three or more digits (phone numbers, personal identity
codes, dates) are masked before anything is stored. The admin shows only texts asked at least MIN_SHOWN times in a
week, and ``manage.py purge_personal_data`` deletes the weeks past SEARCH_LOG_DAYS. Searches with filters are not
counted: with a filter, few matches say more about the filter than about the words.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import connection
from django.utils import timezone

from services.models import UnansweredSearch
from services.search.engine import SearchResult
from services.search.terms import clean, cut_between_words

# A text asked fewer times than this in a week is not shown: a rare text is more likely to say something about the
# one person who typed it than about the words people use.
MIN_SHOWN = 3
MASK = "#"


def anonymised(text: str) -> str:
    """The text as it is counted: lower case, one space between words, numbers and e-mail addresses masked."""
    words = [
        MASK if "@" in word or sum(ch.isdigit() for ch in word) >= 3 else word for word in clean(text).lower().split()
    ]
    return cut_between_words(" ".join(words), UnansweredSearch._meta.get_field("text").max_length)


def record(result: SearchResult) -> None:
    """Count the search when no service held all its words (one statement; nothing when SEARCH_LOG_DAYS is 0)."""
    query = result.query
    if (
        not settings.SEARCH_LOG_DAYS
        or not result.text_searched
        or not (result.partial or result.total == 0)
        or query.page != 1
        or query.filters
    ):
        return
    text = anonymised(query.text)
    if not text.strip(MASK + " "):
        return
    outcome = UnansweredSearch.Outcome.NONE if result.total == 0 else UnansweredSearch.Outcome.PARTIAL
    today = timezone.localdate()
    with connection.cursor() as cursor:  # SQL by hand goes to the primary, even with a replica (liv/db_router.py)
        cursor.execute(
            """
            INSERT INTO services_unansweredsearch (week, language, text, outcome, count) VALUES (%s, %s, %s, %s, 1)
            ON CONFLICT (week, language, text, outcome)
            DO UPDATE SET count = services_unansweredsearch.count + 1
            """,
            [today - datetime.timedelta(days=today.weekday()), query.language, text, outcome],
        )


def purge(*, now: datetime.datetime | None = None) -> int:
    """Delete the weeks that started more than SEARCH_LOG_DAYS days ago (all of them when it is 0)."""
    today = timezone.localdate(now) if now else timezone.localdate()
    return UnansweredSearch.objects.filter(
        week__lte=today - datetime.timedelta(days=settings.SEARCH_LOG_DAYS)
    ).delete()[0]
