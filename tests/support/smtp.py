"""A real SMTP server on 127.0.0.1 (aiosmtpd) that keeps what it is sent, for the digest."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager

from aiosmtpd.controller import Controller

RECIPIENTS = ["ada@example.org", "grace@example.org", "alan@example.org"]


class Collect:
    """The server's handler: every message with its recipients; refuses the addresses in `refuse`."""

    def __init__(self, refuse=()):
        self.messages: list[tuple[list[str], bytes]] = []
        self.refuse = set(refuse)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if address in self.refuse:
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        self.messages.append((list(envelope.rcpt_tos), envelope.content))
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def smtp_server() -> Iterator[tuple[Collect, dict[str, str]]]:
    """A server running, and the PAPERBOY_SMTP_* / PAPERBOY_DIGEST_* settings that send to it
    (no TLS, RECIPIENTS as the readers)."""
    handler = Collect()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield handler, {
            "PAPERBOY_SMTP_HOST": "127.0.0.1", "PAPERBOY_SMTP_PORT": str(controller.port), "PAPERBOY_SMTP_TLS": "none",
            "PAPERBOY_DIGEST_FROM": "Paperboy <digest@example.org>", "PAPERBOY_DIGEST_TO": ",".join(RECIPIENTS),
        }
    finally:
        controller.stop()
