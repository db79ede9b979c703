"""The per-language listing pages: home, topics, archives, the search page."""
