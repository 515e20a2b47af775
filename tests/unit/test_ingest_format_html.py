"""HTML: article text only (never script/style/nav/footer), metadata from markup only."""

import json
import random
import signal

import pytest
import trafilatura

from newsetl.ingest.errors import FileRejected
from newsetl.ingest.format_html import parse_html

BODY = (
    "<p>São Paulo had heavy rain on Tuesday, flooding several avenues in the south of the "
    "city and closing two metro stations for most of the afternoon.</p>"
    "<p>The mayor said repairs to the drainage system would take weeks and cost millions of "
    "reais, according to a statement released in the evening.</p>"
)

PAGE = f"""<!DOCTYPE html>
<html lang="pt-BR">
<head>
  <title>Rain floods avenues | Folha Example</title>
  <meta property="og:title" content="Rain floods avenues">
  <meta property="og:site_name" content="Folha Example">
  <meta property="og:url" content="https://folha.example/og-url">
  <meta property="article:published_time" content="2024-03-05T14:30:00-03:00">
  <link rel="canonical" href="https://folha.example/rain">
  <script type="application/ld+json">
    {{"@context": "https://schema.org", "@graph": [
      {{"@type": "WebSite", "name": "Folha Example"}},
      {{"@type": "NewsArticle", "headline": "LD headline",
        "datePublished": "2024-03-05T17:30:00Z", "publisher": {{"name": "Folha SA"}}}}]}}
  </script>
  <style>.SECRET_STYLE {{ color: red }}</style>
  <script>var SECRET_SCRIPT = "do not extract";</script>
</head>
<body>
  <nav><a href="/">SECRET_NAV Home</a> <a href="/world">World</a></nav>
  <article><h1>Rain floods avenues</h1>{BODY}
    <time datetime="2024-03-01">a related date</time></article>
  <aside>SECRET_ASIDE most read</aside>
  <footer>SECRET_FOOTER © 2024 Folha Example</footer>
  <noscript>SECRET_NOSCRIPT</noscript>
</body>
</html>"""


def test_article_page_text_and_metadata():
    (record,) = parse_html(PAGE)
    f = record.fields
    assert "São Paulo had heavy rain on Tuesday" in f["text"]
    assert "drainage system would take weeks" in f["text"]
    assert "SECRET" not in f["text"]
    assert f["title"] == "Rain floods avenues"
    assert f["published_raw"] == "2024-03-05T14:30:00-03:00"
    assert f["url"] == "https://folha.example/rain"
    assert f["source"] == "Folha Example"
    assert f["language"] == "pt-BR"
    raw = json.loads(record.raw_record)
    assert raw["published_raw"] == f["published_raw"]
    assert "SECRET" not in record.raw_record
    assert raw["html_chars"] == len(PAGE)


def _outcome(text):
    try:
        parse_html(text)
    except FileRejected as exc:
        return exc.reason_code
    return "parsed"


def _without(page, *fragments):
    for fragment in fragments:
        assert fragment in page
        page = page.replace(fragment, "")
    return page


def test_json_ld_date_inside_graph_when_no_meta():
    page = _without(
        PAGE, '<meta property="article:published_time" content="2024-03-05T14:30:00-03:00">'
    )
    (record,) = parse_html(page)
    assert record.fields["published_raw"] == "2024-03-05T17:30:00Z"


def test_json_ld_as_a_list_and_falls_back_for_title_and_source():
    page = f"""<html><head><script type="application/ld+json">
      [{{"@type": "BreadcrumbList"}}, {{"@type": ["NewsArticle"], "headline": "List LD",
        "datePublished": "2020-01-01", "url": "https://ld.example/a",
        "publisher": {{"@type": "Organization", "name": "LD Pub"}}, "inLanguage": "en"}}]
    </script></head><body><article>{BODY}</article></body></html>"""
    (record,) = parse_html(page)
    f = record.fields
    assert (f["title"], f["published_raw"], f["url"], f["source"], f["language"]) == (
        "List LD",
        "2020-01-01",
        "https://ld.example/a",
        "LD Pub",
        "en",
    )


def test_time_element_when_no_other_date_and_title_tag():
    page = (
        f"<html><head><title>Plain title</title></head><body><header>"
        f'<time datetime="1999-12-31">x</time></header><article>{BODY}'
        f'<time datetime="2001-02-03T04:05">y</time></article></body></html>'
    )
    (record,) = parse_html(page)
    assert record.fields["published_raw"] == "2001-02-03T04:05"  # inside <article> first
    assert record.fields["title"] == "Plain title"


