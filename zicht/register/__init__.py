"""The regional pseudonym register (verwijsindex-style): keyed pseudonyms of the identifiers
in reports, and the matches between organisations they reveal."""
