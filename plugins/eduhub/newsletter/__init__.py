"""Newsletter issues and announcements: model, loader, selection, feeds, e-mail, pages."""
