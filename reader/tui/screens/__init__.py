"""Modal screens: help, search, note, confirmation and export."""
