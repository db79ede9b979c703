"""The site: its languages and topics, loaded once per run (site/newsroom.py)."""
