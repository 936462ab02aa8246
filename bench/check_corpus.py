"""Reading and condensing checked against real article pages with independent ground truth.

A development check, not a test: it needs ``../shared/corpus`` (real pages, never copied into the
project). It runs ``load_article`` and ``condense`` on every real page (Readability's test pages
with ``synthetic == false``, plus trafilatura's English test pages) and prints one table of what
an editor would notice: refused pages, headlines, descriptions, hooks, sentences that are not the
article's, @handles, missing links, and time per page.

    .venv/bin/python bench/check_corpus.py [--corpus ../shared/corpus] [--show NAME] [--json]

``--show NAME`` prints what Herald made of one page (headline, summary, explain lines, X thread).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

from posts import condense, load_article, platforms
from posts.article.sentences import split_sentences
from posts.condensing.hashtags import cap_for
from posts.condensing.review import review
from posts.condensing.selection import digest
from posts.counting import fits, measure
from posts.errors import HeraldError
from posts.model import Article, Post, Rendition

PLATFORMS = platforms.names()
DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
_SEPARATORS = re.compile(r"\s+[|\-–—:·•»/_@]\s+|\s*::\s*|\s*[|«»_]\s*|\s*[\[（]|[\]）]\s*")
_SENTENCE_END = re.compile(r"[.!?。！？…]['\"’”»)\]]*$")
_HANDLE = re.compile(r"(?<![\w@/.])@(\w{1,30})\b")
_NUMBERING = re.compile(r"^(?:\d+/\d+|🧵)\s*")
_URL = re.compile(r"https?://\S+")
_TAG = re.compile(r"(?<!\w)#(?=\w*[^\W\d_])\w+")
_CITATION = re.compile(r"\[(?:\d{1,3}|edit|citation needed)\]")


@dataclass
class Page:
    """One corpus page and its ground truth (fields are None where the corpus has none)."""

    name: str
    path: Path
    title: str | None
    site: str | None
    body: str | None  # expected body text
    excerpt: str | None
    must_not: tuple[str, ...] = ()
    must: tuple[str, ...] = ()  # snippets trafilatura's tests expect in the body


@dataclass
class Result:
    page: Page
    article: Article | None = None
    error: str | None = None
    renditions: dict[str, Rendition] = field(default_factory=dict)  # mode auto, as users get
    threads: dict[str, Rendition] = field(default_factory=dict)  # mode thread, as editors grade
    seconds: float = 0.0


def pages(corpus: Path) -> Iterator[Page]:
    """Real pages only: Readability's non-synthetic pages, then trafilatura's English pages."""
    truth = json.loads((corpus / "truth.json").read_text(encoding="utf-8"))
    for name in sorted(truth):
        entry = truth[name]
        if not entry["synthetic"]:
            yield Page(
                name, corpus / "pages" / f"{name}.html", entry["title"] or None,
                entry["siteName"], entry["text"], entry["excerpt"],
            )  # fmt: skip
    extra = corpus / "pages-trafilatura"
    truth = json.loads((extra / "truth.json").read_text(encoding="utf-8"))
    for name in sorted(truth):
        meta = truth[name].get("meta", {})
        yield Page(
            name, extra / name, meta.get("title"), meta.get("sitename"), None, None,
            tuple(truth[name].get("mustNotContain", [])), tuple(truth[name].get("mustContain", [])),
        )  # fmt: skip


def run(page: Page) -> Result:
    result = Result(page)
    started = time.perf_counter()
    try:
        result.article = load_article(page.path)
        for platform in PLATFORMS:
            result.renditions[platform] = condense(result.article, platform)
            result.threads[platform] = condense(result.article, platform, mode="thread")
    except HeraldError as exc:
        result.error = str(exc)
    result.seconds = time.perf_counter() - started
    return result


def norm(text: str) -> str:
    """Letters and digits only, case-folded: punctuation and spacing never decide a match."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return "".join(char for char in text if char.isalnum())


def title_matches(ours: str, expected: str) -> bool:
    """Equal, or equal once the furniture the expected title itself keeps is set aside."""
    if norm(ours) == norm(expected):
        return True
    segments = [norm(s) for s in _SEPARATORS.split(expected) if norm(s)]
    runs = {
        "".join(segments[i:j])
        for i in range(len(segments))
        for j in range(i + 1, len(segments) + 1)
    }
    return len(segments) > 1 and norm(ours) in runs


