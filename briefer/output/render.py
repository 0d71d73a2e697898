"""Render: Jinja2 -> Markdown -> markdown-it-py -> HTML -> WeasyPrint -> a one-page PDF.

Article text is data: it is escaped for Markdown before it meets the Markdown template,
markdown-it-py runs with raw HTML off, the HTML template autoescapes, templates run in
Jinja2's sandbox, and WeasyPrint may read only files inside the template folders.
"""

from __future__ import annotations

import logging
import mimetypes
import os
import re
from collections import Counter
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import jinja2
from jinja2.sandbox import SandboxedEnvironment
from markdown_it import MarkdownIt

from briefer.brief.compose import element_of, giveway_order, keep_only, renumber
from briefer.core.errors import BrieferError
from briefer.core.models import Brief
from briefer.core.resources import template_search_path
from briefer.core.text import as_printed

log = logging.getLogger(__name__)

MARKDOWN_TEMPLATE = "brief.md.j2"
DIGEST_TEMPLATE = "digest.md.j2"  # the day's digest: each section one story, headed by a link to its page
HTML_TEMPLATE = "brief.html.j2"
STYLESHEET = "style.css.j2"


class TemplateError(BrieferError):
    exit_status = 2


@dataclass(frozen=True)
class Rendered:
    markdown: str
    html: str
    pdf: bytes
    brief: Brief  # what was actually rendered, after fitting the page
    pages: int
    layouts: int = 1  # how many layouts fitting the page took


# --- Markdown escaping ---------------------------------------------------------------
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~!#{}])")
_LINE_START_MARKER = re.compile(r"^(\s*)([-+=]|\d+[.)])(?=\s|$)")
_ENTITY = re.compile(r"&(?=#?\w+;)")


def escape_markdown(text: str, printed: bool = True) -> str:
    """Make any text literal in CommonMark (it cannot open a link, heading, list or HTML); prose
    shows wire copy's ASCII quotation marks and dashes as printed (core.text.as_printed), a file
    name or an address (`printed` false: "|md(false)") as it is."""
    text = " ".join(str(text).split())
    text = as_printed(text) if printed else text
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    text = _ENTITY.sub(r"\\&", text)
    return _LINE_START_MARKER.sub(lambda m: m.group(1) + re.sub(r"([-+=.)])", r"\\\1", m.group(2)), text)


def long_date(value) -> str:
    return f"{value.day} {value:%B %Y}"


CLAUSE_REACH = 6  # words past the count a cut may run on to end at its clause ("has risen to 26,")


def first_words(text: str, count: int) -> str:
    """The sentence's opening words, marked as cut: a compact, still verbatim, reference. A cut
    runs on to the end of its clause when that comes within a few words, so that it does not
    fall between a verb and what it says ("has risen to …" for "has risen to 26,")."""
    words = str(text).split()
    if len(words) <= count:
        return " ".join(words)
    end = next((i + 1 for i in range(count - 1, min(len(words), count + CLAUSE_REACH))
                if words[i].endswith((",", ";", ":"))), count)
    if end >= len(words):
        return " ".join(words)
    return " ".join(words[:end]).rstrip(",;:") + " …"


# --- Templates -----------------------------------------------------------------------
# Bounds on what a template expression may build: the sandbox already caps range().
MAX_REPEATED_LENGTH = 100_000  # "x" * n, [..] * n
MAX_EXPONENT = 1_000  # a ** n


class BriefSandbox(SandboxedEnvironment):
    """Jinja2's sandbox, also refusing repetitions and powers that would exhaust memory or time."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context, operator, left, right):
        if operator == "**" and isinstance(right, (int, float)) and abs(right) > MAX_EXPONENT:
            raise jinja2.exceptions.SecurityError(f"exponent {right} is over the limit of {MAX_EXPONENT}")
        if operator == "*":
            for sequence, times in ((left, right), (right, left)):
                if (isinstance(sequence, (str, list, tuple)) and isinstance(times, int)
                        and len(sequence) * times > MAX_REPEATED_LENGTH):
                    raise jinja2.exceptions.SecurityError(
                        f"repetition longer than the limit of {MAX_REPEATED_LENGTH:,} items"
                    )
        return super().call_binop(context, operator, left, right)


def template_roots(templates: Path | Sequence[Path]) -> tuple[Path, ...]:
    """A project's templates folder stands for itself followed by briefer's built-in one."""
    return template_search_path(templates) if isinstance(templates, (str, Path)) else tuple(templates)


class _CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates kept in memory for the process: every audience's environment
    extends the same default templates, compiled once (keyed by file and checked against
    the source, so an edited template is compiled again)."""

    def __init__(self):
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket):
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket):
        self.compiled[bucket.key] = bucket.bytecode_to_string()


