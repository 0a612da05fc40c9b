"""BibLaTeX and RIS: plain writers of the CSL-JSON items `reader.citations.records` makes.

Both are read back by real consumers in the tests (pandoc's citeproc for BibLaTeX, rispy for
RIS), so what Zotero, JabRef or LaTeX get is what the CSL-JSON says.
"""

from __future__ import annotations

import json
from typing import Any

# BibLaTeX's special characters, escaped so a title like "50% of {x} & y_z" survives.
_TEX = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "%": r"\%",
    "&": r"\&",
    "#": r"\#",
    "_": r"\_",
    "$": r"\$",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def tex(text: str) -> str:
    """Text as a BibLaTeX field value: special characters escaped, one line."""
    return "".join(_TEX.get(ch, ch) for ch in " ".join(text.split()))


def _tex_name(name: dict[str, str]) -> str:
    if "literal" in name:
        # Double braces: an organisation is one name, never split into given and family.
        return "{" + tex(name["literal"]) + "}"
    family = tex(name.get("family", ""))
    if name.get("non-dropping-particle"):
        family = tex(name["non-dropping-particle"]) + " " + family
    if " " in family and not name.get("non-dropping-particle"):
        family = "{" + family + "}"  # a family name of two words stays one family name
    given = tex(name.get("given", ""))
    if name.get("suffix"):  # biblatex's "von Last, Jr, First"
        return f"{family}, {tex(name['suffix'])}, {given}"
    return f"{family}, {given}" if given else family


def _edtf(date: dict[str, Any] | None) -> str:
    if not date:
        return ""
    parts = date["date-parts"][0]
    return "-".join(f"{p:04d}" if n == 0 else f"{p:02d}" for n, p in enumerate(parts))


def to_biblatex(items: list[dict[str, Any]]) -> str:
    """`@online` entries (`@report` for reports) with `urldate`, titles brace-protected."""
    out = []
    for item in items:
        entry = "report" if item["type"] == "report" else "online"
        fields: list[tuple[str, str]] = []
        if item.get("author"):
            fields.append(("author", " and ".join(_tex_name(n) for n in item["author"])))
        # The whole title in an extra pair of braces: its capitals are the author's, and
        # styles that change case (sentence case in APA, title case in Chicago) leave it alone.
        fields.append(("title", "{" + tex(item["title"]) + "}"))
        if item.get("container-title"):
            # The blog or site: `journaltitle` is what pandoc and Zotero read back as the
            # container (biblatex's @online has no field of its own for it).
            fields.append(("journaltitle", "{" + tex(item["container-title"]) + "}"))
        if item.get("publisher"):
            field = "institution" if entry == "report" else "organization"
            fields.append((field, "{" + tex(item["publisher"]) + "}"))
        if entry == "report":
            fields.append(("type", "Report"))
        if item.get("issued"):
            fields.append(("date", _edtf(item["issued"])))
        if item.get("URL"):
            fields.append(("url", _url(item["URL"])))
        if item.get("accessed"):
            fields.append(("urldate", _edtf(item["accessed"])))
        if item.get("abstract"):
            fields.append(("abstract", tex(item["abstract"])))
        if item.get("keyword"):
            fields.append(("keywords", tex(item["keyword"])))
        if item.get("language"):
            fields.append(("langid", tex(item["language"])))
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
        out.append(f"@{entry}{{{item['id']},\n{body}\n}}\n")
    return "\n".join(out)


def _url(url: str) -> str:
    # url is a verbatim field: only unbalanced braces could break the entry.
    return url.replace("{", "%7B").replace("}", "%7D")


# RIS types: blog posts, web pages (electronic sources) and reports.
RIS_TYPES = {"post-weblog": "BLOG", "webpage": "ELEC", "report": "RPRT"}


def _ris_name(name: dict[str, str]) -> str:
    if "literal" in name:
        return name["literal"]
    family = name.get("family", "")
    if name.get("non-dropping-particle"):
        family = f"{name['non-dropping-particle']} {family}"
    parts = [family]
    if name.get("given"):
        parts.append(name["given"])
    if name.get("suffix"):
        parts.append(name["suffix"])
    return ", ".join(parts)


def _ris_date(date: dict[str, Any]) -> str:
    parts = date["date-parts"][0]
    y = f"{parts[0]:04d}"
    m = f"{parts[1]:02d}" if len(parts) > 1 else ""
    d = f"{parts[2]:02d}" if len(parts) > 2 else ""
    return f"{y}/{m}/{d}/"


def to_ris(items: list[dict[str, Any]]) -> str:
    """RIS records: TY BLOG / ELEC / RPRT, one tag a line, ER closing each."""
    lines: list[str] = []
    for item in items:
        rec: list[tuple[str, str]] = [("TY", RIS_TYPES.get(item["type"], "ELEC"))]
        rec.append(("ID", item["id"]))
        for name in item.get("author", []):
            rec.append(("AU", _ris_name(name)))
        rec.append(("TI", item["title"]))
        if item.get("container-title"):
            rec.append(("T2", item["container-title"]))
        if item.get("publisher"):
            rec.append(("PB", item["publisher"]))
        if item.get("issued"):
            rec.append(("PY", f"{item['issued']['date-parts'][0][0]:04d}"))
            rec.append(("DA", _ris_date(item["issued"])))
        if item.get("accessed"):
            rec.append(("Y2", _ris_date(item["accessed"])))
        if item.get("URL"):
            rec.append(("UR", item["URL"]))
        if item.get("abstract"):
            rec.append(("AB", item["abstract"]))
        for kw in (item.get("keyword") or "").split(", "):
            if kw:
                rec.append(("KW", kw))
        for tag, value in rec:
            lines.append(f"{tag}  - {' '.join(str(value).split())}")
        lines.append("ER  - ")
        lines.append("")
    return "\r\n".join(lines)


def to_csl_json(items: list[dict[str, Any]]) -> str:
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"
