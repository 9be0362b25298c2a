"""Notification fixtures: a real SMTP server on a free local port."""

from __future__ import annotations

import pytest

from zicht.notifications.tests.mailserver import MailServer


@pytest.fixture
def mail_server(free_port):
    """mail_server(hold_first=False, port=None) -> a started MailServer, stopped after
    the test. With hold_first the first message is received but never acknowledged."""
    started: list[MailServer] = []

    def start(*, hold_first: bool = False, port: int | None = None) -> MailServer:
        server = MailServer(port or free_port(), hold_first=hold_first).start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()