_COMPILED = {True: _CompiledTemplates(), False: _CompiledTemplates()}  # escaping is compiled in


def template_environment(templates: Path | Sequence[Path], audience: str, autoescape: bool) -> SandboxedEnvironment:
    """Audience folder first, then default/, each looked up in the template folders in order;
    "default/<name>" always names the complete original."""
    roots = template_roots(templates)
    default = jinja2.FileSystemLoader([str(root / "default") for root in roots])
    loaders = [jinja2.FileSystemLoader([str(root / audience) for root in roots])] if audience != "default" else []
    environment = BriefSandbox(
        loader=jinja2.ChoiceLoader(loaders + [default, jinja2.PrefixLoader({"default": default})]),
        autoescape=autoescape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=_COMPILED[bool(autoescape)],
    )
    environment.filters["md"] = escape_markdown
    environment.filters["longdate"] = long_date
    environment.filters["first_words"] = first_words
    return environment


def render_template(environment: SandboxedEnvironment, name: str, context: dict) -> str:
    """The rendered template; any failure is a TemplateError naming the file and line."""
    try:
        return environment.get_template(name).render(**context)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(_template_message(exc.filename or exc.name or name, exc.lineno, exc.message)) from None
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(f"template not found: {exc.name} (looked in {_search_path(environment)})") from None
    except jinja2.exceptions.SecurityError as exc:
        raise TemplateError(_template_message(*_template_line(exc, name), f"refused by the sandbox: {exc}")) from None
    except jinja2.UndefinedError as exc:
        raise TemplateError(_template_message(*_template_line(exc, name), f"undefined value: {exc}")) from None
    except Exception as exc:  # a template's own runtime error: 1/0, a bad filter argument
        raise TemplateError(_template_message(*_template_line(exc, name), f"{type(exc).__name__}: {exc}")) from None


def _template_message(template: str, line: int | None, what: str) -> str:
    where = f"{template}, line {line}" if line else template
    return f"template error in {where}: {' '.join(str(what).split())}"


def _search_path(environment: SandboxedEnvironment) -> str:
    loaders = getattr(environment.loader, "loaders", [environment.loader])
    folders = [folder for loader in loaders for folder in getattr(loader, "searchpath", [])]
    return ", ".join(folders)


def _template_line(exc: BaseException, name: str) -> tuple[str, int | None]:
    """The template file and line where a render error happened (Jinja2 rewrites the
    traceback so template frames carry the template's file name and line)."""
    where: tuple[str, int | None] = (name, None)
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            where = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return where


def brief_context(brief: Brief, page_size: str, new_items: frozenset[str] = frozenset()) -> dict:
    """new_items: texts of the items the previous brief for this audience did not carry."""
    return {"brief": brief, "page_size": page_size, "new_items": new_items}


# --- Markdown to HTML ----------------------------------------------------------------
# Tables on for the key-figures table; everything else stays plain CommonMark.
_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")


def relative_link(href: str) -> bool:
    """A link to a file beside the page (story-<id>.html), not to a place on it or elsewhere."""
    return bool(href) and not href.startswith(("#", "/")) and not urlsplit(href).scheme


def printed_links(base: str | None) -> Callable[[list], None]:
    """A token edit for a page with no folder around it (a PDF): each relative link is made
    absolute against `base`, where the page is published; without one it is left as its
    words (a PDF viewer would otherwise open a path on the machine that built it)."""

    def edit(tokens: list) -> None:
        for token in tokens:
            if token.type != "inline" or not token.children:
                continue
            kept, unlinked = [], False
            for child in token.children:
                if child.type == "link_open" and relative_link(child.attrGet("href") or ""):
                    if base:
                        child.attrSet("href", urljoin(base, child.attrGet("href")))
                    else:
                        unlinked = True
                        continue
                elif child.type == "link_close" and unlinked:
                    unlinked = False
                    continue
                kept.append(child)
            token.children = kept

    return edit


_HREF = re.compile(r'<a href="([^"]*)"')


def has_relative_links(html: str) -> bool:
    return any(relative_link(href) for href in _HREF.findall(html))


