"""Extraction quality: a corpus of real pages, and how much article text each reader keeps."""
