"""A real SMTP server on 127.0.0.1 for the tests (aiosmtpd), which records what it
accepted and can hold the first message unanswered, as a server does while a worker is
in the middle of sending."""

from __future__ import annotations

import asyncio
import email
import threading
from dataclasses import dataclass, field

from aiosmtpd.controller import Controller


@dataclass
class Accepted:
    to: list[str]
    message_id: str
    subject: str


@dataclass
class Recorder:
    accepted: list[Accepted] = field(default_factory=list)
    hold_first: bool = False
    holding: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)

    async def handle_DATA(self, server, session, envelope) -> str:
        if self.hold_first and not self.holding.is_set():
            # The message has arrived but is not acknowledged: the sender is mid-send.
            self.holding.set()
            while not self.release.is_set():
                await asyncio.sleep(0.05)
            return "451 Requested action aborted"
        message = email.message_from_bytes(envelope.content)
        self.accepted.append(
            Accepted(
                to=list(envelope.rcpt_tos),
                message_id=message["Message-ID"],
                subject=message["Subject"],
            )
        )
        return "250 Message accepted for delivery"


class MailServer:
    def __init__(self, port: int, *, hold_first: bool = False) -> None:
        self.port = port
        self.recorder = Recorder(hold_first=hold_first)
        self.controller = Controller(self.recorder, hostname="127.0.0.1", port=port)

    @property
    def accepted(self) -> list[Accepted]:
        return self.recorder.accepted

    def start(self) -> MailServer:
        self.controller.start()
        return self

    def stop(self) -> None:
        self.recorder.release.set()
        self.controller.stop()
