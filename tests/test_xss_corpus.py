"""
Hostile text typed into any field an editor controls never becomes live markup anywhere it
is shown: reader pages, feeds, structured data, the admin and the import report.

Every payload of the corpus goes into every editor-controlled field of one essay (and of
its section, author, tags and pins, and the workflow comment). Each output is parsed, not
grepped, and checked two ways:

- absolutely: no event-handler attribute, no script URL (javascript:, vbscript:, data:)
  in any attribute that browsers follow, no frame, object, embed or base element, no
  script other than the site's own files and JSON data blocks that parse as JSON;
- against the same output for an essay built the same way from plain words: the same
  elements in the same numbers (only the marks editors may use, links and emphasis, and
  search highlights may differ), so a payload that became an element of any kind, or
  broke out of a script or attribute, shows up as an extra element.
"""

import html
import json
import re
import xml.etree.ElementTree as ElementTree
from collections import Counter
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import NoReverseMatch, reverse

from articles import services
from articles.models import Article, Author, Category
from articles.services import PinData, SectionData
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PAYLOADS = [
    # Script elements, in every case and spacing browsers accept.
    "<script>alert(1)</script>",
    "<SCRIPT>alert(1)</SCRIPT>",
    "<ScRiPt>alert(1)</sCrIpT>",
    "<script >alert(1)</script >",
    "<script src=//evil.example/x.js></script>",
    "<script\x0c>alert(1)</script>",
    "<<script>alert(1)//<</script>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    # Event handlers.
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=x OnErRoR=alert(1)>",
    "<img src=x onerror='alert(1)'//",
    "<body onload=alert(1)>",
    '<div onmouseover="alert(1)">hover</div>',
    "<input autofocus onfocus=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<video><source onerror=alert(1)></video>",
    "<marquee onstart=alert(1)>",
    "<img/src/onerror=alert(1)>",
    # Entity- and percent-encoded forms.
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    "&#x3C;img src=x onerror=alert(1)&#x3E;",
    "%3Cscript%3Ealert(1)%3C/script%3E",
    "%253Cscript%253Ealert(1)%253C/script%253E",
    "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e",
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    # SVG and MathML.
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    '<svg><a xlink:href="javascript:alert(1)"><text x=0 y=20>x</text></a></svg>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<math href="javascript:alert(1)">x</math>',
    # Frames, objects and other script carriers.
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="data:text/html,<script>alert(1)</script>">',
    '<base href="//evil.example/">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<form action="javascript:alert(1)"><button>x</button></form>',
    '<button formaction="javascript:alert(1)">x</button>',
    '<link rel=stylesheet href="javascript:alert(1)">',
    "<style>@import 'javascript:alert(1)';</style>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<div style="width:expression(alert(1))">x</div>',
    # Script URLs and obfuscations of them in the link syntax.
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](java\tscript:alert(1))",
    "[click](javascript&#58;alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[click](vbscript:msgbox(1))",
    "[click](/\\evil.example)",
    "[click](//evil.example)",
    "[click](\\\\evil.example)",
    '[x](https://example.org/"onmouseover="alert(1))',
    "[<img src=x onerror=alert(1)>](https://example.org/)",
    "**<script>alert(1)</script>**",
    "*<img src=x onerror=alert(1)>*",
    # Attribute and element breakouts.
    '" onmouseover="alert(1)',
    "' onmouseover='alert(1)",
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    "</title><script>alert(1)</script>",
    "</script><script>alert(1)</script>",
    "</textarea><script>alert(1)</script>",
    "</style><script>alert(1)</script>",
    "<!--<script>alert(1)</script>-->",
    "]]><script>alert(1)</script>",
    "{{ 7|add:7 }}{% debug %}",
    "\u2028\u2029<script>alert(1)</script>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
]


def test_the_corpus_is_large_enough():
    assert len(PAYLOADS) >= 60
    assert len(set(PAYLOADS)) == len(PAYLOADS)


# --- Reading an output ---------------------------------------------------------------------

NEVER_ALLOWED = {
    "iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal",
    "foreignobject", "animate", "set", "handler", "listener",
}  # fmt: skip
URL_ATTRIBUTES = {
    "href", "src", "action", "formaction", "xlink:href", "data", "poster", "background",
    "cite", "codebase", "dynsrc", "lowsrc", "ping", "srcset", "manifest", "icon",
}  # fmt: skip
SCRIPT_SCHEMES = ("javascript:", "vbscript:", "livescript:", "data:")
SAFE_DATA_IMAGE = re.compile(r"^data:image/(png|gif|jpe?g|webp);")
JSON_TYPES = {"application/json", "application/ld+json"}
# Elements editors' own marks produce, and search highlights: their numbers may differ.
EDITOR_MARKS = {"a", "em", "strong", "mark"}


