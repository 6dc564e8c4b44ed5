"""Checks: the pages and data (`check`), contributed Markdown, the built site's links and weight."""
