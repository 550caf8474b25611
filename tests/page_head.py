"""A page's <head> as a reader's tools see it, parsed with html.parser (never grepped)."""

import json
from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Head:
    scripts: list = field(default_factory=list)  # (attributes, text) of every <script>
    metas: list = field(default_factory=list)  # attributes of every <meta>
    links: list = field(default_factory=list)  # attributes of every <link>
    html_lang: str | None = None

    @property
    def json_ld(self):
        """Every node of every JSON-LD block, @graph unwrapped."""
        nodes = []
        for attributes, text in self.scripts:
            if attributes.get("type") == "application/ld+json":
                data = json.loads(text)
                nodes.extend(data.get("@graph", [data]))
        return nodes

    def node(self, kind):
        """The one JSON-LD node of this @type (a node may have several types)."""
        found = [
            node
            for node in self.json_ld
            if kind == node.get("@type") or kind in (node.get("@type") or [])
        ]
        assert len(found) == 1, f"{len(found)} {kind} nodes in {self.json_ld}"
        return found[0]

    def meta(self, key):
        """Contents of <meta property=key> or <meta name=key>, in order."""
        return [
            m.get("content") for m in self.metas if m.get("property") == key or m.get("name") == key
        ]

    def one(self, key):
        values = self.meta(key)
        assert len(values) == 1, f"{key}: {values}"
        return values[0]

    def link(self, rel, **attributes):
        return [
            link
            for link in self.links
            if rel in (link.get("rel") or "").split()
            and all(link.get(k) == v for k, v in attributes.items())
        ]

    @property
    def canonical(self):
        links = self.link("canonical")
        assert len(links) == 1, links
        return links[0]["href"]


class _HeadParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.head = Head()
        self._script = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "html":
            self.head.html_lang = attributes.get("lang")
        elif tag == "meta":
            self.head.metas.append(attributes)
        elif tag == "link":
            self.head.links.append(attributes)
        elif tag == "script":
            self._script = (attributes, [])

    def handle_data(self, data):
        if self._script is not None:
            self._script[1].append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            attributes, parts = self._script
            self.head.scripts.append((attributes, "".join(parts)))
            self._script = None


def parse_head(html):
    if isinstance(html, bytes):
        html = html.decode()
    parser = _HeadParser()
    parser.feed(html)
    parser.close()
    return parser.head


def head_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return parse_head(response.content)
