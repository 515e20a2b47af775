"""newsetl.flows"""
