"""COURIER_SMS=off: no text is sent; each is recorded as refused and never retried."""

from __future__ import annotations

from courier.ports.sms import SmsOutcome, SmsRefused

SMS_OFF = "短信通知已关闭（COURIER_SMS=off）"


class SmsOff:
    def send(self, mobile: str, text: str, reference: str) -> SmsOutcome:
        return SmsRefused(SMS_OFF)
