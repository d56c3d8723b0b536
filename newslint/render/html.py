"""A self-contained HTML report for editors: the story with findings highlighted.

One file, no network, no external assets. Every piece of article text is
escaped, so a story containing ``<script>`` shows it as text. Overlapping
findings are handled by cutting the source at every finding boundary; each
piece carries the ids of the findings that cover it.
"""

from __future__ import annotations

import html
import itertools
import json
from collections import Counter
from typing import Any

from newslint import __version__
from newslint.diagnostics import Diagnostic
from newslint.runner import FileReport, Run

_COLOURS = {
    "typo": "#e4572e",
    "repetition": "#f3a712",
    "attribution": "#a23b72",
    "fact": "#2e86ab",
    "style": "#3bb273",
    "grammar": "#7768ae",
    "boilerplate": "#8d6a5f",
}

_CSS = """
body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#222;background:#fafafa}
header{padding:12px 20px;background:#1d2d44;color:#fff}
header h1{font-size:18px;margin:0}
nav.files{padding:8px 20px;background:#eef}
nav.files a{margin-right:14px}
section.file{display:flex;gap:20px;padding:16px 20px;border-bottom:1px solid #ddd}
.article{flex:3;white-space:pre-wrap;background:#fff;padding:16px;border:1px solid #ddd;
  font-family:Georgia,serif;font-size:16px;max-width:72ch}
aside{flex:2;max-height:80vh;overflow:auto}
.hl{border-bottom:3px solid var(--c);background:color-mix(in srgb,var(--c) 18%,transparent);
  cursor:pointer}
.hl.active,.finding.active{outline:2px solid #000}
.finding{border-left:5px solid var(--c);background:#fff;margin:6px 0;padding:6px 8px;
  cursor:pointer}
.finding .code{font-weight:bold}
.finding .sev{font-size:12px;text-transform:uppercase;color:#555}
.counts span{display:inline-block;margin:2px 8px 2px 0;padding:0 6px;border-radius:3px;
  background:var(--c);color:#fff}
.filters label{margin-right:10px;font-size:13px}
.hidden{display:none}
.hl.off{border-bottom:none;background:none;cursor:auto}
.error{color:#b00;font-weight:bold}
"""

_JS = """
function sel(id){
  document.querySelectorAll('.active').forEach(e=>e.classList.remove('active'));
  document.querySelectorAll('[data-ids~="'+id+'"],#'+id).forEach(e=>e.classList.add('active'));
}
document.addEventListener('click',ev=>{
  const hl=ev.target.closest('.hl:not(.off)');
  if(hl){const id=hl.dataset.ids.split(' ')[0];sel(id);
    const f=document.getElementById(id);if(f)f.scrollIntoView({block:'nearest'});return;}
  const f=ev.target.closest('.finding');
  if(f){sel(f.id);const h=document.querySelector('[data-ids~="'+f.id+'"]');
    if(h)h.scrollIntoView({block:'center'});}
});
function applyFilters(){
  const cats=[...document.querySelectorAll('input[name=cat]:checked')].map(i=>i.value);
  const sevs=[...document.querySelectorAll('input[name=sev]:checked')].map(i=>i.value);
  document.querySelectorAll('.finding').forEach(f=>{
    const on=cats.includes(f.dataset.cat)&&sevs.includes(f.dataset.sev);
    f.classList.toggle('hidden',!on);
    document.querySelectorAll('[data-ids~="'+f.id+'"]').forEach(h=>h.classList.toggle('off',!on));
  });
}
document.addEventListener('change',ev=>{if(ev.target.matches('.filters input'))applyFilters();});
"""


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _highlighted(source: str, findings: list[tuple[str, Diagnostic]]) -> str:
    """Return the escaped source with findings wrapped in highlight spans."""
    cuts = {0, len(source)}
    for _, d in findings:
        start, end = d.span.start, max(d.span.end, d.span.start + 1)
        cuts.update((min(start, len(source)), min(end, len(source))))
    points = sorted(cuts)
    out: list[str] = []
    for a, b in itertools.pairwise(points):
        piece = _esc(source[a:b])
        covering = [
            (fid, d)
            for fid, d in findings
            if d.span.start <= a and b <= max(d.span.end, d.span.start + 1)
        ]
        if not covering:
            out.append(piece)
            continue
        _, first = covering[0]
        ids = " ".join(f for f, _ in covering)
        title = " | ".join(
            f"{d.code} {d.message}" + (f" → {d.suggestions[0]}" if d.suggestions else "")
            for _, d in covering
        )
        colour = _COLOURS.get(first.category.value, "#999")
        out.append(
            f'<span class="hl" data-ids="{ids}" style="--c:{colour}" '
            f'title="{_esc(title)}">{piece or "&#8203;"}</span>'
        )
    return "".join(out)


