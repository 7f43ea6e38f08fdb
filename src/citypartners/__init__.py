"""citypartners: the registry, public site and open data of a city's international partnerships."""