def has_site(title: str, page: Page) -> bool:
    """The site's name stands in the headline although the expected title has none of it."""
    site = page.site or ""
    site = re.sub(r"^https?://(www\.)?", "", site).strip()
    if len(norm(site)) < 3 or (page.title and norm(site) in norm(page.title)):
        return False
    return norm(site) in norm(title)


def post_sentences(rendition: Rendition, article: Article) -> Iterator[str]:
    """The prose of each post: numbering, links, tags, the headline line and the "Heading: "
    that introduces a list item taken out."""
    headings = {norm(s.heading) for s in article.sections if s.heading}
    for post in rendition.posts:
        for line in post.text.split("\n"):
            line = _TAG.sub("", _URL.sub("", _NUMBERING.sub("", line))).strip()
            for colon in (i for i, char in enumerate(line) if char == ":"):
                if norm(line[:colon]) in headings:
                    line = line[colon + 1 :].strip()
                    break
            if not line or norm(line) == norm(article.title):
                continue
            yield from (s for s in re.split(r"(?<=[。！？])|(?<=[.!?])\s+", line) if norm(s))


def foreign_sentences(result: Result) -> tuple[int, int]:
    """(sentences, of which not in the expected body, excerpt or title), X renditions."""
    page, article = result.page, result.article
    if article is None or page.body is None or "x" not in result.threads:
        return 0, 0
    # the page's own summary of itself counts as its text
    descriptions = (
        f"{article.description or ''} {article.summary if article.summary_source == 'meta' else ''}"
    )
    known = norm(
        _CITATION.sub(
            "", " ".join(filter(None, (page.body, page.excerpt, page.title, descriptions)))
        )
    )
    sentences = [s.rstrip("…").rstrip(".") for s in post_sentences(result.threads["x"], article)]
    foreign = [s for s in sentences if norm(s) not in known]
    return len(sentences), len(foreign)


def bad_hook(article: Article) -> str | None:
    """Why the summary that opens post 1 is not a whole sentence, or None (a deck its site
    writes without a full stop, read as a standfirst, is whole)."""
    summary = article.summary.strip()
    standfirst = any("a standfirst" in line for line in article.explain)
    if not _SENTENCE_END.search(summary) and not standfirst:
        return "ends mid-sentence"
    if summary.endswith(("...", "…")) and not summary.endswith(("....", "……")):
        return "ends with an ellipsis"
    return None


def stray_handles(result: Result) -> int:
    """Posts whose @handles do not appear in the expected body (or the page's own text)."""
    body = result.page.body
    if body is None:
        return 0
    known = {h.casefold() for h in _HANDLE.findall(body)}
    return sum(
        1
        for rendition in (*result.renditions.values(), *result.threads.values())
        for post in rendition.posts
        if any(h.casefold() not in known for h in _HANDLE.findall(post.text))
    )


def boilerplate_in_posts(result: Result) -> int:
    """trafilatura's must-not-contain snippets that reached a post."""
    renditions = (*result.renditions.values(), *result.threads.values())
    text = " ".join(p.text for r in renditions for p in r.posts)
    return sum(1 for snippet in result.page.must_not if snippet in text)


def missing_snippets(result: Result) -> tuple[int, int]:
    """(expected body snippets, of which missing from what Herald read)."""
    if result.article is None:
        return len(result.page.must), len(result.page.must)
    headings = (s.heading or "" for s in result.article.sections)
    body = norm(" ".join((result.article.title, *headings, *result.article.paragraphs)))
    return len(result.page.must), sum(1 for s in result.page.must if norm(s) not in body)


def description_reasons(results: list[Result]) -> Counter[str]:
    reasons: Counter[str] = Counter()
    for result in results:
        for line in result.article.explain if result.article else ():
            if line.startswith("description refused: "):
                reasons[line.removeprefix("description refused: ")] += 1
    return reasons


def pct(part: int, whole: int) -> str:
    return f"{part}/{whole} ({100 * part / whole:.1f}%)" if whole else "0/0"


