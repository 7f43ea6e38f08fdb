"""The public bilingual site: pages, the server-drawn world map and the year chart."""
