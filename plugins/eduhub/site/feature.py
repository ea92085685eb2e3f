"""Site-wide pages: the home page, the programs index and program pages."""

from __future__ import annotations

from typing import Any

from ..feature import Feature
from ..models import AUDIENCES

_TEMPLATES = {
    "index.md": "eduhub/home.html",
    "programs/index.md": "eduhub/programs.html",
}


class SiteFeature(Feature):
    name = "site"

    def template(self, src_uri: str) -> str | None:
        if src_uri in _TEMPLATES:
            return _TEMPLATES[src_uri]
        return "eduhub/program.html" if self.index.kind(src_uri) == "program" else None

    def page_context(self, src_uri: str) -> dict[str, Any] | None:
        info = self.index.page(src_uri)
        kind, model = info.kind, info.model
        context: dict[str, Any] = {"audiences": AUDIENCES, "kind": kind}
        if kind == "program":
            context["program"] = model
            context["audience_labels"] = [AUDIENCES[a] for a in model.audience]
        if src_uri == "programs/index.md":
            context["programs"] = [
                {
                    "program": p,
                    "url": p.url,
                    "audience_labels": [AUDIENCES[a] for a in p.audience],
                    "audience_codes": " ".join(p.audience),
                }
                for p in self.content.programs
            ]
        return context
