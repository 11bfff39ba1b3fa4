"""Deployment checks (``manage.py check --deploy``) for what the law asks the public pages to say.

The accessibility statement (Act on the Provision of Digital Services 306/2019) and the privacy notice (GDPR
articles 13–14) must name the organisation that runs the site and how to reach it. The site is run by whoever
deploys it, so these are settings; a production configuration without them is refused here rather than
published with an example organisation.
"""

from __future__ import annotations

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register


@register(Tags.security, deploy=True)
def site_operator_named(app_configs, **kwargs) -> list[CheckMessage]:
    errors: list[CheckMessage] = []
    if not settings.SITE_ORGANISATION:
        errors.append(
            Error(
                "SITE_ORGANISATION is not set: the accessibility statement and the privacy notice must name the "
                "organisation that runs the site.",
                hint="Set SITE_ORGANISATION (and SITE_ORGANISATION_SV, SITE_ORGANISATION_EN) in the environment.",
                id="liv.E001",
            )
        )
    if not settings.SITE_CONTACT_EMAIL:
        errors.append(
            Error(
                "SITE_CONTACT_EMAIL is not set: the accessibility statement must give a contact e-mail address "
                "besides the feedback form.",
                hint="Set SITE_CONTACT_EMAIL (and PRIVACY_CONTACT_EMAIL for data-protection requests).",
                id="liv.E002",
            )
        )
    return errors
