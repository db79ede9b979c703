"""Validation: what a source may say, checked as it is read."""
