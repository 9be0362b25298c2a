"""The linkage app: the regional pseudonym register, the "already known?" look-up and the
batch linkage runs of a region (unique persons).

The record matching itself (normalising, pseudonyms, the Splink model, Bloom filters) is the
Django-free engine :mod:`zicht.matching`. See docs/linkage.md.
"""
