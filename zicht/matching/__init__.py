"""The record-matching engine: normalising, comparing and clustering person records, keyed
pseudonyms and Bloom-filter encodings. Plain Python: imports no Django (docs/linkage.md)."""