def _file_section(index: int, report: FileReport) -> str:
    findings = [(f"f{index}-{i}", d) for i, d in enumerate(report.diagnostics)]
    counts: Counter[str] = Counter(d.category.value for _, d in findings)
    parts = [
        f'<section class="file" id="file{index}"><div style="flex:3">',
        f"<h2>{_esc(report.path)}</h2>",
    ]
    if report.error:
        parts.append(f'<p class="error">{_esc(report.error)}</p>')
    parts.append('<div class="counts">')
    for cat, n in sorted(counts.items()):
        parts.append(f'<span style="--c:{_COLOURS.get(cat, "#999")}">{_esc(cat)}: {n}</span>')
    parts.append("</div>")
    parts.append(f'<div class="article">{_highlighted(report.source or "", findings)}</div>')
    parts.append("</div><aside>")
    for fid, d in findings:
        colour = _COLOURS.get(d.category.value, "#999")
        suggestion = (
            f"<div>Suggestion: <b>{_esc(d.suggestions[0])}</b></div>" if d.suggestions else ""
        )
        parts.append(
            f'<div class="finding" id="{fid}" data-cat="{d.category.value}" '
            f'data-sev="{d.severity.label}" style="--c:{colour}">'
            f'<span class="code">{_esc(d.code)}</span> <span class="sev">{d.severity.label}'
            f" · {_esc(d.category.value)} · {d.start.line}:{d.start.column}</span>"
            f"<div>{_esc(d.message)}</div>{suggestion}</div>"
        )
    parts.append("</aside></section>")
    return "".join(parts)


def render_html(run: Run, **_: Any) -> str:
    """Render the whole run as one self-contained HTML page."""
    reports = sorted(run.files, key=lambda r: r.path)
    total: Counter[str] = Counter(d.category.value for d in run.diagnostics)
    sevs = sorted({d.severity.label for d in run.diagnostics} | {"error", "warning", "info"})
    cats = sorted(set(total) | set(_COLOURS))
    filters = ['<div class="filters">Show: ']
    for cat in cats:
        filters.append(
            f'<label><input type="checkbox" name="cat" value="{cat}" checked> {cat}</label>'
        )
    for sev in sevs:
        filters.append(
            f'<label><input type="checkbox" name="sev" value="{sev}" checked> {sev}</label>'
        )
    filters.append("</div>")
    nav = ""
    if len(reports) > 1:
        links = "".join(
            f'<a href="#file{i}">{_esc(r.path)} ({len(r.diagnostics)})</a>'
            for i, r in enumerate(reports)
        )
        nav = f'<nav class="files">{links}</nav>'
    summary = ", ".join(f"{cat}: {n}" for cat, n in sorted(total.items())) or "no findings"
    body = "".join(_file_section(i, r) for i, r in enumerate(reports))
    meta = _esc(json.dumps({"files": len(reports), "findings": sum(total.values())}))
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>newslint report</title><style>{_CSS}</style></head>"
        f'<body data-summary="{meta}"><header><h1>newslint {__version__} report</h1>'
        f"<div>{len(reports)} file{'s' if len(reports) != 1 else ''} · {_esc(summary)}</div>"
        f"{''.join(filters)}</header>{nav}{body}<script>{_JS}</script></body></html>\n"
    )
