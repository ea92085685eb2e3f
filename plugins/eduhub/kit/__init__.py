"""Promotion kit: SMS/LMS texts, /go/ short links, QR codes, posters, kit.json (no MkDocs)."""
