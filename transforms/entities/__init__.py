"""Entities: NER spans cleaned, resolved to canonical names, keyed and typed."""
