"""Reading and cleaning: a raw source becomes an article page (`ingest`)."""