def markdown_to_html(markdown: str, edit: Callable[[list], None] | None = None) -> str:
    """CommonMark with raw HTML off; the Sources list's entries get ids citations link to.
    `edit`: called with the parsed tokens first (links for a PDF, for an email)."""
    tokens = _markdown.parse(markdown)
    if edit is not None:
        edit(tokens)
    in_sources = False
    number = 0
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            in_sources = tokens[index + 1].content.strip().lower() == "sources"
        elif in_sources and token.type == "ordered_list_open":
            number = int(token.attrGet("start") or 1) - 1
        elif in_sources and token.type == "list_item_open":
            number += 1
            token.attrSet("id", f"source-{number}")
    return _markdown.renderer.render(tokens, _markdown.options, {})


# --- PDF -----------------------------------------------------------------------------
def _url_fetcher_class():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class TemplateOnlyFetcher(URLFetcher):
        """Reads regular files inside the allowed folders; refuses (and logs, once) every other
        URL: http(s), data, ftp, file URLs elsewhere or on another host, links that resolve
        outside (.., symlinks). Nothing is ever requested over a network."""

        def __init__(self, allowed: list[Path]):
            super().__init__(allowed_protocols=("file",))
            self.allowed = [p.resolve() for p in allowed]
            self.refused: list[str] = []

        def allowed_path(self, url: str) -> Path | None:
            try:
                parsed = urlsplit(url)
                if parsed.scheme.lower() != "file" or parsed.netloc not in ("", "localhost"):
                    return None
                path = Path(unquote(parsed.path)).resolve(strict=True)
            except (OSError, ValueError, RuntimeError):
                return None
            if not path.is_file() or not any(path.is_relative_to(root) for root in self.allowed):
                return None
            return path

        def fetch(self, url, headers=None):
            path = self.allowed_path(url)
            if path is None:
                if url not in self.refused:
                    self.refused.append(url)
                    log.warning("refused to fetch %s while rendering the PDF (only files in the "
                                "template folders are read)", url[:300])
                raise ValueError(f"briefer does not fetch {url[:300]}")
            content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})

    return TemplateOnlyFetcher


def template_only_fetcher(templates: Path | Sequence[Path]):
    return _url_fetcher_class()(list(template_roots(templates)))


_FONTS: dict[int, object] = {}  # process id -> WeasyPrint's font configuration


def _font_config():
    """One font configuration per process, shared by the layouts of pages that use only the
    system's fonts (setting one up costs a good part of a small layout); a forked worker
    makes its own."""
    from weasyprint.text.fonts import FontConfiguration

    if os.getpid() not in _FONTS:
        _FONTS.clear()
        _FONTS[os.getpid()] = FontConfiguration()
    return _FONTS[os.getpid()]


def html_to_document(html: str, templates: Path | Sequence[Path], fetcher=None):
    import weasyprint

    roots = template_roots(templates)
    fetcher = fetcher or template_only_fetcher(roots)
    base = next((root for root in roots if (root / "default").is_dir()), roots[0])
    base_url = (base / "default").resolve().as_uri() + "/"
    # A page that loads its own fonts gets a configuration of its own: fonts one audience's
    # stylesheet adds never reach another's.
    fonts = None if "@font-face" in html else _font_config()
    return weasyprint.HTML(string=html, base_url=base_url, url_fetcher=fetcher).render(font_config=fonts)


def render_markup(brief: Brief, markdown_env: SandboxedEnvironment, html_env: SandboxedEnvironment,
                  page_size: str, new_items: frozenset[str] = frozenset(),
                  markdown_template: str = MARKDOWN_TEMPLATE) -> tuple[str, str]:
    """The brief's Markdown, and the HTML page made from it (everything but the PDF)."""
    context = brief_context(brief, page_size, new_items)
    markdown = render_template(markdown_env, markdown_template, context)
    return markdown, html_page(markdown, html_env, context)


def html_page(markdown: str, html_env: SandboxedEnvironment, context: dict,
              edit: Callable[[list], None] | None = None) -> str:
    """The HTML page of the brief's Markdown; `edit`: see markdown_to_html."""
    body = markdown_to_html(markdown, edit)
    css = render_template(html_env, STYLESHEET, context)
    return render_template(html_env, HTML_TEMPLATE, {**context, "body": body, "css": css})