def test_no_date_is_guessed_from_text_or_url():
    page = (
        '<html><head><link rel="canonical" href="https://x.example/2023/05/01/story">'
        f"</head><body><article><p>Published on 1 May 2023.</p>{BODY}</article></body></html>"
    )
    (record,) = parse_html(page)
    assert record.fields["published_raw"] is None
    assert record.fields["url"] == "https://x.example/2023/05/01/story"


def test_broken_json_ld_costs_only_its_metadata():
    page = (
        '<html><head><script type="application/ld+json">{"broken": </script>'
        f"<title>T</title></head><body><article>{BODY}</article></body></html>"
    )
    (record,) = parse_html(page)
    assert record.fields["title"] == "T"
    assert "São Paulo" in record.fields["text"]


def test_xhtml_with_xml_declaration():
    page = (
        '<?xml version="1.0" encoding="iso-8859-1"?>\n'
        '<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="pt"><head><title>X</title>'
        f"</head><body><article>{BODY}</article></body></html>"
    )
    (record,) = parse_html(page)
    assert record.fields["language"] == "pt"
    assert "São Paulo" in record.fields["text"]


def test_page_without_article_text_has_no_text():
    (record,) = parse_html("<html><head><title>Empty</title></head><body></body></html>")
    assert record.fields["text"] is None
    assert record.fields["title"] == "Empty"


def test_parser_exceptions_become_malformed_html(monkeypatch):
    def boom(*args, **kwargs):
        raise AssertionError("parser bug")

    monkeypatch.setattr(trafilatura, "extract", boom)  # imported at first use
    with pytest.raises(FileRejected) as info:
        parse_html(PAGE)
    assert info.value.reason_code == "malformed_html"
    assert "AssertionError" in info.value.detail


@pytest.mark.parametrize("text", ["<", "<!-- only a comment -->", "<>" * 3])
def test_hostile_fragments_never_raise_other_errors(text):
    assert _outcome(text) in {"parsed", "malformed_html"}


def test_fuzzed_markup_only_ever_raises_malformed_html():
    rng = random.Random(7)
    alphabet = [*"<>/!-=\"' abhtmlpscripe&;#x0\n", "<html>", "<script>", "]]>", "<?"]
    for _ in range(60):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 120)))
        assert _outcome(text) in {"parsed", "malformed_html"}, text


@pytest.mark.parametrize("depth", [300, 100_000])
def test_a_page_nested_past_the_parser_limit_is_malformed_html_not_no_text(depth):
    # Issue 16: libxml2 stops at 256 levels and returns the tree cut there, so the article
    # text below was silently lost and the page reported `no_text`.
    words = "Words of the article that sits below the nesting. " * 20
    page = f"<html><body>{'<div>' * depth}<p>{words}</p>{'</div>' * depth}</body></html>"
    with pytest.raises(FileRejected) as info:
        parse_html(page)
    assert info.value.reason_code == "malformed_html"
    assert "Excessive depth in document: 256" in info.value.detail


def test_a_page_nested_under_the_parser_limit_keeps_its_text():
    words = "Words of the article that sits below the nesting. " * 20
    (record,) = parse_html(f"<html><body>{'<div>' * 200}<p>{words}</p></body></html>")
    assert record.fields["text"] == words.strip()


def test_many_removed_elements_cost_one_pass_and_keep_the_text_around_them():
    # Issue 16 (every reader linear): removing them one by one was quadratic in their count,
    # 20,000 `<nav>` took 13 s, 60,000 over two minutes (now about 4 s, mostly trafilatura);
    # the alarm only turns a hang into a failure.
    words = "Words of the article before the navigation. " * 20
    page = (f"<html><body><p>{words}</p>" + "<nav>menu<script>x()</script></nav>kept " * 60_000
            + "<div><aside>no</aside>tail<nav><aside>no</aside></nav>end</div></body></html>")
    previous = signal.signal(signal.SIGALRM, _hung)
    signal.alarm(45)
    try:
        (record,) = parse_html(page)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert record.fields["text"].startswith(words.strip())
    assert "menu" not in record.fields["text"]
    assert "x()" not in record.fields["text"]


def _hung(signum, frame):
    raise TimeoutError("parse_html hung")
