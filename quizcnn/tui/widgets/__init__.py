"""Widgets of the drill and stats screens."""
