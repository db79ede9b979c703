"""Linking what was read: topics, translations, each language's order and the
neighbours (previous/next) in it."""
