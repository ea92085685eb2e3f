"""Models -> bytes: feeds, the e-mail edition (no MkDocs here)."""
