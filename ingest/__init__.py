"""newsetl.ingest"""
