"""The password hasher: PBKDF2-SHA256 at the cost OWASP recommends.

Django 6.1's default of 1,500,000 iterations made the password screen take about a
second (0.8 s of 0.84 s, bench/sign_in.py; more under load). OWASP's Password Storage
Cheat Sheet asks for 600,000 iterations of PBKDF2-HMAC-SHA256. Passwords stored with
more iterations still verify and are rehashed at this cost at their next sign-in.
"""

from django.contrib.auth.hashers import PBKDF2PasswordHasher


class OwaspPBKDF2PasswordHasher(PBKDF2PasswordHasher):
    iterations = 600_000
