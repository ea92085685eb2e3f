"""Site features (newsletter, events, search ...): pure code the MkDocs adapter calls."""
