"""Search across places, partnerships, topics, activities, organisations and sources."""
