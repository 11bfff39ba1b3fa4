"""The notifications' subjects and texts, written in the recipient's language when they are recorded.

Rendered outside any request, so every function switches the language itself (``translation.override``) and
builds absolute links from ``SITE_URL``; dates are formatted the recipient's way (15.12.2026 in Finnish and
Swedish, 15 December 2026 in English). Plain text only: it reads the same in every mail client and screen reader.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext, ngettext

from feedback.models import Feedback
from services.models import Service

# The Act on the Provision of Digital Services (306/2019, section 17) gives 14 days to answer accessibility feedback.
ANSWER_WITHIN = datetime.timedelta(days=14)
# A digest lists at most this many entries; the rest are behind the link to the filtered list.
DIGEST_LINES = 50


@dataclass(frozen=True, slots=True)
class Message:
    subject: str
    body: str


def _url(name: str, *args: object, query: str = "") -> str:
    return f"{settings.SITE_URL}{reverse(name, args=args)}{query}"


def _date(value: datetime.date) -> str:
    return formats.date_format(value, "j F Y" if translation.get_language() == "en" else "j.n.Y")


def _common() -> dict[str, str]:
    return {"preferences_url": _url("admin:notifications_notificationpreference_changelist")}


def answer_deadline(report: Feedback) -> datetime.date:
    """The last day of the 14 days the law gives for an answer, counted from the day the feedback arrived."""
    return timezone.localdate(report.created) + ANSWER_WITHIN


def entry_feedback(report: Feedback, language: str) -> Message:
    with translation.override(language):
        service_name = report.service.name
        context = {
            **_common(),
            "service_name": service_name,
            "received": _date(timezone.localdate(report.created)),
            "message": report.message,
            "reply_wanted": bool(report.email),
            "report_url": _url("admin:feedback_feedback_change", report.pk),
            "entry_url": _url("admin:services_service_change", report.service_id),
        }
        subject = gettext("Report on an entry: %(service)s") % {"service": service_name}
        return Message(_one_line(subject), _text("notifications/entry_feedback.txt", context))


def accessibility_feedback(report: Feedback, language: str) -> Message:
    with translation.override(language):
        deadline = _date(answer_deadline(report))
        context = {
            **_common(),
            "deadline": deadline,
            "received": _date(timezone.localdate(report.created)),
            "page": f"{settings.SITE_URL}{report.page}" if report.page else "",
            "message": report.message,
            "reply_wanted": bool(report.email),
            "report_url": _url("admin:feedback_feedback_change", report.pk),
        }
        subject = gettext("Feedback on the site: answer by %(deadline)s") % {"deadline": deadline}
        return Message(subject, _text("notifications/accessibility_feedback.txt", context))


def review_digest(entries: list[Service], total: int, on: datetime.date, language: str) -> Message:
    with translation.override(language):
        lines = [
            {
                "name": entry.name,
                "provider": entry.provider.name,
                "last_reviewed": _date(entry.last_reviewed) if entry.last_reviewed else "",
                "url": _url("admin:services_service_change", entry.pk),
            }
            for entry in entries[:DIGEST_LINES]
        ]
        context = {
            **_common(),
            "lines": lines,
            "total": total,
            "more": total - len(lines),
            "on": _date(on),
            "list_url": _url("admin:services_service_changelist", query="?status__exact=published&review=needed"),
        }
        subject = ngettext(
            "%(count)d entry of your area is due for review",
            "%(count)d entries of your area are due for review",
            total,
        ) % {"count": total}
        return Message(subject, _text("notifications/review_digest.txt", context))


def _text(template: str, context: dict) -> str:
    return render_to_string(template, context).strip() + "\n"


def _one_line(text: str, limit: int = 200) -> str:
    """A subject is one line of at most ``limit`` characters, whatever an entry's name holds."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
