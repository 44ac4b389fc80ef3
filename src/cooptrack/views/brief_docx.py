"""The briefing as a Word document (python-docx): the sections of the HTML briefing, in Word's
own headings, lists and tables, so that an officer can draft from it.

Each statement's note number is a hyperlink to the sentence on the meeting's page, and the
notes quote that sentence (as in every format). Measures keep the briefing's numbers, written
out rather than left to Word's list numbering, which would restart per area.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

if TYPE_CHECKING:
    from docx.document import Document as DocumentType
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    from cooptrack.views.brief import Briefing, Cite

_LINK_COLOUR = "1F4E79"
_MUTED = RGBColor(0x55, 0x55, 0x55)


def _as_is(message: str) -> str:
    return message


def render(b: Briefing, _: Callable[[str], str] = _as_is) -> bytes:
    """The briefing as the bytes of a .docx file, its headings and labels in the language of ``_``."""
    doc = Document()
    doc.core_properties.title = _("Briefing: {mechanism}").format(mechanism=b.mechanism)
    doc.core_properties.author = b.tool
    doc.add_heading(_("Briefing: {mechanism}").format(mechanism=b.mechanism), level=0)
    _muted(doc.add_paragraph(
        _("Prepared {day} by {tool} from the press releases in the store. Every statement cites a "
          "numbered note: the sentence of the release it rests on, quoted under Notes, with a link to that "
          "sentence on the meeting's page.").format(day=_(b.prepared), tool=b.tool)
    ))  # fmt: skip
    _meetings(doc, b, _)
    _last(doc, b, _)
    changed = (
        _("What changed since {meeting}").format(meeting=b.changed_since) if b.changed_since else _("What changed")
    )
    doc.add_heading(f"3. {changed}", level=1)
    for line in b.changes:
        _cited(doc.add_paragraph(_(line.text), style="List Bullet"), line.cite)
    if not b.changes:
        doc.add_paragraph(_("No earlier meeting of this mechanism is in the store."))
    _agreements(doc, b, _)
    _people(doc, b, _)
    doc.add_heading(_("Notes"), level=1)
    for c in b.notes:
        p = doc.add_paragraph(f"{c.number}. “{c.quote}” — {_(c.meeting)}, {_('source {n}').format(n=c.source)}: ")
        _link(p, c.href, c.href)
    doc.add_heading(_("Sources"), level=1)
    for s in b.sources:
        doc.add_paragraph(
            f"{s.number}. {s.title or _('(a report of the same meeting)')} — {s.uri} "
            f"(version {s.version}, sha256 {s.sha256[:16]}…)"
        )
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _meetings(doc: DocumentType, b: Briefing, _: Callable[[str], str]) -> None:
    doc.add_heading("1. " + _("The mechanism's meetings"), level=1)
    table = _table(doc, tuple(_(h) for h in ("Meeting", "When", "Venue", "Note")))
    for m in b.meetings:
        cells = table.add_row().cells  # type: ignore[no-untyped-call]
        cells[0].text, cells[1].text, cells[2].text = f"{_(m.label)} ({m.slug})", _(m.when), m.venue or _("not stated")
        if m.read:
            cells[0].add_paragraph(_("Read partly: {what}").format(what=_(m.read)))
        _cited(cells[3].paragraphs[0], m.cite)
        if m.also:
            cells[3].paragraphs[0].add_run(
                " " + _("also sources {numbers}").format(numbers=", ".join(str(n) for n in m.also))
            )
    if b.gaps:
        doc.add_paragraph(_("Gaps in the record: {gaps}.").format(gaps="; ".join(_(g) for g in b.gaps)))


def _last(doc: DocumentType, b: Briefing, _: Callable[[str], str]) -> None:
    if b.last is None:  # pragma: no cover - a briefing has a last meeting
        return
    last = _("The last meeting: {meeting}").format(meeting=_(b.last.label))
    _cited(doc.add_heading(f"2. {last}", level=1), b.last.cite)
    if b.read:
        doc.add_paragraph().add_run(b.read).bold = True
    for label, value in b.last_facts:
        p = doc.add_paragraph(style="List Bullet")
        p.add_run(f"{_(label)}: ").bold = True
        p.add_run(_(value) if label in ("Meeting", "Areas", "Read", "Date") else value)  # the others are document text
    for reason in b.year_reasons:
        p = doc.add_paragraph(style="List Bullet")
        p.add_run(_("Year") + ": ").italic = True
        p.add_run(_(reason))
    for area in b.areas:
        themes = f" — {', '.join(_(t) for t in area.themes)}" if area.themes else ""
        doc.add_heading(f"{area.heading}{themes}", level=2)
        for m in area.measures:
            _cited(doc.add_paragraph(f"{m.number}. {m.text}"), m.cite)
            amounts = f"; {_('amounts:')} {', '.join(m.quantities)}" if m.quantities else ""
            said = _("new measure") if m.status == "new" else _(m.status)
            themes = ", ".join(_(t) for t in m.themes) or _("no theme")
            _muted(doc.add_paragraph(f"{said}; {themes}{amounts}", style="List Bullet 2"))
            status = doc.add_paragraph(_("Status:") + f" {_(m.progress)}", style="List Bullet 2")
            if m.evidence:
                status.add_run(" — ")
                _link(status, m.evidence, _("evidence"))


def _agreements(doc: DocumentType, b: Briefing, _: Callable[[str], str]) -> None:
    doc.add_heading("4. " + _("Agreements signed at the mechanism's meetings"), level=1)
    if not b.agreements:
        doc.add_paragraph(_("None recorded."))
        return
    doc.add_paragraph(
        _("The releases say what was signed, not when an agreement lapses: check that each is still in force.")
    )
    table = _table(doc, tuple(_(h) for h in ("Title", "Kind", "Meeting", "Signed by", "Note")))
    for g in b.agreements:
        cells = table.add_row().cells  # type: ignore[no-untyped-call]
        cells[0].text, cells[1].text = g.title, _(g.kind)
        cells[2].text, cells[3].text = f"{g.meeting} ({_(g.when)})", "; ".join(g.signatories) or _("not stated")
        _cited(cells[4].paragraphs[0], g.cite)


def _people(doc: DocumentType, b: Briefing, _: Callable[[str], str]) -> None:
    doc.add_heading("5. " + _("People at the last meeting"), level=1)
    for side, persons in b.people.items():
        doc.add_heading(_(side), level=2)
        for person in persons:
            p = doc.add_paragraph(style="List Bullet")
            p.add_run(person.name).bold = True
            roles = f" ({', '.join(_(r.replace('_', ' ')) for r in person.roles)})" if person.roles else ""
            p.add_run(f", {person.post or _('post not stated')}{roles}")
            _cited(p, person.cite)
            if person.history:
                doc.add_paragraph(_("Posts:") + f" {person.history}", style="List Bullet 2")


# --- pieces -----------------------------------------------------------------------------------------


def _table(doc: DocumentType, headings: tuple[str, ...]) -> Table:
    table: Table = cast("Table", doc.add_table(rows=1, cols=len(headings)))
    table.style = "Table Grid"
    for cell, heading in zip(table.rows[0].cells, headings, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(heading).bold = True
    return table


def _muted(p: Paragraph) -> Paragraph:
    for run in p.runs:
        run.font.color.rgb = _MUTED
        run.font.size = Pt(9)
    return p


def _cited(p: Paragraph, cite: Cite | None) -> None:
    """`` [n]`` after the paragraph's text, a hyperlink to the sentence on the meeting's page."""
    if cite is None:
        return
    p.add_run(" ")
    _link(p, cite.href, f"[{cite.number}]")


def _link(p: Paragraph, url: str, text: str) -> None:
    """A hyperlink run (python-docx has none of its own: the w:hyperlink element, by hand)."""
    rel = p.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel)
    run = OxmlElement("w:r")
    props = OxmlElement("w:rPr")
    colour = OxmlElement("w:color")
    colour.set(qn("w:val"), _LINK_COLOUR)
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    props.append(colour)
    props.append(underline)
    run.append(props)
    shown = OxmlElement("w:t")
    shown.text = text
    shown.set(qn("xml:space"), "preserve")
    run.append(shown)
    link.append(run)
    p._p.append(link)
