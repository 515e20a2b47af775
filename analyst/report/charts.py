"""Charts for the HTML report, drawn as inline SVG (no JavaScript, no library, no network).

Each function returns one `<svg class="chart">` element; every mark carries a `<title>` so
hovering shows its value. Text is escaped; an empty series draws a "no data" note.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from html import escape

WIDTH, HEIGHT, PAD = 760, 260, 44
PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b",
           "#e377c2")


def _svg(label: str, body: list[str], height: int = HEIGHT) -> str:
    return (f'<svg class="chart" role="img" aria-label="{escape(label)}" '
            f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
            f'xmlns="http://www.w3.org/2000/svg">{"".join(body)}</svg>')


def _no_data(label: str) -> str:
    return _svg(label, [f'<text class="empty" x="{WIDTH / 2}" y="{HEIGHT / 2}" '
                        'text-anchor="middle">no data</text>'], 80)


def _axes(x_first: str, x_last: str, y_max: float) -> list[str]:
    bottom, right = HEIGHT - PAD, WIDTH - PAD / 2
    return [f'<line class="axis" x1="{PAD}" y1="{bottom}" x2="{right}" y2="{bottom}"/>',
            f'<line class="axis" x1="{PAD}" y1="{PAD / 2}" x2="{PAD}" y2="{bottom}"/>',
            f'<text x="{PAD}" y="{bottom + 16}">{escape(x_first)}</text>',
            f'<text x="{right}" y="{bottom + 16}" text-anchor="end">{escape(x_last)}</text>',
            f'<text x="{PAD - 6}" y="{PAD / 2 + 4}" text-anchor="end">{y_max:g}</text>',
            f'<text x="{PAD - 6}" y="{bottom}" text-anchor="end">0</text>']


def line_chart(label: str, series: dict[str, Sequence[tuple[date, float]]]) -> str:
    """One polyline per named series over a shared date axis, with a legend."""
    points = [point for values in series.values() for point in values]
    if not points:
        return _no_data(label)
    first, last = min(d for d, _ in points), max(d for d, _ in points)
    y_max = max(max(v for _, v in points), 1)
    span = max((last - first).days, 1)

    def xy(day: date, value: float) -> str:
        x = PAD + (day - first).days / span * (WIDTH - 1.5 * PAD)
        y = HEIGHT - PAD - value / y_max * (HEIGHT - 1.5 * PAD)
        return f"{x:.1f},{y:.1f}"

    body = _axes(first.isoformat(), last.isoformat(), y_max)
    for index, (name, values) in enumerate(series.items()):
        colour = PALETTE[index % len(PALETTE)]
        path = " ".join(xy(d, v) for d, v in sorted(values))
        body.append(f'<polyline class="series" fill="none" stroke="{colour}" '
                    f'stroke-width="1.5" points="{path}"><title>{escape(name)}</title>'
                    '</polyline>')
        if len(values) == 1:  # a line needs two points; a single one is drawn as a dot
            x, y = xy(*values[0]).split(",")
            body.append(f'<circle class="series" cx="{x}" cy="{y}" r="3" fill="{colour}">'
                        f'<title>{escape(name)}</title></circle>')
        if len(series) > 1:
            body.append(f'<text class="legend" x="{WIDTH - PAD}" y="{14 + 14 * index}" '
                        f'text-anchor="end" style="fill: {colour}">{escape(name)}</text>')
    return _svg(label, body)


def bar_chart(label: str, bars: Sequence[tuple[str, float]]) -> str:
    """Horizontal bars, one per (label, value), in the order given."""
    if not bars:
        return _no_data(label)
    row, left = 22, 190
    height = PAD + row * len(bars)
    top = max(value for _, value in bars) or 1
    body = []
    for index, (name, value) in enumerate(bars):
        y = 10 + index * row
        width = value / top * (WIDTH - left - 70)
        body += [f'<text x="{left - 8}" y="{y + 14}" text-anchor="end">{escape(name)}</text>',
                 f'<rect class="bar" x="{left}" y="{y}" width="{width:.1f}" height="{row - 6}"'
                 f' fill="{PALETTE[0]}"><title>{escape(name)}: {value:g}</title></rect>',
                 f'<text x="{left + width + 6:.1f}" y="{y + 14}">{value:g}</text>']
    return _svg(label, body, height)


def heat_map(label: str, names: Sequence[str], counts: dict[tuple[str, str], float]) -> str:
    """A symmetric matrix of counts between `names`, darker for more."""
    if not names:
        return _no_data(label)
    left, cell = 170, min(40, (WIDTH - 190) // len(names))
    height = left + cell * len(names) + 10
    top = max(counts.values(), default=0) or 1
    body = []
    for index, name in enumerate(names):
        y = left + index * cell
        x = left + index * cell + cell / 2
        body += [f'<text x="{left - 6}" y="{y + cell / 2 + 4}" text-anchor="end">'
                 f'{escape(name[:24])}</text>',
                 f'<text x="{x}" y="{left - 6}" transform="rotate(-45 {x} {left - 6})">'
                 f'{escape(name[:24])}</text>']
        for column, other in enumerate(names):
            value = counts.get((name, other), 0)
            body.append(f'<rect class="cell" x="{left + column * cell}" y="{y}" width="{cell}"'
                        f' height="{cell}" fill="{PALETTE[0]}" fill-opacity="'
                        f'{0.05 + 0.95 * value / top:.2f}"><title>{escape(name)} × '
                        f'{escape(other)}: {value:g}</title></rect>')
    return _svg(label, body, height)
