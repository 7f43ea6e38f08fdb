"""Homes: the places whose partnerships the site presents, each in a section of its own."""