# --- The whole render, fitted to one page --------------------------------------------
# Page fitting lays the page out once at its real size. When it runs over, the layout
# itself says by how much (the height of the flow on the pages after the first, less the
# room left on the first) and how tall each line is (its boxes); the least important
# lines whose heights cover the overrun give way, and one more layout checks the result.
# Only when that check still runs over (a break fell worse than measured) is the cut made
# again from the new layout. PDF/UA-1: tagged, with the document's language and title.
PDF_OPTIONS = {"pdf_variant": "pdf/ua-1"}
REMOVABLE_TAGS = frozenset({"li", "tr", "blockquote", "p", "dd", "dt"})
MEASURED_CUTS = 2  # one is the rule; a second only when a break fell worse than measured


@dataclass(frozen=True)
class Measure:
    """What one layout says about fitting: how far the flow runs past the first page and
    the height of every block that holds text."""

    overrun: float  # flow height to remove for one page, in the flow's own (column) units
    blocks: tuple[tuple[str, float], ...]  # (its text, whitespace removed; its height), per element
    line: float = 0.0  # the usual line height: what a column break may leave unused beyond the measure


def _squash(text: str) -> str:
    return "".join(str(text).split())


def _text_of(box) -> str:
    if isinstance(getattr(box, "text", None), str):
        return box.text
    return "".join(_text_of(child) for child in getattr(box, "children", ()))


def _is_block(box) -> bool:
    return type(box).__name__ in ("BlockBox", "TableRowBox", "TableBox", "ListMarkerBox") or (
        type(box).__name__.endswith("BlockBox") and type(box).__name__ != "InlineBlockBox")


def _flow_columns(page_box) -> list:
    """The boxes the page's flow runs in: each column of a multi-column container, else the
    innermost box holding the whole flow."""
    box = page_box
    while True:
        count = box.style["column_count"] if hasattr(box, "style") else "auto"
        children = [child for child in getattr(box, "children", ()) if _is_block(child)]
        if isinstance(count, int) and count > 1 and children:
            columns = [child for child in children if child.element is box.element]
            return columns or [box]
        if len(children) != 1:
            return [box]
        box = children[0]


def _used(column) -> float:
    """How far down the column its content reaches: the bottom of its last line or row (a
    block broken across pages stretches to the page's end, its content does not)."""
    bottom = column.content_box_y()
    stack = list(getattr(column, "children", ()))
    while stack:
        box = stack.pop()
        kind = type(box).__name__
        if kind in ("LineBox", "TableRowBox") or not hasattr(box, "children"):
            bottom = max(bottom, box.position_y + box.margin_height())
        else:
            stack.extend(box.children)
    return bottom - column.content_box_y()


def measure(document) -> Measure:
    pages = [page._page_box for page in document.pages]
    first = pages[0]
    bottom = first.content_box_y() + first.height
    columns = _flow_columns(first)
    room = sum(max(0.0, bottom - column.content_box_y() - _used(column)) for column in columns)
    beyond = sum(_used(column) for page in pages[1:] for column in _flow_columns(page))
    # A column break leaves about a line unused (orphans, widows, headings kept with text).
    lines = [0.0]
    texts: dict[int, list] = {}
    stack = [(page, None) for page in pages]
    while stack:
        box, inside = stack.pop()
        tag = getattr(box, "element_tag", None)
        if type(box).__name__ == "LineBox":
            lines.append(box.height)
            continue
        if tag in REMOVABLE_TAGS and _is_block(box) and box.element is not inside:
            inside = box.element  # its anonymous inner boxes are the same element: counted once
            entry = texts.setdefault(id(box.element), ["", 0.0])
            entry[0] += _squash(_text_of(box))
            entry[1] += box.margin_height()
        stack.extend((child, inside) for child in getattr(box, "children", ()))
    line = statistics.median(lines)
    breaks = (len(columns) - 1) * line
    overrun = beyond - room + breaks
    return Measure(overrun=overrun, blocks=tuple((text, height) for text, height in texts.values()), line=line)


def _element_keys(element) -> tuple[str, ...]:
    """Words that only the element's own block holds (whitespace removed)."""
    from briefer.core.models import Disagreement, Figure, Source, TimelineEntry

    if isinstance(element, Disagreement):
        return tuple(_squash(claim.text)[:80] for claim in element.claims)
    if isinstance(element, Figure):
        return (_squash(element.value), _squash(element.context or element.label)[:80])
    if isinstance(element, Source):
        return (_squash(element.title)[:80], _squash(element.path)[:80])
    if isinstance(element, TimelineEntry):  # its date, then a pointer to a section or its first words
        shown = f"see {element.see}" if getattr(element, "see", None) else first_words(element.text, 8).rstrip(" …")
        return (_squash(element.date_label), _squash(shown)[:80])
    return (_squash(element.text)[:80],)


