"""Limits on failed admin log-ins (django-axes), and the page shown when one applies.

Two limits, both counted in the database (so every worker and every web container sees the same counts):

1. **The pair** (axes itself): ``AXES_FAILURE_LIMIT`` wrong passwords for one user name *from one client
   address* lock that pair for ``AXES_COOLOFF_MINUTES``. Colleagues behind the same office address, and the same
   person elsewhere, can still log in. The address is the real client's, also behind our proxies
   (:mod:`liv.client_address`), so one client cannot lock out everyone behind the proxy.
2. **The user name** (:class:`UserNameThrottleBackend`): a guesser spreading attempts over many addresses meets
   a much higher limit, ``LOGIN_USERNAME_FAILURE_LIMIT`` failures for a user name from all addresses within the
   cool-off. Past it, that user name can log in only from an address where it logged in successfully in the
   last ``LOGIN_KNOWN_ADDRESS_DAYS`` days (axes' access log). Someone outside can therefore slow a user name
   down but never lock its owner out completely: the office or home address they use keeps working.
"""

from __future__ import annotations

import datetime

from axes.backends import AxesStandaloneBackend
from axes.exceptions import AxesBackendPermissionDenied
from axes.helpers import get_cool_off, get_credentials, toggleable
from axes.models import AccessAttempt, AccessLog
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from liv.client_address import client_address


def username_failures(username: str) -> int:
    """Failed log-ins for ``username`` from every address within the cool-off."""
    since = timezone.now() - (get_cool_off() or datetime.timedelta(minutes=15))
    attempts = AccessAttempt.objects.filter(username=username, attempt_time__gte=since)
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


def is_known_address(username: str, address: str) -> bool:
    """Has ``username`` logged in successfully from ``address`` recently?"""
    since = timezone.now() - datetime.timedelta(days=settings.LOGIN_KNOWN_ADDRESS_DAYS)
    return AccessLog.objects.filter(username=username, ip_address=address, attempt_time__gte=since).exists()


def username_throttled(request: HttpRequest, username: str) -> bool:
    return username_failures(username) >= settings.LOGIN_USERNAME_FAILURE_LIMIT and not is_known_address(
        username, client_address(request)
    )


class UserNameThrottleBackend(AxesStandaloneBackend):
    """axes' check of the (user name, address) pair, then the slower limit per user name (see the module)."""

    @toggleable
    def authenticate(self, request: HttpRequest, username: str | None = None, password: str | None = None, **kwargs):
        super().authenticate(request, username=username, password=password, **kwargs)
        if username and username_throttled(request, username):
            request.axes_locked_out = True
            request.axes_credentials = get_credentials(username=username)
            request.liv_username_throttled = True
            raise AxesBackendPermissionDenied("Too many failed log-ins for this user name from new addresses.")


def locked_out(request: HttpRequest, original_response: HttpResponse | None = None, credentials=None) -> HttpResponse:
    """The lock-out page (``AXES_LOCKOUT_CALLABLE``): translated, in the site's layout, 429 with Retry-After."""
    cool_off = get_cool_off(request) or datetime.timedelta(minutes=15)
    minutes = max(1, round(cool_off.total_seconds() / 60))
    context = {"minutes": minutes, "username_throttled": getattr(request, "liv_username_throttled", False)}
    response = render(request, "liv/locked_out.html", context, status=429)
    response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response
