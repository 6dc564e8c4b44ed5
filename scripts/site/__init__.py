"""The site build: its stages, the MkDocs hooks, the preview, and what pages show (context, listings,
search index, feeds, sitemap, share images, the Content-Security-Policy)."""
