"""The render plan: one `Page` per output file, with a typed context and a fingerprint."""

from newsgen.pages.common import Page
from newsgen.pages.markup import Span, markup_spans
from newsgen.pages.plan import make_plan, plan_pages

__all__ = ["Page", "Span", "make_plan", "markup_spans", "plan_pages"]