def reading_rows(results: list[Result]) -> Iterator[tuple[str, str]]:
    read = [(r, r.article) for r in results if r.article]
    titled = [(r, a) for r, a in read if r.page.title]
    yield "pages", str(len(results))
    yield "pages refused", pct(len(results) - len(read), len(results))
    matches = sum(title_matches(a.title, r.page.title or "") for r, a in titled)
    yield "headline = expected title", pct(matches, len(titled))
    yield (
        "headline holds the site name",
        pct(sum(has_site(a.title, r.page) for r, a in read), len(read)),
    )
    for reason, count in sorted(description_reasons(results).items()):
        yield f"description refused: {reason}", str(count)
    hooks = Counter(bad_hook(a) for _, a in read)
    for reason, count in sorted((k, v) for k, v in hooks.items() if k):
        yield f"hook {reason}", pct(count, len(read))
    counts = [foreign_sentences(r) for r, _ in read]
    total, foreign = sum(c[0] for c in counts), sum(c[1] for c in counts)
    with_body = sum(1 for r, _ in read if r.page.body is not None)
    yield "X thread sentences not in expected body", pct(foreign, total)
    yield "  pages affected", pct(sum(1 for c in counts if c[1]), with_body)
    yield "posts with @handles not in body", str(sum(stray_handles(r) for r, _ in read))
    yield "boilerplate snippets in posts", str(sum(boilerplate_in_posts(r) for r, _ in read))
    snippets = [missing_snippets(r) for r in results]
    expected, missing = sum(s[0] for s in snippets), sum(s[1] for s in snippets)
    yield "expected body snippets missing", pct(missing, expected)
    yield "pages with no link", pct(sum(1 for _, a in read if not a.url), len(read))
    times = sorted(r.seconds * 1000 for r in results)
    yield "time per page (median / max)", f"{times[len(times) // 2]:.0f} ms / {times[-1]:.0f} ms"


def split_sentences_in(result: Result, platform: str) -> int:
    """Sentences that fit a post by themselves but were broken across two posts (thread mode)."""
    rendition, article = result.threads[platform], result.article
    assert article is not None
    bodies = [" ".join(_NUMBERING.sub("", p.text).split()) for p in rendition.posts]
    joined = " ".join(bodies)
    widest = f"{len(bodies)}/{len(bodies)} "
    sentences = {
        " ".join(s.split())
        for text in (article.summary, *article.paragraphs)
        for s in split_sentences(text, article.lang)
    }
    return sum(
        1
        for s in sentences
        if fits(platform, widest + s, rendition.limit)
        and s in joined
        and not any(s in body for body in bodies)
    )


def tags_unused(result: Result, platform: str) -> tuple[int, int]:
    """(hashtags in the posts, of which the title and body never write the words of)."""
    article = result.article
    assert article is not None
    text = norm(" ".join((article.title, article.summary, *article.paragraphs)))
    tags = [t[1:] for r in (result.renditions, result.threads) for p in r[platform].posts
            for t in _TAG.findall(p.text)]  # fmt: skip
    return len(tags), sum(1 for tag in tags if norm(tag) not in text)


def wasted_single(result: Result, platform: str) -> bool:
    """A single post leaving over a third of its room unused while a key point that stands alone
    would fit (a page that is not one story, a digest say, is posted as what it is on purpose:
    not counted)."""
    rendition, article = result.renditions[platform], result.article
    assert article is not None
    if rendition.mode != "single" or len(rendition.posts) != 1 or digest(article).not_a_story:
        return False
    post = rendition.posts[0]
    room = rendition.limit - post.length
    if room <= rendition.limit / 3:
        return False
    said = " ".join(post.text.split())
    # a sentence the post could take: a key point that stands alone (no filler, fragment, list
    # item's text without its name, or sentence leaning on one the post does not say)
    sentences = (
        " ".join(s.text.split())
        for s in digest(article).sentences
        if s.point and not s.leans and s.heading is None
    )
    return any(s not in said and measure(platform, s) + 2 <= room for s in sentences)


def closes_on_the_link(rendition: Rendition) -> bool:
    """A thread whose closing post is only its link (and hashtags): a post that says nothing."""
    if rendition.mode != "thread":
        return False
    last = _NUMBERING.sub("", _unlinked(rendition.posts[-1]))
    return not _TAG.sub("", _URL.sub("", last)).strip()


def _unlinked(post: Post) -> str:
    """The post's text without what its link facets cover (Bluesky shows a link shortened)."""
    data = post.text.encode()
    for facet in sorted(post.facets, key=lambda f: -int(f["index"]["byteStart"])):
        if any("uri" in feature for feature in facet["features"]):
            data = data[: facet["index"]["byteStart"]] + data[facet["index"]["byteEnd"] :]
    return data.decode()


