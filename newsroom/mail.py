"""Mail when no mail server is configured: nothing personal reaches the server log.

Django's console backend prints whole messages, and comment notifications carry a commenter's
email, IP address and text. Without `EMAIL_HOST`, this backend logs one line per message, with
its subject and the number of recipients only; set `EMAIL_BACKEND` explicitly (for example to
the file backend) to keep full messages somewhere private while developing.
"""

import logging

from django.core.mail.backends.base import BaseEmailBackend

logger = logging.getLogger(__name__)


class WithheldEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        for message in email_messages:
            logger.warning(
                "Mail not sent (EMAIL_HOST is not set): %r to %d recipient(s); "
                "its text is kept out of the log.",
                message.subject,
                len(message.recipients()),
            )
        return 0
