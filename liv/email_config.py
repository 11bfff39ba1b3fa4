"""E-mail settings from the environment (``EMAIL_*``, ``DEFAULT_FROM_EMAIL``), checked before the site starts.

Why a module of its own: the combinations are where mistakes hide (TLS and SSL at once, a password sent over a
plain connection, a URL where a host name belongs, a sender that is no address), and each one must stop start-up
with a message that names the variable, as :mod:`liv.env` does for single values.

Three cases:

* ``EMAIL_HOST`` set: Django's SMTP backend with these settings (also under ``DEBUG``, to try a local server).
* ``EMAIL_HOST`` unset and ``DEBUG`` on (``make run``): the console backend; messages are printed, not sent.
* ``EMAIL_HOST`` unset and ``DEBUG`` off: no e-mail is configured. Notifications are still recorded and wait in
  the database; ``manage.py send_notifications`` says so and exits with an error, so that a scheduler reports it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from email.utils import parseaddr

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.validators import validate_email

from liv.env import env_bool, env_int, env_str

SMTP = "django.core.mail.backends.smtp.EmailBackend"
CONSOLE = "django.core.mail.backends.console.EmailBackend"
# A host name or an IPv4/IPv6 address; no scheme, no port, no path, no spaces.
_HOST = re.compile(r"^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?)$")
_LOOPBACK = {"localhost", "127.0.0.1", "[::1]", "::1"}


@dataclass(frozen=True, slots=True)
class EmailSettings:
    backend: str
    configured: bool  # False: nothing can be sent (no EMAIL_HOST in production)
    host: str
    port: int
    use_tls: bool
    use_ssl: bool
    user: str
    password: str
    timeout: int
    from_email: str


def _check_sender(value: str, name: str) -> str:
    _display, address = parseaddr(value)
    try:
        validate_email(address)
    except ValidationError:
        raise ImproperlyConfigured(
            f"{name}={value!r} is not an e-mail address; use e.g. 'LIV <liv@example.fi>' or 'liv@example.fi'."
        ) from None
    return value


def read_email_settings(*, debug: bool) -> EmailSettings:
    host = env_str("EMAIL_HOST") or ""
    use_tls = env_bool("EMAIL_USE_TLS", bool(host) and not env_bool("EMAIL_USE_SSL", False))
    use_ssl = env_bool("EMAIL_USE_SSL", False)
    timeout = env_int("EMAIL_TIMEOUT", 10, minimum=1, maximum=120)
    user = env_str("EMAIL_HOST_USER") or ""
    password = env_str("EMAIL_HOST_PASSWORD") or ""
    if not host:
        stray = [name for name in ("EMAIL_PORT", "EMAIL_HOST_USER", "EMAIL_HOST_PASSWORD") if env_str(name)]
        if stray:
            raise ImproperlyConfigured(f"{', '.join(stray)} set without EMAIL_HOST; set EMAIL_HOST too.")
        sender = _check_sender(env_str("DEFAULT_FROM_EMAIL") or "liv@localhost", "DEFAULT_FROM_EMAIL")
        return EmailSettings(CONSOLE if debug else SMTP, debug, "", 25, False, False, "", "", timeout, sender)
    if not _HOST.match(host):
        raise ImproperlyConfigured(
            f"EMAIL_HOST={host!r} is not a host name; give the SMTP server's name only (smtp.example.fi), and its "
            "port in EMAIL_PORT."
        )
    if use_tls and use_ssl:
        raise ImproperlyConfigured(
            "EMAIL_USE_TLS and EMAIL_USE_SSL are both on; use one: TLS (STARTTLS, usually port 587) or SSL "
            "(implicit TLS, usually port 465)."
        )
    port = env_int("EMAIL_PORT", 465 if use_ssl else 587 if use_tls else 25, minimum=1, maximum=65535)
    if bool(user) != bool(password):
        raise ImproperlyConfigured("EMAIL_HOST_USER and EMAIL_HOST_PASSWORD go together; set both or neither.")
    if password and not (use_tls or use_ssl) and host not in _LOOPBACK:
        raise ImproperlyConfigured(
            "EMAIL_HOST_PASSWORD would be sent unencrypted: turn on EMAIL_USE_TLS or EMAIL_USE_SSL."
        )
    sender = env_str("DEFAULT_FROM_EMAIL")
    if sender is None and not debug:
        raise ImproperlyConfigured("DEFAULT_FROM_EMAIL must be set with EMAIL_HOST: the sender of notifications.")
    sender = _check_sender(sender or "liv@localhost", "DEFAULT_FROM_EMAIL")
    return EmailSettings(SMTP, True, host, port, use_tls, use_ssl, user, password, timeout, sender)
