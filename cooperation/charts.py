"""Charts drawn on the server as SVG, each with its figures as a table beside it (the text equivalent).

Only geometry is computed here, from figures the selectors read; the templates in ``templates/cooperation/charts/``
draw it. Nothing is loaded from elsewhere and no script is needed: the pictures work under the site's strict
Content-Security-Policy and without JavaScript, and the table says everything the picture shows.

* :func:`stacked_bars`: counts per period split into kinds (coverage levels per month, measures' follow-up
  status per year);
* :func:`maturity_lines`: a group's stage (1–3) on each maturity dimension across the years of its
  self-assessments, one small line chart per dimension.
"""

from __future__ import annotations

from dataclasses import dataclass

# The plot's frame in the SVG's own units; the picture scales to its container's width.
WIDTH = 640
LEFT = 40  # room for the value axis' labels
RIGHT = 8
TOP = 12
BOTTOM = 28  # room for the period labels


@dataclass(frozen=True, slots=True)
class Segment:
    series: int  # index of its kind: the colour and the legend
    colour: str
    value: int
    y: float
    height: float


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    x: float
    label_x: float
    show_label: bool
    total: int
    segments: list[Segment]


@dataclass(frozen=True, slots=True)
class Tick:
    value: int
    y: float


@dataclass(frozen=True, slots=True)
class StackedBars:
    series: list[str]
    colours: list[str]
    categories: list[str]
    values: list[list[int]]  # per category, per series: the table's rows
    bars: list[Bar]
    ticks: list[Tick]
    bar_width: float
    width: int
    height: int
    plot_bottom: float

    @property
    def legend(self) -> list[tuple[str, str]]:
        return list(zip(self.series, self.colours, strict=True))

    @property
    def rows(self) -> list[tuple[str, list[int], int]]:
        """(period, values per kind, total): the text equivalent's rows."""
        return [(c, v, sum(v)) for c, v in zip(self.categories, self.values, strict=True)]


def _nice_top(value: int) -> int:
    """The value axis' top: the largest total rounded up to 1, 2 or 5 times a power of ten."""
    if value <= 0:
        return 1
    step = 1
    while True:
        for factor in (1, 2, 5):
            if step * factor >= value:
                return step * factor
        step *= 10


def stacked_bars(
    *, categories: list[str], series: list[str], colours: list[str], values: list[list[int]], height: int = 220
) -> StackedBars:
    """One bar per category (a period), its kinds stacked from the bottom in ``series`` order."""
    count = max(len(categories), 1)
    plot_height = height - TOP - BOTTOM
    top = _nice_top(max((sum(row) for row in values), default=0))
    step = (WIDTH - LEFT - RIGHT) / count
    bar_width = min(48.0, step * 0.7)
    # Period labels never overlap: at most one label per 56 units of width.
    every = max(1, round(56 / step + 0.49))
    bars = []
    for index, (label, row) in enumerate(zip(categories, values, strict=True)):
        x = LEFT + index * step + (step - bar_width) / 2
        base = TOP + plot_height
        segments = []
        for kind, value in enumerate(row):
            if value:
                size = plot_height * value / top
                base -= size
                segments.append(Segment(kind, colours[kind], value, round(base, 2), round(size, 2)))
        show = (count - 1 - index) % every == 0  # the latest period always has its label
        bars.append(Bar(label, round(x, 2), round(x + bar_width / 2, 2), show, sum(row), segments))
    ticks = [Tick(value, round(TOP + plot_height * (1 - value / top), 2)) for value in (0, top // 2, top)]
    return StackedBars(
        series, colours, categories, values, bars, ticks, round(bar_width, 2), WIDTH, height, TOP + plot_height
    )


@dataclass(frozen=True, slots=True)
class Point:
    year: int
    stage: int
    x: float
    y: float


@dataclass(frozen=True, slots=True)
class DimensionLine:
    name: str
    top: float  # the band's top in the SVG
    stage_ys: list[tuple[int, float]]  # the band's grid: (stage, y)
    points: list[Point]
    path: str
    stages: list[int | None]  # per year, for the table


@dataclass(frozen=True, slots=True)
class MaturityLines:
    years: list[int]
    year_xs: list[tuple[int, float]]
    lines: list[DimensionLine]
    width: int
    height: int


BAND = 64  # one dimension's band: its name, then stages 3 (top) to 1
BAND_GAP = 18


def maturity_lines(*, years: list[int], dimensions: list[str], stages: dict[tuple[int, int], int]) -> MaturityLines:
    """``stages[(dimension index, year)]`` is the stage given; a year without a rating leaves a gap."""
    count = max(len(years), 1)
    step = (WIDTH - LEFT - RIGHT - 24) / max(count - 1, 1)
    year_x = {
        year: round(LEFT + 12 + (index * step if count > 1 else (WIDTH - LEFT - RIGHT - 24) / 2), 2)
        for index, year in enumerate(years)
    }
    lines = []
    for index, name in enumerate(dimensions):
        top = TOP + index * (BAND + BAND_GAP)
        grid_top = top + 16

        def y_of(stage: int, grid_top: float = grid_top) -> float:
            return round(grid_top + (3 - stage) * (BAND - 24) / 2, 2)

        points = [
            Point(year, stages[(index, year)], year_x[year], y_of(stages[(index, year)]))
            for year in years
            if (index, year) in stages
        ]
        path = " ".join(f"{'M' if n == 0 else 'L'}{p.x} {p.y}" for n, p in enumerate(points))
        lines.append(
            DimensionLine(
                name,
                top,
                [(stage, y_of(stage)) for stage in (1, 2, 3)],
                points,
                path,
                [stages.get((index, year)) for year in years],
            )
        )
    height = TOP + len(dimensions) * (BAND + BAND_GAP) + BOTTOM
    return MaturityLines(years, list(year_x.items()), lines, WIDTH, height)
