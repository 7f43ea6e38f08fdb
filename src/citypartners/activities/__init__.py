"""Activities within partnerships: what happened and what will happen."""
