"""Listings: what each article lists around itself, and the listing pages."""
