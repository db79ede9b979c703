"""The search index: records, Chinese character pairs, Pagefind bundles."""
