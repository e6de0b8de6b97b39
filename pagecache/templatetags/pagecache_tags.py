"""`{% fragment "name" part ... until=time %}...{% endfragment %}`: a cached part of a page.

The part is kept rendered (pagecache/fragments.py) under its name, its parts and the language,
with the keys tagged while it rendered; `keys="a:1 b:2"` adds keys known beforehand, `until` is
a time.time() it must not outlive. Everything it shows must come from its name's parts or from
what its keys purge.
"""

from django import template

from .. import fragments

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, nodelist, parts, options):
        self.nodelist, self.parts, self.options = nodelist, parts, options

    def render(self, context):
        name = ":".join(str(part.resolve(context)) for part in self.parts)
        keys = self.options["keys"].resolve(context) if "keys" in self.options else ""
        until = self.options["until"].resolve(context) if "until" in self.options else None
        return fragments.cached(
            context.get("request"),
            name,
            lambda: self.nodelist.render(context),
            keys=str(keys).split(),
            expires=until,
        )


@register.tag
def fragment(parser, token):
    bits = token.split_contents()[1:]
    if not bits:
        raise template.TemplateSyntaxError("{% fragment %} needs a name")
    parts, options = [], {}
    for bit in bits:
        name, sep, value = bit.partition("=")
        if sep and name in ("keys", "until"):
            options[name] = parser.compile_filter(value)
        else:
            parts.append(parser.compile_filter(bit))
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(nodelist, parts, options)
