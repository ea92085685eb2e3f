"""eduhub: the 교육금천 site generator. The core (models, loaders, generators) is MkDocs-free."""
