"""Ports: the interfaces through which the domain reaches external systems."""
