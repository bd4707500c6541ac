from django import template

from jobs.sources import source_label as _source_label

register = template.Library()


@register.filter
def source_label(kind: str) -> str:
    return _source_label(kind)
