"""A real SMTP server for the tests (aiosmtpd, on a free local port), whose received messages the test reads back.

Django sends to it through its ordinary SMTP backend, exactly as it would to the production relay. The server can
refuse chosen recipients with a temporary error (``451``), as a relay does when a mailbox is over quota or
greylisted, to test a run that fails half-way.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller


@dataclass
class Received:
    recipients: list[str]
    message: EmailMessage

    @property
    def subject(self) -> str:
        """As a mail client shows it: the encoded words decoded, folding whitespace collapsed."""
        return " ".join(str(self.message["Subject"]).split())

    @property
    def text(self) -> str:
        return self.message.get_content()


@dataclass
class SmtpServer:
    """What the server received, and which addresses it refuses for now."""

    port: int = 0
    received: list[Received] = field(default_factory=list)
    refuse: set[str] = field(default_factory=set)

    def to(self, address: str) -> list[Received]:
        return [mail for mail in self.received if address in mail.recipients]

    @property
    def addresses(self) -> list[str]:
        return sorted(address for mail in self.received for address in mail.recipients)

    # aiosmtpd's handler hooks
    async def handle_RCPT(self, server, session, envelope, address: str, rcpt_options) -> str:
        if address in self.refuse:
            return "451 4.2.2 Mailbox temporarily unavailable, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope) -> str:
        message = message_from_bytes(envelope.content, policy=policy.default)
        self.received.append(Received(list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def point_django_at(settings, port: int) -> None:
    """Django's SMTP backend, to 127.0.0.1:port, plain SMTP (a local test server has no certificate)."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_CONFIGURED = True
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
    settings.DEFAULT_FROM_EMAIL = "LIV <liv@example.fi>"


@pytest.fixture
def smtp_server(settings) -> Iterator[SmtpServer]:
    """A running SMTP server on a free port, with Django's e-mail settings pointing at it."""
    server = SmtpServer(port=free_port())
    controller = Controller(server, hostname="127.0.0.1", port=server.port)
    controller.start()
    point_django_at(settings, server.port)
    try:
        yield server
    finally:
        controller.stop()
