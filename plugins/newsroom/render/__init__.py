"""Rendering: what the templates are given beyond the articles themselves."""
