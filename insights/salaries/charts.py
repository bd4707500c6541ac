"""Plotly figures of salary distributions (dicts of the plotly.js schema, as insights.charts)."""

from __future__ import annotations

from babel import Locale, UnknownLocaleError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from insights.charts import GRID, PRIMARY, Figure, _layout
from insights.salaries.analysis import Group

#: A box per group; groups beyond this many are in the table only (the chart would be unreadable).
MAX_BOXES = 12


#: Longer group names are cut in the chart (the table and the hover keep them whole), so the boxes
#: keep most of a phone's width.
LABEL_CHARS = 16


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip(" ,·&") + "…"


def _separators() -> str:
    """Plotly's ``separators`` (decimal mark, then thousands) for the active language: ".," in English, ",." in
    German. Only how the ticks and hover read: the figure's numbers stay plain JSON numbers."""
    try:
        locale = Locale.parse(translation.to_locale(translation.get_language() or "en"))
    except (UnknownLocaleError, ValueError):
        return ".,"
    symbols = locale.number_symbols["latn"]
    return f"{symbols.get('decimal', '.')}{symbols.get('group', ',')}"


def box_chart(groups: list[Group], currency: str) -> Figure:
    """One horizontal box per group (median, quartiles, whiskers to the extremes), the first on top."""
    shown = groups[:MAX_BOXES][::-1]  # plotly draws the first trace at the bottom
    return {
        # Box statistics computed on the server (plotly's precomputed boxes): the page carries five
        # numbers per group, not every job's salary. Whiskers reach the lowest and highest.
        "data": [
            {
                "type": "box",
                "orientation": "h",
                "name": _short(group.label),
                "y": [_short(group.label)],
                "q1": [group.stats.q1],
                "median": [group.stats.median],
                "q3": [group.stats.q3],
                "lowerfence": [group.stats.lowest],
                "upperfence": [group.stats.highest],
                "marker": {"color": PRIMARY},
                "line": {"color": PRIMARY, "width": 1.5},
                "fillcolor": "rgba(36,87,214,0.15)",
                "hovertemplate": "%{x:,.0f} " + currency + "<extra>" + ngettext(
                    "%(group)s (%(count)d job)", "%(group)s (%(count)d jobs)", group.stats.count)
                % {"group": group.label, "count": group.stats.count} + "</extra>",
            }
            for group in shown
        ],
        "layout": _layout(
            height=max(180, 44 * len(shown) + 70),
            separators=_separators(),
            margin={"l": 8, "r": 16, "t": 8, "b": 40},
            # "80k" ticks and a short title: the chart stays readable 390 px wide.
            xaxis={"gridcolor": GRID, "zeroline": False, "automargin": True, "tickformat": "~s", "nticks": 5,
                   # Translators: the axis title of the salary charts: "EUR a year".
                   "title": {"text": _("%(currency)s a year") % {"currency": currency}}},
            yaxis={"automargin": True},
        ),
    }
