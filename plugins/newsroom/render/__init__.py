"""Rendering the pages: the writer, its two-process split, the page keys that
skip unchanged pages, words and dates per language, JSON-LD, theme globals."""
