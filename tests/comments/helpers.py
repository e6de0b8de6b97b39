"""Helpers shared by the comment tests: posting the form, reading a page, a privacy context."""

POST = "/comments/post/"


def post(client, data, ip="198.51.100.1", **extra):
    return client.post(POST, data, REMOTE_ADDR=ip, **extra)


def page(client, article, query=""):
    return client.get(article.get_absolute_url() + query).content.decode()


def privacy_context(request):
    return {"privacy_policy_url": "/kebijakan-privasi/"}
