"""Record linkage for zicht: normalisation, pseudonyms, batch linkage and private mode.

The modules in this package that do the linkage itself import no Django, so they run in the
``zicht-link`` command line tool, in benchmarks and on Spark workers alike. See docs/linkage.md.
"""
