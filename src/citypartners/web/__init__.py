"""Public website: pages, templates helpers and the server-drawn world map."""
