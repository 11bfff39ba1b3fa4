"""A tiny typed reader for settings from environment variables.

It refuses values it does not understand instead of quietly falling back to a default: a typo in
``DEBUG=ture`` must stop start-up, not switch debugging off (or on) behind the operator's back.
"""

from __future__ import annotations

import os

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def env_str(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={value!r} is not a boolean; use one of 1/0, true/false, yes/no, on/off.")


def env_int(name: str, default: int, *, minimum: int | None = None, maximum: int | None = None) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not a whole number.") from None
    if minimum is not None and number < minimum:
        raise ImproperlyConfigured(f"{name}={number} is below the minimum {minimum}.")
    if maximum is not None and number > maximum:
        raise ImproperlyConfigured(f"{name}={number} is above the maximum {maximum}.")
    return number


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    items = [item.strip() for item in value.split(",")]
    if any(not item for item in items):
        raise ImproperlyConfigured(f"{name}={value!r} has an empty item; separate values with single commas.")
    return items


def env_text(name: str, default: str | None = None, *, max_length: int = 200) -> str | None:
    """One line of text for the public pages (an organisation's name, a postal address): refused when it has a
    line break or other control character, or is longer than ``max_length``."""
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    value = value.strip()
    if any(ord(char) < 32 or ord(char) == 127 for char in value):
        raise ImproperlyConfigured(f"{name} must be one line of text without control characters.")
    if len(value) > max_length:
        raise ImproperlyConfigured(f"{name} is {len(value)} characters long; at most {max_length} are allowed.")
    return value


def env_email(name: str, default: str | None = None) -> str | None:
    """An e-mail address shown to the public as a contact: refused unless Django's validator accepts it."""
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    value = value.strip()
    try:
        validate_email(value)
    except ValidationError:
        raise ImproperlyConfigured(f"{name}={value!r} is not an e-mail address.") from None
    return value


def env_origins(name: str, default: list[str]) -> list[str]:
    """Web origins (``https://kunta.fi``, ``http://localhost:8080``) or ``*`` alone: refused when an item has a path,
    a query, no scheme or another scheme than http(s), since a browser never sends such an Origin."""
    import re

    origins = env_list(name, default)
    if origins == ["*"]:
        return origins
    pattern = re.compile(r"^https?://[A-Za-z0-9.-]+(:\d{1,5})?$|^https?://\[[0-9A-Fa-f:]+\](:\d{1,5})?$")
    for origin in origins:
        if not pattern.match(origin):
            raise ImproperlyConfigured(
                f"{name}: {origin!r} is not a web origin such as https://www.example.fi (scheme, host and "
                "optional port; no path), and '*' may only stand alone."
            )
    return [origin.lower() for origin in origins]
