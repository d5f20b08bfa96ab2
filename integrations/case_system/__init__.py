"""The case system (办件系统) as Courier's status reports see it: a simulator of ours."""
