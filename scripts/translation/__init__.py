"""Translation of French articles into their English editions: checks, drafts, backends."""
