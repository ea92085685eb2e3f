"""Events: occurrences, Korean display, iCalendar and JSON outputs (no MkDocs imports)."""