def answers_the_post_before(result: Result, platform: str) -> int:
    """Posts of the thread that open with a word leaning back (the lint's "dangling-start")
    right after the post that ends on the very sentence they answer: a pair too long to share
    a post, read across the break."""
    rendition, article = result.threads[platform], result.article
    assert article is not None
    texts = [p.text for p in rendition.posts]
    bodies = [" ".join(_NUMBERING.sub("", text).split()) for text in texts]
    sentences = digest(article).sentences
    before = {" ".join(s.text.split()): " ".join(d.text.split()) for d, s in pairwise(sentences)}
    count = 0
    for rule, _, index in review(texts, platform):
        opening = next((s for s in before if bodies[index].startswith(s)), None)
        if rule == "dangling-start" and opening and before[opening] in bodies[index - 1]:
            count += 1
    return count


def _findings(renditions: Iterable[Rendition], platform: str) -> Counter[str]:
    """The editor's warnings (posts.condensing.review) over ``renditions``, by rule."""
    return Counter(
        rule for r in renditions for rule, _, _ in review([p.text for p in r.posts], platform)
    )


def condensing_rows(results: list[Result]) -> Iterator[tuple[str, str]]:
    """Per platform: what an editor would fix in the posts themselves."""
    read = [r for r in results if r.article and r.threads]
    for platform in PLATFORMS:
        threads = [r.threads[platform] for r in read]
        posts = sum(len(t.posts) for t in threads)
        in_threads = _findings(threads, platform)
        findings = in_threads + _findings((r.renditions[platform] for r in read), platform)
        yield (
            f"{platform}: avoidable sentence breaks",
            str(sum(split_sentences_in(r, platform) for r in read)),
        )
        yield (
            f"{platform}: posts opening with a dangling word",
            pct(in_threads["dangling-start"], posts),
        )
        yield (
            f"{platform}:   of those, right after the post ending on what they answer",
            str(sum(answers_the_post_before(r, platform) for r in read)),
        )
        yield (
            f"{platform}: posts over the tag cap ({cap_for(platform, None)})",
            str(findings["hashtags"]),
        )
        tags = [tags_unused(r, platform) for r in read]
        yield (
            f"{platform}: tags the article does not use",
            pct(sum(t[1] for t in tags), sum(t[0] for t in tags)),
        )
        autos = [r.renditions[platform] for r in read if r.renditions[platform].mode == "thread"]
        yield (
            f"{platform}: threads closing on the link alone",
            pct(sum(closes_on_the_link(t) for t in autos), len(autos)),
        )
        lengths = Counter(len(t.posts) for t in threads)
        yield f"{platform}: thread lengths", " ".join(f"{n}:{lengths[n]}" for n in sorted(lengths))
        singles = [r for r in read if r.renditions[platform].mode == "single"]
        wasted = sum(wasted_single(r, platform) for r in singles)
        yield f"{platform}: single posts wasting a third", pct(wasted, len(singles))


ROWS: tuple[Callable[[list[Result]], Iterator[tuple[str, str]]], ...] = (
    reading_rows,
    condensing_rows,
)


def show(result: Result) -> None:
    article = result.article
    print(f"--- {result.page.name}  expected title: {result.page.title!r}")
    if article is None:
        print(f"refused: {result.error}")
        return
    print(f"headline: {article.title}\nsummary ({article.summary_source}): {article.summary}")
    print(f"link: {article.url}")
    for line in (*article.explain, *(f"removed [{r}]: {t[:100]}" for r, t in article.removed)):
        print(f"  {line}")
    for post in result.threads["x"].posts:
        print(f"[{post.length}] {post.text}\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--show", action="append", default=[], help="page name to print in full")
    parser.add_argument("--json", action="store_true", help="the table as a JSON object")
    args = parser.parse_args(argv)
    if not (args.corpus / "truth.json").exists():
        print(f"no corpus at {args.corpus} (it lives in ../shared/corpus)", file=sys.stderr)
        return 2
    selected = [p for p in pages(args.corpus) if not args.show or p.name in args.show]
    results = [run(page) for page in selected]
    if args.show:
        for result in results:
            show(result)
        return 0
    rows = [row for make in ROWS for row in make(results)]
    if args.json:
        print(json.dumps(dict(rows), ensure_ascii=False, indent=2))
    else:
        width = max(len(label) for label, _ in rows)
        print("\n".join(f"{label:<{width}}  {value}" for label, value in rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
