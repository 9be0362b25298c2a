"""Dark-number estimation by multiple systems estimation (MSE).

Plain Python (numpy, scipy, pandas); no Django, so that the monitor, the command line and
notebooks can all use it. See docs/estimation.md.
"""
