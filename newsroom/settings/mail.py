"""Mail: the SMTP server (EMAIL_HOST), senders, who hears about a 500, and the retries of the
editors' notification mail."""

from .environment import env

# Without a mail server, messages are not printed (they carry commenters' personal data): one
# line per message goes to the log instead (newsroom/mail.py).
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="newsroom.mail.WithheldEmailBackend")
# A mail server that accepts connections and never answers gives up after this many seconds
# (mail is sent by the task worker, never inside a request).
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
if env.str("EMAIL_HOST", default=""):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = env.str("EMAIL_HOST")
    EMAIL_PORT = env.int("EMAIL_PORT", default=587)
    EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
    EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
    EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=True)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Newsroom <noreply@localhost>")
SERVER_EMAIL = env.str("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)
# Who hears about a 500: "Name <a@example.com>, b@example.com". Empty: nobody is mailed, and
# the error page does not claim that anyone was told.
ADMINS = [
    (address.split("<")[0].strip() or address, address.split("<")[-1].rstrip(">").strip())
    for address in env.list("ADMINS", default=[])
]

# Editors' notification mail (a background task): a failed delivery is tried again after
# MAIL_RETRY_SECONDS, doubling each time up to an hour, NEWSROOM_MAIL_ATTEMPTS tries in all.
NEWSROOM_MAIL_ATTEMPTS = env.int("MAIL_ATTEMPTS", default=8)
NEWSROOM_MAIL_RETRY_SECONDS = env.int("MAIL_RETRY_SECONDS", default=30)
NEWSROOM_MAIL_RETRY_MAX_SECONDS = 3600
