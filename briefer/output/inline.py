"""Inline a page's CSS into style attributes, so mail clients that drop <style> keep the layout.

Selector matching and specificity come from cssselect2 and tinycss2, the libraries WeasyPrint
already uses to lay out the PDF, so every selector the templates may use (:last-of-type, ~, +)
matches in the email exactly as it does on the page. Pseudo-elements and at-rules (@page) have
no inline form and are left out.
"""

from __future__ import annotations

import html as html_escape
import xml.etree.ElementTree as ElementTree

import cssselect2
import tinycss2
import tinyhtml5

VOID_ELEMENTS = frozenset(
    "area base br col embed hr img input link meta source track wbr".split()
)
RAW_TEXT_ELEMENTS = frozenset({"style"})
# Mail clients drop <html> and <body> attributes: their styles move to a wrapper <div>.
PAGE_ELEMENTS = ("html", "body")


def _declarations(content) -> list[tuple[str, str, bool]]:
    parsed = tinycss2.parse_blocks_contents(content, skip_whitespace=True, skip_comments=True)
    return [
        (d.lower_name, tinycss2.serialize(d.value).strip(), d.important)
        for d in parsed if d.type == "declaration"
    ]


def media_rules(css: str) -> str:
    """The stylesheet's @media rules, serialised: they have no inline form, so an email keeps
    them in a <style> of its own (dark mode, narrow screens) for the clients that read it."""
    rules = tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True)
    return "\n".join(tinycss2.serialize([rule]) for rule in rules
                     if rule.type == "at-rule" and rule.lower_at_keyword == "media")


def stylesheet_matcher(css: str) -> cssselect2.Matcher:
    matcher = cssselect2.Matcher()
    for rule in tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True):
        if rule.type != "qualified-rule":
            continue  # at-rules (@page, @media) have no inline equivalent
        try:
            selectors = cssselect2.compile_selector_list(rule.prelude)
        except cssselect2.SelectorError:
            continue  # a selector the matcher cannot read is skipped, as a browser would
        declarations = _declarations(rule.content)
        for selector in selectors:
            matcher.add_selector(selector, declarations)
    return matcher


def cascade(matches, inline: str) -> dict[str, str]:
    """Winning value per property: !important first, then the style attribute, then specificity."""
    ranked: dict[str, tuple[tuple, str]] = {}
    for specificity, order, pseudo, declarations in matches:
        if pseudo is not None:
            continue
        for position, (name, value, important) in enumerate(declarations):
            weight = (important, False, specificity, order, position)
            if name not in ranked or weight >= ranked[name][0]:
                ranked[name] = (weight, value)
    for position, (name, value, important) in enumerate(_declarations(inline)):
        weight = (important, True, (0, 0, 0), 0, position)
        if name not in ranked or weight >= ranked[name][0]:
            ranked[name] = (weight, value)
    return {name: value for name, (_, value) in ranked.items()}


def style_attribute(properties: dict[str, str]) -> str:
    return "; ".join(f"{name}: {value}" for name, value in properties.items())


def _drop_styles(root: ElementTree.Element) -> None:
    for parent in list(root.iter()):
        for child in list(parent):
            if child.tag == "style":
                parent.remove(child)


def _wrap_body(root: ElementTree.Element, properties: dict[str, str]) -> None:
    body = root.find("body")
    if body is None or not properties:
        return
    wrapper = ElementTree.Element("div", {"style": style_attribute(properties)})
    wrapper.text, body.text = body.text, None
    wrapper.extend(list(body))
    for child in list(body):
        body.remove(child)
    body.append(wrapper)


def inline_css(document: str, keep_media: bool = False) -> str:
    """The HTML document with its <style> rules moved into style attributes; with keep_media,
    its @media rules stay behind in one <style> in the head."""
    root = tinyhtml5.parse(document, namespace_html_elements=False)
    css = "\n".join(style.text or "" for style in root.iter("style"))
    matcher = stylesheet_matcher(css)
    page: dict[str, str] = {}
    for wrapper in cssselect2.ElementWrapper.from_html_root(root).iter_subtree():
        element = wrapper.etree_element
        properties = cascade(matcher.match(wrapper), element.get("style", ""))
        if element.tag in PAGE_ELEMENTS:
            page.update(properties)
            element.attrib.pop("style", None)
        elif properties:
            element.set("style", style_attribute(properties))
    _drop_styles(root)
    _wrap_body(root, page)
    media = media_rules(css) if keep_media else ""
    head = root.find("head")
    if media and head is not None:
        ElementTree.SubElement(head, "style").text = media
    return "<!DOCTYPE html>\n" + serialize(root)


def serialize(element: ElementTree.Element) -> str:
    parts: list[str] = []
    _write(element, parts)
    return "".join(parts)


def _write(element: ElementTree.Element, parts: list[str]) -> None:
    if isinstance(element.tag, str):  # comments and processing instructions are dropped
        attributes = "".join(
            f' {name}="{html_escape.escape(value, quote=True)}"' for name, value in element.attrib.items()
        )
        parts.append(f"<{element.tag}{attributes}>")
        if element.tag in RAW_TEXT_ELEMENTS:  # CSS is not escaped (no "&gt;" in a selector)
            parts.append((element.text or "").replace("</", "<\\/"))
            parts.append(f"</{element.tag}>")
        elif element.tag not in VOID_ELEMENTS:
            parts.append(html_escape.escape(element.text or "", quote=False))
            for child in element:
                _write(child, parts)
            parts.append(f"</{element.tag}>")
    parts.append(html_escape.escape(element.tail or "", quote=False))
