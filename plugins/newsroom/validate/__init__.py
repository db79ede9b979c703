"""Checking the sources: header grammar, field rules, HTML safety, checks across
files, translation status, and the policy that stops the build on a problem.

The checks are a library the reader (read/) calls on each file's bytes, so this
stage sits below read/ in the layers contract (pyproject.toml)."""
