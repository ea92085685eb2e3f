"""Text in -> models + problems out. One implementation for the build and `eduhub check`."""

from .content import Content, load_content

__all__ = ["Content", "load_content"]
