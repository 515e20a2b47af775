"""Articles: one batch of records cleaned, identified, validated and classified into articles."""
