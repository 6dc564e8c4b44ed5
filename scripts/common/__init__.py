"""Helpers every stage uses: paths, errors, safe files and YAML, run limits, slugs, typography."""
