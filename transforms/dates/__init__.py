"""Dates: publication-time parsing and date mentions in article text (find, interpret, resolve)."""
