"""newsetl.nlp"""
