"""Content pipeline of the bilingual tech-news site: ingest, tag, translate, check, build, bench."""
