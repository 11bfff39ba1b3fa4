"""A user's notification choices: their saved row, or the defaults (every kind, in Finnish) until they save one."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser

from notifications.models import NotificationPreference


def preference_for(user: AbstractBaseUser) -> NotificationPreference:
    """The saved choices, or unsaved defaults: nobody is left without notifications for not having visited the page."""
    try:
        return user.notification_preference
    except NotificationPreference.DoesNotExist:
        return NotificationPreference(user=user)


def own_preference(user: AbstractBaseUser) -> NotificationPreference:
    """The user's row, created with the defaults when they first open their notification page."""
    preference, _created = NotificationPreference.objects.get_or_create(user=user)
    return preference
