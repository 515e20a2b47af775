"""newsetl.sql"""
