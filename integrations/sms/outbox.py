"""The embedded default's SMS "gateway": keep what would have been sent, send nothing.

Texts go to a JSON-lines file under the var folder (owner-only), so the web process shows
what the job runner "sent", whichever process that was. Only the masked number is kept.
"""

from __future__ import annotations

import json
import os
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from courier.domain.masking import mask_phone
from courier.ports.sms import SmsAccepted, SmsOutcome

OUTBOX_FILE = "sms-outbox.jsonl"
_lock = threading.Lock()


class OutboxSms:
    def __init__(self, var_dir: str | Path) -> None:
        self.path = Path(var_dir) / OUTBOX_FILE

    def send(self, mobile: str, text: str, reference: str) -> SmsOutcome:
        """Keep the text with the number masked; always accepted."""
        at = datetime.now(UTC).isoformat(timespec="seconds")
        line = json.dumps({"at": at, "to": mask_phone(mobile), "text": text, "ref": reference})
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with _lock:
            descriptor = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            with os.fdopen(descriptor, "a", encoding="utf-8") as file:
                file.write(line + "\n")
        return SmsAccepted(reference)

    def kept(self, limit: int = 200) -> list[dict[str, Any]]:
        """Return the newest texts kept, newest first (numbers masked)."""
        return read_outbox(self.path.parent, limit)


def read_outbox(var_dir: str | Path, limit: int = 200) -> list[dict[str, Any]]:
    """Return the newest texts kept, newest first."""
    path = Path(var_dir) / OUTBOX_FILE
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()[-limit:]
    return [json.loads(line) for line in reversed(lines) if line.strip()]
