"""newsetl.warehouse"""
