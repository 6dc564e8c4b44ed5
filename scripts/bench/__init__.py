"""The benchmark: the pipeline and the site at scale, against Hugo; search against Material and Pagefind."""
