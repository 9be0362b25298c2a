"""The demo: five regions, one user per role and three years of history, made through
the operations users call."""
