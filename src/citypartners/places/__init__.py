"""Places: countries, cities and boroughs with their names in several languages."""