class LiveMarkup(HTMLParser):
    """Collects what in a page could run, and how many of each element it has."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.findings = []
        self.elements = Counter()
        self._script = None

    def handle_starttag(self, tag, attrs):
        self.elements[tag] += 1
        attributes = dict(attrs)
        if tag in NEVER_ALLOWED:
            self.findings.append(f"<{tag}> element")
        if tag == "meta" and (attributes.get("http-equiv") or "").lower() == "refresh":
            self.findings.append("<meta http-equiv=refresh>")
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.findings.append(f"{name}= on <{tag}>")
            if name == "srcdoc":
                self.findings.append(f"srcdoc= on <{tag}>")
            if name in URL_ATTRIBUTES or name.endswith(":href"):
                address = re.sub(r"[\x00-\x20]", "", html.unescape(value)).lower()
                for part in address.split(","):
                    if part.startswith(SCRIPT_SCHEMES) and not SAFE_DATA_IMAGE.match(part):
                        self.findings.append(f"{name}={value!r} on <{tag}>")
            if name == "style" and re.search(r"expression|javascript|url\(", value, re.I):
                self.findings.append(f"style={value!r} on <{tag}>")
        if tag == "script":
            source = attributes.get("src")
            if source is not None and (not source.startswith("/") or source.startswith("//")):
                self.findings.append(f"<script src={source!r}>")
            self._script = {"type": (attributes.get("type") or "").lower(), "text": ""}

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag == "script":
            self._script = None

    def handle_data(self, data):
        if self._script is not None:
            self._script["text"] += data

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            if self._script["type"] in JSON_TYPES:
                try:
                    json.loads(self._script["text"])
                except ValueError:
                    self.findings.append("a JSON data block that no longer parses")
            self._script = None

    def profile(self):
        return Counter({tag: n for tag, n in self.elements.items() if tag not in EDITOR_MARKS})


def read_html(text):
    parser = LiveMarkup()
    parser.feed(text)
    parser.close()
    return parser


FEED_HTML_ELEMENTS = {"description", "summary", "content", "encoded", "subtitle"}


def read_feed(text):
    """A feed's HTML-typed elements, each read as a page fragment; the XML must parse."""
    root = ElementTree.fromstring(text.encode())
    parser = LiveMarkup()
    for element in root.iter():
        if element.tag.rsplit("}", 1)[-1] in FEED_HTML_ELEMENTS and element.text:
            parser.feed(element.text)
    parser.close()
    return parser


# --- Building the essays -------------------------------------------------------------------

FIELDS = [
    "title", "standfirst", "section heading", "section body", "lead image alt text",
    "lead image credit", "section name", "section description", "author name", "author bio",
    "tag name", "tag description", "pinned reference summary", "workflow comment",
]  # fmt: skip
PUBLISHED_AT = datetime(2026, 3, 1, 9, tzinfo=UTC)
ONE_PIXEL_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def build_essays(texts, *, by):
    """One published essay per text, that text in every field; returns the essays."""
    essays = []
    for number, text in enumerate(texts):
        words = f"{text} {number}"
        category = services.category_save(
            category=Category(name=words[:100], slug=f"desk-{number}", description=words),
            by=by,
        )
        author = services.author_save(
            author=Author(name=words[:150], slug=f"critic-{number}", bio=words), by=by
        )
        essay = Article(
            title=words[:255],
            standfirst=words,
            category=category,
            owner=by,
            lead_image_alt=words[:300],
            lead_image_credit=words[:200],
        )
        essay.lead_image.save(f"lead-{number}.png", ContentFile(ONE_PIXEL_PNG), save=False)
        pins = [PinData(target_id=None, reference_summary=words)]
        if essays:
            pins.insert(0, PinData(target_id=essays[-1].pk))
        services.article_save(
            article=essay,
            by=by,
            sections=[
                SectionData(heading=words, body=f"{words}\n\nA second paragraph.\n\n{words}"),
                SectionData(heading="", body="Plain words in a closing paragraph."),
            ],
            authors=[author],
            tags=[words[:90], "shared"],
            pins=pins,
            comment=words,
        )
        tag = essay.tags.exclude(name="shared").get()
        tag.description = words
        services.tag_save(tag=tag, by=by)
        services.article_publish(
            article=essay, by=by, at=PUBLISHED_AT - timedelta(hours=number), comment=words
        )
        essays.append(Article.objects.get(pk=essay.pk))
    return essays


def page_text(title, standfirst, body):
    return "\n".join([title, standfirst, "March 4, 2024", body]) + "\n"


def search_url():
    try:
        return reverse("articles:search")
    except NoReverseMatch:
        return None


def feeds_linked_from(page):
    return re.findall(
        r'<link[^>]+type="application/(?:rss|atom)\+xml"[^>]+href="([^"]+)"', page
    ) + re.findall(r'<link[^>]+href="([^"]+)"[^>]+type="application/(?:rss|atom)\+xml"', page)


