"""Site-wide pages: the home page, the programs index and program pages."""