def element_height(measured: Measure, element) -> float:
    """The height of the smallest block holding the element's words (0 when not shown)."""
    keys = _element_keys(element)
    heights = [height for text, height in measured.blocks if all(key in text for key in keys)]
    return min(heights, default=0.0)


def _citations(element) -> tuple[int, ...]:
    claims = getattr(element, "claims", None)
    if claims is not None:
        return tuple(n for claim in claims for n in claim.citations)
    return tuple(getattr(element, "citations", ()))


def fitted_count(brief: Brief, order: list[tuple], count: int, measured: Measure) -> int | None:
    """How many of the first `count` elements in give-way order to keep so the measured
    overrun is gone: the last give way until their heights, and those of the sources only
    they cited, cover it. None when the lines' measured heights cannot cover it (a template
    that shows them in words of its own)."""
    cited = Counter(n for identity in order[:count] for n in _citations(element_of(brief, identity)))
    source_height = {source.number: element_height(measured, source) for source in brief.sources}
    removed = 0.0
    # a line to spare: a block kept whole at a column break (a quote, a table row) may leave
    # more than the measured line unused, and a second cut costs a layout
    needed = measured.overrun + measured.line
    while count > 0 and removed < needed:
        count -= 1
        element = element_of(brief, order[count])
        removed += element_height(measured, element)
        for number in set(_citations(element)):
            cited[number] -= _citations(element).count(number)
            if cited[number] <= 0:
                removed += source_height.get(number, 0.0)
    return count if removed >= needed else None


def render_brief(brief: Brief, templates: Path | Sequence[Path], audience: str, page_size: str,
                 new_items: frozenset[str] = frozenset(), markdown_template: str = MARKDOWN_TEMPLATE,
                 link_base: str | None = None) -> Rendered:
    """Render with as many items as fit on one page: the least important give way first.
    `markdown_template`: DIGEST_TEMPLATE for the day's digest of many stories. `link_base`:
    where the page is published; the PDF's relative links (a digest's links to its story
    pages) point there, or without it are left as words (printed_links), while the Markdown
    and HTML beside the pages keep them relative."""
    markdown_env = template_environment(templates, audience, autoescape=False)
    html_env = template_environment(templates, audience, autoescape=True)
    fetcher = template_only_fetcher(templates)  # one for all attempts: each refusal logged once
    order = giveway_order(brief)
    layouts = 0

    def attempt(count: int):
        nonlocal layouts
        layouts += 1
        fitted = renumber(keep_only(brief, set(order[:count])))
        markdown, html = render_markup(fitted, markdown_env, html_env, page_size, new_items, markdown_template)
        printed = html if not has_relative_links(html) else html_page(
            markdown, html_env, brief_context(fitted, page_size, new_items), printed_links(link_base))
        document = html_to_document(printed, templates, fetcher)
        return fitted, markdown, html, document

    def fits(candidate) -> bool:
        return len(candidate[3].pages) == 1

    count = len(order)
    best = attempt(count)
    for _ in range(MEASURED_CUTS):  # the rule: one cut, checked by one more layout
        if fits(best) or count == 0:
            break
        cut = fitted_count(brief, order, count, measure(best[3]))
        if cut is None:
            break
        count = min(count - 1, cut)
        best = attempt(count)
    if not fits(best):
        # The measure could not say (or was wrong twice): search, as many layouts as it takes.
        low, high, best = 0, count - 1, None
        while low <= high:
            middle = (low + high) // 2
            candidate = attempt(middle)
            if fits(candidate):
                best, low = candidate, middle + 1
            else:
                high = middle - 1
        if best is None:
            raise TemplateError("the brief does not fit on one page even without items: check the template")
    log.debug("%s: fitted %d of %d elements in %d layouts", audience, item_total(best[0]), len(order), layouts)
    fitted, markdown, html, document = best
    return Rendered(markdown=markdown, html=html, pdf=document.write_pdf(**PDF_OPTIONS), brief=fitted,
                    pages=len(document.pages), layouts=layouts)


def item_total(brief: Brief) -> int:
    return len(giveway_order(brief))
