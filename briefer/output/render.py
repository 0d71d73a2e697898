"""Render: Jinja2 -> Markdown -> markdown-it-py -> HTML -> WeasyPrint -> a one-page PDF.

Article text is data: it is escaped for Markdown before it meets the Markdown template,
markdown-it-py runs with raw HTML off, the HTML template autoescapes, templates run in
Jinja2's sandbox, and WeasyPrint may read only files inside the template folders.
"""

from __future__ import annotations

import logging
import mimetypes
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import jinja2
from jinja2.sandbox import SandboxedEnvironment
from markdown_it import MarkdownIt

from briefer.brief.compose import item_count, keep_top, renumber
from briefer.core.errors import BrieferError
from briefer.core.models import Brief
from briefer.core.resources import template_search_path

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


# --- Markdown escaping ---------------------------------------------------------------
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~!#{}])")
_LINE_START_MARKER = re.compile(r"^(\s*)([-+=]|\d+[.)])(?=\s|$)")
_ENTITY = re.compile(r"&(?=#?\w+;)")


def escape_markdown(text: str) -> str:
    """Make any text literal in CommonMark (it cannot open a link, heading, list or HTML)."""
    text = " ".join(str(text).split())
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    text = _ENTITY.sub(r"\\&", text)
    return _LINE_START_MARKER.sub(lambda m: m.group(1) + re.sub(r"([-+=.)])", r"\\\1", m.group(2)), text)


def long_date(value) -> str:
    return f"{value.day} {value:%B %Y}"


def first_words(text: str, count: int) -> str:
    """The sentence's opening words, marked as cut: a compact, still verbatim, reference."""
    words = str(text).split()
    return " ".join(words[:count]) + (" …" if len(words) > count else "")


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


def markdown_to_html(markdown: str) -> str:
    """CommonMark with raw HTML off; the Sources list's entries get ids citations link to."""
    tokens = _markdown.parse(markdown)
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


def html_to_document(html: str, templates: Path | Sequence[Path], fetcher=None):
    import weasyprint

    roots = template_roots(templates)
    fetcher = fetcher or template_only_fetcher(roots)
    base = next((root for root in roots if (root / "default").is_dir()), roots[0])
    base_url = (base / "default").resolve().as_uri() + "/"
    return weasyprint.HTML(string=html, base_url=base_url, url_fetcher=fetcher).render()


def render_markup(brief: Brief, markdown_env: SandboxedEnvironment, html_env: SandboxedEnvironment,
                  page_size: str, new_items: frozenset[str] = frozenset(),
                  markdown_template: str = MARKDOWN_TEMPLATE) -> tuple[str, str]:
    """The brief's Markdown, and the HTML page made from it (everything but the PDF)."""
    context = brief_context(brief, page_size, new_items)
    markdown = render_template(markdown_env, markdown_template, context)
    body = markdown_to_html(markdown)
    css = render_template(html_env, STYLESHEET, context)
    html = render_template(html_env, HTML_TEMPLATE, {**context, "body": body, "css": css})
    return markdown, html


# --- The whole render, fitted to one page --------------------------------------------
def render_brief(brief: Brief, templates: Path | Sequence[Path], audience: str, page_size: str,
                 new_items: frozenset[str] = frozenset(), markdown_template: str = MARKDOWN_TEMPLATE) -> Rendered:
    """Render with as many items as fit on one page: the least important give way first.
    `markdown_template`: DIGEST_TEMPLATE for the day's digest of many stories."""
    markdown_env = template_environment(templates, audience, autoescape=False)
    html_env = template_environment(templates, audience, autoescape=True)
    fetcher = template_only_fetcher(templates)  # one for all attempts: each refusal logged once

    def attempt(count: int):
        fitted = renumber(keep_top(brief, count))
        markdown, html = render_markup(fitted, markdown_env, html_env, page_size, new_items, markdown_template)
        document = html_to_document(html, templates, fetcher)
        return fitted, markdown, html, document

    total = item_count(brief)
    best = attempt(total)
    if len(best[3].pages) > 1:
        # Binary search for the largest number of items that still fits one page.
        low, high = 0, total - 1
        best = None
        while low <= high:
            middle = (low + high) // 2
            candidate = attempt(middle)
            if len(candidate[3].pages) == 1:
                best, low = candidate, middle + 1
            else:
                high = middle - 1
        if best is None:
            raise TemplateError("the brief does not fit on one page even without items: check the template")
    fitted, markdown, html, document = best
    return Rendered(markdown=markdown, html=html, pdf=document.write_pdf(), brief=fitted,
                    pages=len(document.pages))