def outputs(client, essays, texts):
    """(name, kind, text) of every output that shows the essays, in a fixed order."""
    got = []

    def fetch(name, url, kind="html", **params):
        response = client.get(url, params)
        assert response.status_code == 200, (name, url, response.status_code)
        got.append((name, kind, response.content.decode()))
        return got[-1][2]

    feeds = set()
    for essay in essays:
        page = fetch("essay page", essay.get_absolute_url())
        feeds.update(feeds_linked_from(page))
        for name, url in [
            ("section page", essay.category.get_absolute_url()),
            ("tag page", essay.tags.exclude(name="shared").get().get_absolute_url()),
            ("author page", essay.authors.get().get_absolute_url()),
        ]:
            feeds.update(feeds_linked_from(fetch(name, url)))
        fetch("essay preview (editor)", reverse("articles:preview", args=[essay.slug]))
        fetch("admin change form", reverse("admin:articles_article_change", args=[essay.pk]))
        fetch("admin revisions", reverse("admin:articles_article_revisions", args=[essay.pk]))
    home = fetch("home page", "/")
    feeds.update(feeds_linked_from(home))
    fetch("archive year", reverse("articles:archive_year", args=[2026]))
    fetch("archive month", reverse("articles:archive_month", args=[2026, 3]))
    for model in ("article", "category", "author", "tag", "auditentry"):
        fetch(f"admin {model} list", reverse(f"admin:articles_{model}_changelist"))
    fetch("admin dashboard", reverse("admin:index"))
    for url in sorted(feeds | {reverse("feed_rss"), reverse("feed_atom")}):
        fetch(f"feed {url.split('/')[2]}", html.unescape(url).replace("http://testserver", ""),
              kind="feed")  # fmt: skip

    # The import report names what it imported; a failing file's reason quotes its text.
    files = [
        SimpleUploadedFile(f"page-{n}.txt", page_text(f"{t} {n}", t, t).encode())
        for n, t in enumerate(texts[:10])
    ] + [SimpleUploadedFile("broken.txt", f"{texts[0]}\n".encode())]
    response = client.post(
        reverse("admin:articles_article_import"),
        {"files": files, "default_category": essays[0].category.pk},
    )
    got.append(("import report", "html", response.content.decode()))
    return got


def read_all(client, texts, by):
    essays = build_essays(texts, by=by)
    cache.clear()
    return [
        (name, kind, read_feed(text) if kind == "feed" else read_html(text))
        for name, kind, text in outputs(client, essays, texts)
    ]


def searched(client, texts):
    """The search page for each text, when the site has one (it repeats the query)."""
    url = search_url()
    if url is None:
        return []
    return [(text, read_html(client.get(url, {"q": text}).content.decode())) for text in texts]


def test_no_payload_becomes_live_markup_in_any_output(client):
    editor = UserFactory(username="editor", is_superuser=True)
    client.force_login(editor)
    plain = [f"Plain words number {n}" for n in range(len(PAYLOADS))]

    # The same essays from plain words first, rolled back, as the measure of each output.
    with transaction.atomic():
        expected = read_all(client, plain, editor)
        transaction.set_rollback(True)
    found = read_all(client, PAYLOADS, editor)

    problems = []
    assert [name for name, _, _ in found] == [name for name, _, _ in expected]
    for (name, _, hostile), (_, _, benign) in zip(found, expected, strict=True):
        # The site's own constructs (the editor's sandboxed preview frame) are in both.
        problems += [f"{name}: {finding}" for finding in Counter(hostile.findings)
                     - Counter(benign.findings)]  # fmt: skip
        extra = hostile.profile() - benign.profile()
        missing = benign.profile() - hostile.profile()
        if extra or missing:
            problems.append(
                f"{name}: elements differ: extra {dict(extra)}, missing {dict(missing)}"
            )
    search_pages = searched(client, PAYLOADS)
    for text, page in search_pages:
        problems += [f"search for {text!r}: {finding}" for finding in page.findings]

    client.logout()
    cache.clear()
    reader_pages = [
        (essay.title, read_html(client.get(essay.get_absolute_url()).content.decode()))
        for essay in Article.objects.published()
    ]
    for title, page in reader_pages:
        problems += [f"essay page for readers ({title!r}): {finding}" for finding in page.findings]

    outputs_tried = len({name for name, _, _ in found}) + (1 if search_pages else 0)
    print(
        f"\nXSS corpus: {len(PAYLOADS)} payloads x {len(FIELDS)} fields x {outputs_tried} "
        f"outputs ({len(found) + len(search_pages) + len(reader_pages)} documents parsed), "
        f"{len(problems)} live findings"
    )
    assert not problems, "\n".join(problems[:40])
