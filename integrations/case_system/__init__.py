"""The case system (办件系统): status reports over HTTP, and a simulator of ours."""
