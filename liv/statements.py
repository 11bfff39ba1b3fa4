"""What the accessibility statement and the privacy notice say that is not plain page text: who runs the site
(settings), when each was last updated, and the known accessibility gaps.

The gaps are listed here, each with its WCAG 2.1 success criteria, the reason and the date by which it will be
fixed, because the Act on the Provision of Digital Services (306/2019) and the Commission's model statement
(Implementing Decision (EU) 2018/1523) ask for exactly that. The list must stay true to what the checks find:
axe-core finds no WCAG 2.1 A/AA violation on the public pages in Finnish, Swedish and English
(tests/browser/test_accessibility.py, tests/browser/test_statements.py) nor on the admin pages coordinators use
(tests/browser/test_admin_accessibility.py); the gaps below are what axe cannot see, found by reading the
admin's own scripts. When one is fixed, remove it here and move STATEMENT_UPDATED.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

ACCESSIBILITY_STATEMENT_PREPARED = datetime.date(2026, 11, 23)
ACCESSIBILITY_STATEMENT_UPDATED = datetime.date(2026, 12, 3)
PRIVACY_NOTICE_UPDATED = datetime.date(2026, 12, 6)


@dataclass(frozen=True)
class SiteOperator:
    """The organisation that runs the site, in the reader's language."""

    name: str | None
    email: str | None
    privacy_email: str | None
    postal_address: str
    site_url: str


def site_operator(language: str | None = None) -> SiteOperator:
    language = (language or get_language() or "fi")[:2]
    name = {"sv": settings.SITE_ORGANISATION_SV, "en": settings.SITE_ORGANISATION_EN}.get(
        language, settings.SITE_ORGANISATION
    )
    return SiteOperator(
        name=name or settings.SITE_ORGANISATION,
        email=settings.SITE_CONTACT_EMAIL,
        privacy_email=settings.PRIVACY_CONTACT_EMAIL,
        postal_address=settings.SITE_POSTAL_ADDRESS,
        site_url=settings.SITE_URL,
    )


@dataclass(frozen=True)
class Criterion:
    number: str
    name: Promise
    level: str


@dataclass(frozen=True)
class KnownGap:
    where: Promise
    problem: Promise
    criteria: tuple[Criterion, ...]
    reason: Promise
    workaround: Promise
    fixed_by: datetime.date


# The success criteria's names as in the official Finnish and Swedish translations of WCAG 2.1.
NAME_ROLE_VALUE = Criterion("4.1.2", _("Name, Role, Value"), "A")
FOCUS_ORDER = Criterion("2.4.3", _("Focus Order"), "A")
STATUS_MESSAGES = Criterion("4.1.3", _("Status Messages"), "AA")

KNOWN_GAPS: tuple[KnownGap, ...] = (
    KnownGap(
        where=_("Management interface: the calendar and clock of date and time fields"),
        problem=_(
            "The calendar and clock that open beside a date or time field have no name or role for assistive "
            "technology, and keyboard focus does not move into them when they open."
        ),
        criteria=(NAME_ROLE_VALUE, FOCUS_ORDER),
        reason=_(
            "They are part of the Django framework's management interface and have not yet been replaced. This "
            "is a non-compliance with the requirements, not an exemption."
        ),
        workaround=_("The date or time can be typed straight into the field in the form shown beside it."),
        fixed_by=datetime.date(2027, 6, 30),
    ),
    KnownGap(
        where=_("Management interface: the two-list selection of service types, target groups and national goals"),
        problem=_(
            "When a choice is moved between the “available” and “chosen” lists, screen readers are not told "
            "that the lists changed."
        ),
        criteria=(STATUS_MESSAGES,),
        reason=_(
            "The selection widget is part of the Django framework's management interface and has not yet been "
            "replaced. This is a non-compliance with the requirements, not an exemption."
        ),
        workaround=_(
            "Both lists can be read with a screen reader after each move, and the choices are saved as shown."
        ),
        fixed_by=datetime.date(2027, 6, 30),
    ),
)


@dataclass(frozen=True)
class Authority:
    name: Promise
    unit: Promise
    website: str
    email: str
    phone: str
    postal_address: Promise | None = None


# The supervisory authority of the Act on the Provision of Digital Services: from 1.1.2025 Traficom (government
# proposal HE 71/2024 moved the supervision unit there from the Regional State Administrative Agency for Southern
# Finland). Its Swedish pages are tillganglighetskrav.fi, its English ones webaccessibility.fi.
_SUPERVISOR_WEBSITE = {
    "fi": "https://www.saavutettavuusvaatimukset.fi/",
    "sv": "https://www.tillganglighetskrav.fi/",
    "en": "https://www.webaccessibility.fi/",
}
_OMBUDSMAN_WEBSITE = {
    "fi": "https://tietosuoja.fi/",
    "sv": "https://tietosuoja.fi/sv/",
    "en": "https://tietosuoja.fi/en/",
}


def supervisor(language: str | None = None) -> Authority:
    language = (language or get_language() or "fi")[:2]
    return Authority(
        name=_("Finnish Transport and Communications Agency Traficom"),
        unit=_("Digital Accessibility Supervision Unit"),
        website=_SUPERVISOR_WEBSITE.get(language, _SUPERVISOR_WEBSITE["fi"]),
        email="saavutettavuus@traficom.fi",
        phone="029 534 5000",
    )


def ombudsman(language: str | None = None) -> Authority:
    """The supervisory authority of the GDPR in Finland (article 77: the right to lodge a complaint)."""
    language = (language or get_language() or "fi")[:2]
    return Authority(
        name=_("Office of the Data Protection Ombudsman"),
        unit=_("Data Protection Ombudsman"),
        website=_OMBUDSMAN_WEBSITE.get(language, _OMBUDSMAN_WEBSITE["fi"]),
        email="tietosuoja@om.fi",
        phone="029 566 6700",
        postal_address=_("P.O. Box 800, 00531 Helsinki"),
    )


@dataclass(frozen=True)
class Retention:
    """How long each kind of personal data is kept, as the privacy notice promises and the code enforces
    (feedback/retention.py, run daily by ``manage.py purge_personal_data``)."""

    feedback_days: int
    rate_limit_minutes: int
    failed_login_days: int
    known_address_days: int
    search_log_days: int  # 0: search texts are not counted (services/search/unanswered.py)
    search_log_shown: int  # a text is shown in the admin when searched this many times in a week


def retention() -> Retention:
    from feedback import retention as feedback_retention
    from services.search import unanswered

    return Retention(
        feedback_days=settings.FEEDBACK_RETENTION_DAYS,
        rate_limit_minutes=feedback_retention.RATE_LIMIT_MINUTES,
        failed_login_days=feedback_retention.failed_login_days(),
        known_address_days=settings.LOGIN_KNOWN_ADDRESS_DAYS,
        search_log_days=settings.SEARCH_LOG_DAYS,
        search_log_shown=unanswered.MIN_SHOWN,
    )
