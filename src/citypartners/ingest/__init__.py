"""Ingestion: official documents in, facts with the text span that states them out.

The public entry points are ``read_document`` (bytes to text), ``extract`` (text to facts),
``extract_document`` (both, plus the content hash) and ``evaluate`` (score against gold).
Nothing here touches the database: the ``ingest`` command turns the returned dict into a
Source and its Claims.
"""
