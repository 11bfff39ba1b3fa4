"""Deployment checks (``manage.py check --deploy``): what the law asks the public pages to say, and a site
address the site itself answers at.

The accessibility statement (Act on the Provision of Digital Services 306/2019) and the privacy notice (GDPR
articles 13–14) must name the organisation that runs the site and how to reach it. The site is run by whoever
deploys it, so these are settings; a production configuration without them is refused here rather than
published with an example organisation.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register
from django.http.request import split_domain_port, validate_host


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


@register(Tags.security, deploy=True)
def site_url_served(app_configs, **kwargs) -> list[CheckMessage]:
    """SITE_URL is where the canonical links, the sitemap and the e-mails send people, and where gunicorn's master
    renders the pages before it forks (liv.warmup): a host the site refuses, or plain http where every request is
    redirected to https, breaks all of them."""
    site = urlsplit(settings.SITE_URL)
    errors: list[CheckMessage] = []
    if not validate_host(split_domain_port(site.netloc)[0], settings.ALLOWED_HOSTS):
        errors.append(
            Error(
                f"SITE_URL={settings.SITE_URL!r} names a host that ALLOWED_HOSTS does not allow: the site would "
                "refuse requests to its own address.",
                hint="Add the host of SITE_URL to ALLOWED_HOSTS, or correct SITE_URL.",
                id="liv.E003",
            )
        )
    if settings.SECURE_SSL_REDIRECT and site.scheme != "https":
        errors.append(
            Error(
                f"SITE_URL={settings.SITE_URL!r} is not an https:// address, but every http:// request is "
                "redirected to https: the canonical links and the sitemap would all point at a redirect.",
                hint="Give SITE_URL the site's https:// address.",
                id="liv.E004",
            )
        )
    return errors
