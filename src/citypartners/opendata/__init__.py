"""Open data: the registry's version counter, the selectors and records shared by the API and the
downloads, the export formats (CSV, JSON, dataset zip, Wikidata QuickStatements) and the public
"Open data" page."""
