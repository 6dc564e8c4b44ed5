"""Tagging: which companies and topics an article is about, measured on labelled sets."""
