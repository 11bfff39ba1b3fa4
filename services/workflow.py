"""The review workflow of a service: draft → published → archived, and "reviewed on" dates.

These functions are what the admin's bulk actions (and anything else that changes an entry's state) call. They
save entry by entry, not with ``QuerySet.update()``, so that django-simple-history records every change with the
user who made it and why.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from services.models import Service


@dataclass
class WorkflowResult:
    """What a bulk change did: the entries it changed and those it refused, each with the reason."""

    changed: list[Service] = field(default_factory=list)
    unchanged: list[Service] = field(default_factory=list)
    refused: list[tuple[Service, str]] = field(default_factory=list)


def _save(service: Service, *, by: AbstractBaseUser | None, reason: str, fields: list[str]) -> None:
    service._history_user = by
    service._change_reason = reason
    service.save(update_fields=[*fields, "modified"])


def _set_status(
    services: Iterable[Service], *, status: str, by: AbstractBaseUser | None, reason: str
) -> WorkflowResult:
    result = WorkflowResult()
    with transaction.atomic():
        for service in services:
            if service.status == status:
                result.unchanged.append(service)
                continue
            previous = service.status
            service.status = status
            try:
                service.clean()
            except ValidationError as error:
                service.status = previous
                result.refused.append((service, " ".join(error.messages)))
                continue
            _save(service, by=by, reason=reason, fields=["status"])
            result.changed.append(service)
    return result


def publish_services(*, services: Iterable[Service], by: AbstractBaseUser | None) -> WorkflowResult:
    """Publish the services that have what publishing requires (a Finnish name and summary)."""
    return _set_status(services, status=Service.Status.PUBLISHED, by=by, reason=gettext("Published"))


def archive_services(*, services: Iterable[Service], by: AbstractBaseUser | None) -> WorkflowResult:
    """Take services off the public site, keeping them and their history."""
    return _set_status(services, status=Service.Status.ARCHIVED, by=by, reason=gettext("Archived"))


def return_to_draft(*, services: Iterable[Service], by: AbstractBaseUser | None) -> WorkflowResult:
    return _set_status(services, status=Service.Status.DRAFT, by=by, reason=gettext("Returned to draft"))


def mark_services_reviewed(
    *, services: Iterable[Service], by: AbstractBaseUser | None, on: datetime.date | None = None
) -> WorkflowResult:
    """Record that a coordinator checked the entries today: they leave the "needs review" list for a year."""
    on = on or timezone.localdate()
    result = WorkflowResult()
    with transaction.atomic():
        for service in services:
            if service.last_reviewed == on:
                result.unchanged.append(service)
                continue
            service.last_reviewed = on
            _save(service, by=by, reason=gettext("Marked as reviewed"), fields=["last_reviewed"])
            result.changed.append(service)
    return result
