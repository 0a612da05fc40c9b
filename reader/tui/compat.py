"""Every use of a private Textual name, in one place (Textual 8.2.8, pinned in pyproject).

Each entry below says what it is for and why no public API does it. `PRIVATE_NAMES` lists them
all; a test checks that each still exists in the installed Textual (so an upgrade that removes
one fails there, not in front of a user) and that no other module of the reader uses them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from textual.dom import DOMNode

if TYPE_CHECKING:
    from rich.style import Style
    from textual.css.styles import RenderStyles
    from textual.strip import Strip
    from textual.widget import Widget
    from textual.widgets import Tree

    T = Any


class PrivateName(NamedTuple):
    owner: str  # "module:Class" in Textual
    name: str
    instance: bool  # an attribute set on instances, not on the class
    why: str


PRIVATE_NAMES: tuple[PrivateName, ...] = (
    PrivateName(
        "textual.dom:DOMNode",
        "_get_component_classes",
        False,
        "the stylesheet styles every COMPONENT_CLASSES entry of a widget at each restyle; "
        "returning none of them lets CachedStyles style each one when first used",
    ),
    PrivateName(
        "textual.dom:DOMNode",
        "_component_styles",
        True,
        "the cache get_component_styles reads: CachedStyles fills it lazily",
    ),
    PrivateName(
        "textual.message_pump:MessagePump",
        "_attach",
        False,
        "a never-mounted node styled as a child of a widget (how Textual styles component "
        "classes): styled_node, for the key hints' parts and lazy component styles",
    ),
    PrivateName(
        "textual.widgets._tree:Tree",
        "_render_line",
        False,
        "Tree.render_line with the widget's style given once per drawing (line_style)",
    ),
    PrivateName(
        "textual.widgets._tree:Tree",
        "_line_cache",
        True,
        "on a resize only the tree's line cache follows the height (Tree._on_resize "
        "relays out and redraws the whole tree, which the first frame does not need)",
    ),
    PrivateName(
        "textual.widgets._tree:Tree",
        "_on_resize",
        False,
        "the handler LibraryTree.on_resize replaces (prevent_default): if it is renamed, "
        "the replacement silently stops working",
    ),
    PrivateName(
        "textual.widget:Widget",
        "_scroll_right_for_pointer",
        False,
        "the wheel scrolls the key hints sideways as it scrolls the Footer",
    ),
    PrivateName(
        "textual.widget:Widget",
        "_scroll_left_for_pointer",
        False,
        "the wheel scrolls the key hints sideways as it scrolls the Footer",
    ),
)


# -- component classes (CachedStyles) ---------------------------------------------------------


def no_eager_component_classes(cls: type[T]) -> type[T]:
    """Class decorator: the stylesheet styles none of the class's component classes itself.

    `DOMNode._get_component_classes` is an lru_cached classmethod the stylesheet calls at each
    restyle; this class answers "none", and `component_classes(cls)` keeps the real answer.
    """

    def _get_component_classes(klass: type) -> frozenset[str]:
        return frozenset()

    cls._get_component_classes = classmethod(_get_component_classes)  # type: ignore[attr-defined]
    return cls


def component_classes(cls: type) -> frozenset[str]:
    """Every component class of a widget class (its own and inherited), as Textual counts them."""
    return DOMNode._get_component_classes.__func__(cls)  # type: ignore[attr-defined,no-any-return]


def component_styles(widget: DOMNode) -> dict[str, RenderStyles]:
    """The widget's cache of styled component classes (read by get_component_styles)."""
    return widget._component_styles


def styled_node(parent: DOMNode, classes: str) -> DOMNode:
    """A node that is never mounted, styled by the app's stylesheet as a child of `parent`
    with these classes would be: how Textual styles a widget's component classes."""
    node = DOMNode(classes=classes)
    node._attach(parent)
    parent.app.stylesheet.apply(node)
    return node


# -- the Tree (LibraryTree) ---------------------------------------------------------------------


def tree_render_line(tree: Tree[Any], y: int, x1: int, x2: int, style: Style) -> Strip:
    """Line `y` of the tree (scrolled), columns x1 to x2, over `style`."""
    return tree._render_line(y, x1, x2, style)


def tree_cache_height(tree: Tree[Any], height: int) -> None:
    """Let the tree's line cache hold `height` lines (what Tree's resize handler does first)."""
    tree._line_cache.grow(height)


# -- sideways wheel scrolling (KeyHints) --------------------------------------------------------


def scroll_for_pointer(widget: Widget, right: bool) -> bool:
    """Scroll a step right (or left) as the mouse wheel does; True if it moved."""
    if right:
        return widget._scroll_right_for_pointer(animate=True)
    return widget._scroll_left_for_pointer(animate=True)
