"""진로로드맵 (/roadmap/): the self-check data, its checks, scoring and the page context."""
