"""The public bilingual site."""
