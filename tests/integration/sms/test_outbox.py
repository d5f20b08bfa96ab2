"""The embedded outbox keeps texts in an owner-only file, numbers masked, newest first."""

from __future__ import annotations

import stat
from pathlib import Path

from courier.ports.sms import SmsAccepted, SmsRefused
from integrations.sms.off import SmsOff
from integrations.sms.outbox import OUTBOX_FILE, OutboxSms, read_outbox


def test_texts_are_kept_masked_newest_first_in_an_owner_only_file(tmp_path: Path) -> None:
    outbox = OutboxSms(tmp_path / "var")
    assert outbox.send("13112341907", "第一条", "sms-1") == SmsAccepted("sms-1")
    outbox.send("13912345678", "第二条", "sms-2")
    path = tmp_path / "var" / OUTBOX_FILE
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "13112341907" not in path.read_text() and "13912345678" not in path.read_text()
    kept = read_outbox(tmp_path / "var")
    assert [(t["to"], t["text"]) for t in kept] == [
        ("139******78", "第二条"),
        ("131******07", "第一条"),
    ]
    assert outbox.kept(limit=1)[0]["ref"] == "sms-2"


def test_an_empty_outbox_lists_nothing(tmp_path: Path) -> None:
    assert OutboxSms(tmp_path).kept() == []


def test_sms_off_refuses_every_text_so_none_is_retried() -> None:
    outcome = SmsOff().send("13112341907", "text", "sms-1")
    assert isinstance(outcome, SmsRefused) and "COURIER_SMS=off" in outcome.reason
