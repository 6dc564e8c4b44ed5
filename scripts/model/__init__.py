"""The page model passed between stages: the article, the page schema, pages on disk, the registries."""
