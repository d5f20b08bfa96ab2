"""Adapters of the SMS port: an HTTP gateway, the embedded outbox, and off."""
