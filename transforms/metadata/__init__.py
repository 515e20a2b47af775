"""Article metadata beyond the canonical fields: authors, description, section, keywords,
image URL and modification time; and the input fields no mapping reads."""
