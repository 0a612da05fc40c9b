"""The core's public API: everything the reader (`reader.tui`) and other front ends may use.

    from reader.api import Session, Article, Quote, NotFound

Each name is re-exported from the module that defines it, and imported only when first asked
for: the reader's start must not pay for the Markdown parser or the exporters before an
article is open or an export is made. An import-linter contract (pyproject.toml) checks that
`reader.tui` imports the core through this module only.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from reader import __version__ as __version__
    from reader.catalog import Catalog as Catalog
    from reader.catalog import Detected as Detected
    from reader.catalog import NotFound as NotFound
    from reader.clean import clean as clean
    from reader.clean import clean_line as clean_line
    from reader.errors import Cancelled as Cancelled
    from reader.errors import ReaderError as ReaderError
    from reader.export import ExportError as ExportError
    from reader.export import citation as citation
    from reader.export import citation_line as citation_line
    from reader.export import collect as collect
    from reader.export import export_count as export_count
    from reader.export import export_quotes as export_quotes
    from reader.export import human_date as human_date
    from reader.library import Article as Article
    from reader.library import LoadProblem as LoadProblem
    from reader.links import browser_available as browser_available
    from reader.links import is_safe_url as is_safe_url
    from reader.obsidian import export_to_vault as export_to_vault
    from reader.obsidian import vault_summary as vault_summary
    from reader.paths import Paths as Paths
    from reader.paths import config_folder as config_folder
    from reader.paths import default_export_dir as default_export_dir
    from reader.quotefields import scopes_for as scopes_for
    from reader.quotefields import uses_quote_fields as uses_quote_fields
    from reader.quotes import Quote as Quote
    from reader.quotesearch import QuoteHit as QuoteHit
    from reader.quotesearch import QuoteIndex as QuoteIndex
    from reader.session import Session as Session
    from reader.store import ArticleState as ArticleState
    from reader.store import StoreError as StoreError
    from reader.text import Block as Block
    from reader.text import Document as Document
    from reader.text import Span as Span
    from reader.text import sentences as sentences
    from reader.text import term_spans as term_spans
    from reader.textparts import Heading as Heading
    from reader.textparts import Link as Link
    from reader.textparts import link_list as link_list
    from reader.textparts import links as links
    from reader.textparts import outline as outline
    from reader.textparts import section_at as section_at
    from reader.textparts import superscript as superscript
    from reader.types import ALL_OF as ALL_OF
    from reader.types import FACET_KINDS as FACET_KINDS
    from reader.types import QUOTE_KINDS as QUOTE_KINDS
    from reader.types import QUOTE_STATUSES as QUOTE_STATUSES
    from reader.types import READ_STATES as READ_STATES
    from reader.types import UNDATED as UNDATED
    from reader.types import FacetChoice as FacetChoice
    from reader.types import FacetCount as FacetCount
    from reader.types import FacetKind as FacetKind
    from reader.types import Facets as Facets
    from reader.types import QuoteKind as QuoteKind
    from reader.types import QuoteStatus as QuoteStatus
    from reader.types import ReadState as ReadState
    from reader.types import SearchHit as SearchHit
    from reader.userconfig import set_default_style as set_default_style
    from reader.web.service import add_sources as add_sources
    from reader.web.service import check_sources as check_sources
    from reader.web.service import fetch_feeds as fetch_feeds
    from reader.web.service import own_library as own_library
    from reader.worddiff import Run as Run
    from reader.worddiff import text_changes as text_changes
    from reader.worddiff import word_diff as word_diff

# name -> the module that defines it
_SOURCES = {
    "__version__": "reader",
    "Catalog": "reader.catalog",
    "Detected": "reader.catalog",
    "NotFound": "reader.catalog",
    "clean": "reader.clean",
    "clean_line": "reader.clean",
    "Cancelled": "reader.errors",
    "ReaderError": "reader.errors",
    "ExportError": "reader.export",
    "citation": "reader.export",
    "citation_line": "reader.export",
    "collect": "reader.export",
    "export_count": "reader.export",
    "export_quotes": "reader.export",
    "human_date": "reader.export",
    "Article": "reader.library",
    "LoadProblem": "reader.library",
    "browser_available": "reader.links",
    "is_safe_url": "reader.links",
    "set_default_style": "reader.userconfig",
    "export_to_vault": "reader.obsidian",
    "vault_summary": "reader.obsidian",
    "Paths": "reader.paths",
    "config_folder": "reader.paths",
    "default_export_dir": "reader.paths",
    "scopes_for": "reader.quotefields",
    "uses_quote_fields": "reader.quotefields",
    "Quote": "reader.quotes",
    "QuoteHit": "reader.quotesearch",
    "QuoteIndex": "reader.quotesearch",
    "Session": "reader.session",
    "ArticleState": "reader.store",
    "StoreError": "reader.store",
    "Block": "reader.text",
    "Document": "reader.text",
    "Span": "reader.text",
    "sentences": "reader.text",
    "term_spans": "reader.text",
    "Heading": "reader.textparts",
    "Link": "reader.textparts",
    "link_list": "reader.textparts",
    "links": "reader.textparts",
    "outline": "reader.textparts",
    "section_at": "reader.textparts",
    "superscript": "reader.textparts",
    "ALL_OF": "reader.types",
    "FACET_KINDS": "reader.types",
    "UNDATED": "reader.types",
    "QUOTE_KINDS": "reader.types",
    "QUOTE_STATUSES": "reader.types",
    "READ_STATES": "reader.types",
    "FacetChoice": "reader.types",
    "FacetCount": "reader.types",
    "FacetKind": "reader.types",
    "Facets": "reader.types",
    "QuoteKind": "reader.types",
    "QuoteStatus": "reader.types",
    "ReadState": "reader.types",
    "SearchHit": "reader.types",
    "add_sources": "reader.web.service",
    "check_sources": "reader.web.service",
    "fetch_feeds": "reader.web.service",
    "own_library": "reader.web.service",
    "Run": "reader.worddiff",
    "text_changes": "reader.worddiff",
    "word_diff": "reader.worddiff",
}

__all__ = sorted(_SOURCES)


def __getattr__(name: str) -> object:
    # Looked up in its module each time (not kept here): a name replaced there, as tests do,
    # is replaced here too.
    source = _SOURCES.get(name)
    if source is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(__import__(source, fromlist=[name]), name)


def __dir__() -> list[str]:
    return __all__
