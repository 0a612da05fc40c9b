"""Helpers for the hardening tests: the hostile corpus, generated stress files, the CLI."""

from __future__ import annotations

import os
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "tests" / "corpus"
HOSTILE = CORPUS / "hostile"
SECOND = CORPUS / "second-library"
PWNED = Path("/tmp/policyreader-hostile-pwned")  # the marker the hostile YAML tries to create

GOOD_IDS = {"good-one", "good-two"}
# Files that load (perhaps with a warning) and must be readable.
LOADABLE = {
    "good-one", "good-two", "invalid-date", "duplicate-id-a", "markup-in-text",
    "control-sequences", "html-script", "unclosed-fence", "deeply-nested-block",
}
# File -> words its one `check` line must contain (case-insensitive).
BAD_FILES = {
    "malformed-yaml.md": "invalid yaml",
    "unterminated-front-matter.md": "not terminated",
    "not-a-mapping-list.md": "mapping",
    "not-a-mapping-scalar.md": "mapping",
    "title-a-list.md": "title",
    "title-a-number.md": "title",
    "invalid-date.md": "date",
    "deeply-nested-flow.md": "nested",
    "deeply-nested-block.md": "nested",
    "alias-bomb.md": "alias",
    "python-object-apply.md": "python/object/apply",
    "python-name-tag.md": "python/name",
    "python-object-new.md": "python/object/new",
    "bad-timestamp-tag.md": "invalid yaml",
    "huge-integer.md": "invalid yaml",
    "empty.md": "empty",
    "front-matter-only.md": "no article text",
    "not-utf8-latin1.md": "utf-8",
    "binary-nul.md": "binary",
    "duplicate-id-b.md": "duplicate id",
}

# Every C0/C1 control character but newline (and tab, which the CLI expands anyway).
CONTROL = re.compile(rb"[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]")

# --- generated stress files (too big to commit) ----------------------------------------------

FRONT = "---\ntitle: {title}\n---\n\n"


def nested_list(levels: int = 200) -> str:
    lines = [f"{'  ' * i}- level {i} nestedlistword" for i in range(levels)]
    return FRONT.format(title="Deeply nested list") + "\n".join(lines) + "\n"


def nested_quotes(levels: int = 500) -> str:
    return (FRONT.format(title="Deeply nested blockquotes") + ">" * levels
            + " innermost nestedquoteword words here\n")


def huge_table(rows: int = 2000, cols: int = 20) -> str:
    head = "| " + " | ".join(f"h{c}" for c in range(cols)) + " |"
    rule = "|" + "---|" * cols
    body = ["| " + " | ".join(f"r{r}c{c}" for c in range(cols)) + " |" for r in range(rows)]
    return (FRONT.format(title="Huge table") + "Before the tablewordmarker table.\n\n"
            + "\n".join([head, rule, *body]) + "\n")


def long_line(size: int = 1_000_000) -> str:
    words = ("policy words " * (size // 13 + 1))[:size]
    return FRONT.format(title="A one megabyte line") + f"longlinemarker {words} longlineend\n"


def long_words() -> str:
    word = "Pneumonoultramicroscopic" * 2000  # a 48,000-character word
    url = "https://example.org/" + "a" * 20_000
    return (FRONT.format(title="Very long words") + f"Start longwordmarker {word} end.\n\n"
            f"A link <{url}> and [text]({url}).\n")


def big_file(path: Path, megabytes: int = 24) -> None:
    """Tens of MB of valid Markdown: over the size limit."""
    chunk = ("Lorem ipsum dolor sit amet, policy text. " * 1000 + "\n\n").encode()
    with open(path, "wb") as fh:
        fh.write(b"---\ntitle: Far too big\n---\n\n")
        for _ in range(megabytes * 1024 * 1024 // len(chunk) + 1):
            fh.write(chunk)


def commonmark_examples(count: int = 400, seed: int = 5) -> str:
    """A few hundred CommonMark-style examples: every block and inline construct, with the
    edge cases the spec's examples exercise (laziness, indentation, entities, delimiters...)."""
    fixed = [
        "\tfoo\tbaz\t\tbim", "  \tfoo\tbaz\t\tbim", "    a\ta\n    ὐ\ta", "  - foo\n\n\tbar",
        "- foo\n\n\t\tbar", ">\t\tfoo", "-\t\tfoo", "    foo\n\tbar", " - foo\n   - bar\n\t - baz",
        "#\tFoo", "*\t*\t*\t", "- `one\n- two`", "***\n---\n___", "+++", "===", "--\n**\n__",
        " ***\n  ***\n   ***", "    ***", "Foo\n    ***", "_____________________________________",
        " - - -", " **  * ** * ** * **", "-     -      -      -", "- - - -    ", "_ _ _ _ a\n\na------\n\n---a---",
        " *-*", "- foo\n***\n- bar", "Foo\n***\nbar", "Foo\n---\nbar", "* Foo\n* * *\n* Bar",
        "- Foo\n- * * *", "# foo\n## foo\n### foo\n#### foo\n##### foo\n###### foo", "####### foo",
        "#5 bolt\n\n#hashtag", "\\## foo", "# foo *bar* \\*baz\\*", "#                  foo                     ",
        " ### foo\n  ## foo\n   # foo", "    # foo", "foo\n    # bar", "## foo ##\n  ###   bar    ###",
        "# foo ##################################\n##### foo ##", "### foo ###     ", "### foo ### b",
        "# foo#", "### foo \\###\n## foo #\\##\n# foo \\#", "****\n## foo\n****", "Foo bar\n# baz\nBar foo",
        "## \n#\n### ###", "Foo *bar*\n=========\n\nFoo *bar*\n---------", "Foo *bar\nbaz*\n====",
        "  Foo *bar\nbaz*\t\n====", "Foo\n-------------------------\n\nFoo\n=", "   Foo\n---\n\n  Foo\n-----\n\n  Foo\n  ===",
        "    Foo\n    ---\n\n    Foo\n---", "Foo\n   ----      ", "Foo\n    ---", "Foo\n= =\n\nFoo\n--- -",
        "Foo  \n-----", "Foo\\\n----", "`Foo\n----\n`\n\n<a title=\"a lot\n---\nof dashes\"/>",
        "> Foo\n---", "> foo\nbar\n===", "- Foo\n---", "Foo\nBar\n---", "---\nFoo\n---\nBar\n---\nBaz",
        "\n====", "---\n---", "- foo\n-----", "    foo\n---", "> foo\n-----", "\\> foo\n------",
        "Foo\n\nbar\n---\nbaz", "Foo\nbar\n\n---\n\nbaz", "Foo\nbar\n* * *\nbaz", "Foo\nbar\n\\---\nbaz",
        "    a simple\n      indented code block", "  - foo\n\n    bar", "1.  foo\n\n    - bar",
        "    <a/>\n    *hi*\n\n    - one", "    chunk1\n\n    chunk2\n  \n \n \n    chunk3",
        "    chunk1\n      \n      chunk2", "Foo\n    bar", "    foo\nbar", "# Heading\n    foo\nHeading\n------\n    foo\n----",
        "        foo\n    bar", "\n    \n    foo\n    \n", "    foo  ", "```\n<\n >\n```", "~~~\n<\n >\n~~~",
        "``\nfoo\n``", "```\naaa\n~~~\n```", "~~~\naaa\n```\n~~~", "````\naaa\n```\n``````", "~~~~\naaa\n~~~\n~~~~",
        "```", "`````\n\n```\naaa", "> ```\n> aaa\n\nbbb", "```\n\n  \n```", "```\n```", " ```\n aaa\naaa\n```",
        "  ```\naaa\n  aaa\naaa\n  ```", "   ```\n   aaa\n    aaa\n  aaa\n   ```", "    ```\n    aaa\n    ```",
        "```\naaa\n  ```", "   ```\naaa\n  ```", "```\naaa\n    ```", "``` ```\naaa", "~~~~~~\naaa\n~~~ ~~",
        "foo\n```\nbar\n```\nbaz", "foo\n---\n~~~\nbar\n~~~\n# baz", "```ruby\ndef foo(x)\n  return 3\nend\n```",
        "~~~~    ruby startline=3 $%@#$\ndef foo(x)\n  return 3\nend\n~~~~~~~", "````;\n````", "``` aa ```\nfoo",
        "~~~ aa ``` ~~~\nfoo\n~~~", "```\n``` aaa\n```", "<table><tr><td>\n<pre>\n**Hello**,\n\n_world_.\n</pre>\n</td></tr></table>",
        "<table>\n  <tr>\n    <td>\n           hi\n    </td>\n  </tr>\n</table>\n\nokay.", " <div>\n  *hello*\n         <foo><a>",
        "</div>\n*foo*", "<DIV CLASS=\"foo\">\n\n*Markdown*\n\n</DIV>", "<div id=\"foo\"\n  class=\"bar\">\n</div>",
        "<div id=\"foo\" class=\"bar\n  baz\">\n</div>", "<div>\n*foo*\n\n*bar*", "<div id=\"foo\"\n*hi*", "<div class\nfoo",
        "<div *???-&&&-<---\n*foo*", "<div><a href=\"bar\">*foo*</a></div>", "<table><tr><td>\nfoo\n</td></tr></table>",
        "<div></div>\n``` c\nint x = 33;\n```", "<a href=\"foo\">\n*bar*\n</a>", "<Warning>\n*bar*\n</Warning>",
        "<i class=\"foo\">\n*bar*\n</i>", "</ins>\n*bar*", "<del>\n*foo*\n</del>", "<del>\n\n*foo*\n\n</del>", "<del>*foo*</del>",
        "<pre language=\"haskell\"><code>\nimport Text.HTML.TagSoup\n\nmain :: IO ()\n</code></pre>\nokay",
        "<script type=\"text/javascript\">\n// JavaScript example\n\ndocument.getElementById(\"demo\").innerHTML = \"Hello JavaScript!\";\n</script>\nokay",
        "<textarea>\n\n*foo*\n\n_bar_\n\n</textarea>", "<style\n  type=\"text/css\">\nh1 {color:red;}\n\np {color:blue;}\n</style>\nokay",
        "<style\n  type=\"text/css\">\n\nfoo", "> <div>\n> foo\n\nbar", "- <div>\n- foo", "<style>p{color:red;}</style>\n*foo*",
        "<!-- foo -->*bar*\n*baz*", "<script>\nfoo\n</script>1. *bar*", "<!-- Foo\n\nbar\n   baz -->\nokay",
        "<?php\n\n  echo '>';\n\n?>\nokay", "<!DOCTYPE html>", "<![CDATA[\nfunction matchwo(a,b)\n{\n  if (a < b && a < 0) then {\n    return 1;\n  }\n}\n]]>\nokay",
        "  <!-- foo -->\n\n    <!-- foo -->", "  <div>\n\n    <div>", "Foo\n<div>\nbar\n</div>", "<div>\nbar\n</div>\n*foo*",
        "Foo\n<a href=\"bar\">\nbaz", "[foo]: /url \"title\"\n\n[foo]", "   [foo]: \n      /url  \n           'the title'  \n\n[foo]",
        "[Foo*bar\\]]:my_(url) 'title (with parens)'\n\n[Foo*bar\\]]", "[Foo bar]:\n<my url>\n'title'\n\n[Foo bar]",
        "[foo]: /url '\ntitle\nline1\nline2\n'\n\n[foo]", "[foo]: /url 'title\n\nwith blank line'\n\n[foo]", "[foo]:\n/url\n\n[foo]",
        "[foo]:\n\n[foo]", "[foo]: <>\n\n[foo]", "[foo]: <bar>(baz)\n\n[foo]", "[foo]: /url\\bar\\*baz \"foo\\\"bar\\baz\"\n\n[foo]",
        "[foo]\n\n[foo]: url", "[foo]\n\n[foo]: first\n[foo]: second", "[FOO]: /url\n\n[Foo]", "[ΑΓΩ]: /φου\n\n[αγω]",
        "aaa\n\nbbb", "aaa\nbbb\n\nccc\nddd", "aaa\n\n\nbbb", "  aaa\n bbb", "aaa\n             bbb\n                                       ccc",
        "   aaa\nbbb", "    aaa\nbbb", "aaa     \nbbb     ", "  \n\naaa\n  \n\n# aaa\n\n  ", "> # Foo\n> bar\n> baz",
        "># Foo\n>bar\n> baz", "   > # Foo\n   > bar\n > baz", "    > # Foo\n    > bar\n    > baz", "> # Foo\n> bar\nbaz",
        "> bar\nbaz\n> foo", "> foo\n---", "> - foo\n- bar", ">     foo\n    bar", "> ```\nfoo\n```", "> foo\n    - bar",
        ">", ">\n>  \n> ", ">\n> foo\n>  ", "> foo\n\n> bar", "> foo\n> bar", "> foo\n>\n> bar", "foo\n> bar",
        "> aaa\n***\n> bbb", "> bar\nbaz", "> bar\n\nbaz", "> bar\n>\nbaz", "> > > foo\nbar", ">>> foo\n> bar\n>>baz",
        ">     code\n\n>    not code", "A paragraph\nwith two lines.\n\n    indented code\n\n> A block quote.",
        "1.  A paragraph\n    with two lines.\n\n        indented code\n\n    > A block quote.", "- one\n\n two", "- one\n\n  two",
        " -    one\n\n     two", " -    one\n\n      two", "   > > 1.  one\n>>\n>>     two", ">>- one\n>>\n  >  > two", "-one\n\n2.two",
        "- foo\n\n\n  bar", "1.  foo\n\n    ```\n    bar\n    ```\n\n    baz\n\n    > bam", "- Foo\n\n      bar\n\n\n      baz",
        "123456789. ok", "1234567890. not ok", "0. ok", "003. ok", "-1. not ok", "- foo\n\n      bar", "  10.  foo\n\n           bar",
        "    indented code\n\nparagraph\n\n    more code", "1.     indented code\n\n   paragraph\n\n       more code", "   foo\n\nbar",
        "-    foo\n\n  bar", "-  foo\n\n   bar", "-\n  foo\n-\n  ```\n  bar\n  ```\n-\n      baz", "-   \n  foo", "-\n\n  foo",
        "- foo\n-\n- bar", "- foo\n-   \n- bar", "1. foo\n2.\n3. bar", "*", "foo\n*\n\nfoo\n1.", " 1.  A paragraph\n     with two lines.",
        "    1.  A paragraph\n        with two lines.", "  1.  A paragraph\nwith two lines.", "> 1. > Blockquote\ncontinued here.",
        "- foo\n  - bar\n    - baz\n      - boo", "- foo\n - bar\n  - baz\n   - boo", "10) foo\n    - bar", "10) foo\n   - bar",
        "- - foo", "1. - 2. foo", "- # Foo\n- Bar\n  ---\n  baz", "- foo\n- bar\n+ baz", "1. foo\n2. bar\n3) baz",
        "Foo\n- bar\n- baz", "The number of windows in my house is\n14.  The number of doors is 6.",
        "The number of windows in my house is\n1.  The number of doors is 6.", "- foo\n\n- bar\n\n\n- baz",
        "- foo\n  - bar\n    - baz\n\n\n      bim", "- foo\n- bar\n\n<!-- -->\n\n- baz\n- bim", "- a\n - b\n  - c\n   - d\n  - e\n - f\n- g",
        "1. a\n\n  2. b\n\n   3. c", "- a\n - b\n  - c\n   - d\n    - e", "1. a\n\n  2. b\n\n    3. c", "- a\n- b\n\n- c",
        "* a\n*\n\n* c", "- a\n- b\n\n  c\n- d", "- a\n- b\n\n  [ref]: /url\n- d", "- a\n- ```\n  b\n\n\n  ```\n- c",
        "- a\n  - b\n\n    c\n- d", "* a\n  > b\n  >\n* c", "- a\n  > b\n  ```\n  c\n  ```\n- d", "- a", "- a\n  - b",
        "1. ```\n   foo\n   ```\n\n   bar", "* foo\n  * bar\n\n  baz", "- a\n  - b\n  - c\n\n- d\n  - e\n  - f",
        "`hi`lo`", "\\!\\\"\\#\\$\\%\\&\\'\\(\\)\\*\\+\\,\\-\\.\\/\\:\\;\\<\\=\\>\\?\\@\\[\\\\\\]\\^\\_\\`\\{\\|\\}\\~",
        "\\\t\\A\\a\\ \\3\\φ\\«", "\\*not emphasized*\n\\<br/> not a tag\n\\[not a link](/foo)\n\\`not code`\n1\\. not a list\n\\* not a list\n\\# not a heading\n\\[foo]: /url \"not a reference\"\n\\&ouml; not a character entity",
        "\\\\*emphasis*", "foo\\\nbar", "`` \\[\\` ``", "    \\[\\]", "~~~\n\\[\\]\n~~~", "<https://example.com?find=\\*>",
        "<a href=\"/bar\\/)\">", "[foo](/bar\\* \"ti\\*tle\")", "[foo]\n\n[foo]: /bar\\* \"ti\\*tle\"", "``` foo\\+bar\nfoo\n```",
        "&nbsp; &amp; &copy; &AElig; &Dcaron;\n&frac34; &HilbertSpace; &DifferentialD;\n&ClockwiseContourIntegral; &ngE;",
        "&#35; &#1234; &#992; &#0;", "&#X22; &#XD06; &#xcab;", "&nbsp &x; &#; &#x;\n&#87654321;\n&#abcdef0;\n&ThisIsNotDefined; &hi?;",
        "&copy", "&MadeUpEntity;", "<a href=\"&ouml;&ouml;.html\">", "[foo](/f&ouml;&ouml; \"f&ouml;&ouml;\")",
        "`f&ouml;&ouml;`", "    f&ouml;f&ouml;", "&#42;foo&#42;\n*foo*", "&#42; foo\n\n* foo", "foo&#10;&#10;bar", "&#9;foo",
        "[a](url &quot;tit&quot;)", "`foo`", "`` foo ` bar ``", "` `` `", "`  ``  `", "` a`", "` b `", "` `\n`  `",
        "``\nfoo\nbar  \nbaz\n``", "``\nfoo \n``", "`foo   bar \nbaz`", "`foo\\`bar`", "``foo`bar``", "` foo `` bar `",
        "*foo`*`", "[not a `link](/foo`)", "`<a href=\"`\">`", "<a href=\"`\">`", "`<https://foo.bar.`baz>`",
        "<https://foo.bar.`baz>`", "```foo``", "`foo", "`foo``bar``", "*foo bar*", "a * foo bar*", "a*\"foo\"*",
        "* a *", "*$*alpha.\n\n*£*bravo.\n\n*€*charlie.", "foo*bar*", "5*6*78", "_foo bar_", "_ foo bar_", "a_\"foo\"_",
        "foo_bar_", "5_6_78", "пристаням_стремятся_", "aa_\"bb\"_cc", "foo-_(bar)_", "_foo*", "*foo bar *", "*foo bar\n*",
        "*(*foo)", "*(*foo*)*", "*foo*bar", "_foo bar _", "_(_foo)", "_(_foo_)_", "_foo_bar", "_пристаням_стремятся",
        "_foo_bar_baz_", "_(bar)_.", "**foo bar**", "** foo bar**", "a**\"foo\"**", "foo**bar**", "__foo bar__",
        "__ foo bar__", "__\nfoo bar__", "a__\"foo\"__", "foo__bar__", "5__6__78", "пристаням__стремятся__",
        "__foo, __bar__, baz__", "foo-__(bar)__", "**foo bar **", "**(**foo)", "*(**foo**)*",
        "**Gomphocarpus (*Gomphocarpus physocarpus*, syn.\n*Asclepias physocarpa*)**", "**foo \"*bar*\" foo**",
        "**foo**bar", "__foo bar __", "__(__foo)", "_(__foo__)_", "__foo__bar", "__пристаням__стремятся",
        "__foo__bar__baz__", "__(bar)__.", "*foo [bar](/url)*", "*foo\nbar*", "_foo __bar__ baz_", "_foo _bar_ baz_",
        "__foo_ bar_", "*foo *bar**", "*foo **bar** baz*", "*foo**bar**baz*", "*foo**bar*", "***foo** bar*",
        "*foo **bar***", "*foo**bar***", "foo***bar***baz", "foo******bar*********baz", "*foo **bar *baz* bim** bop*",
        "*foo [*bar*](/url)*", "** is not an empty emphasis", "**** is not an empty strong emphasis",
        "**foo [bar](/url)**", "**foo\nbar**", "__foo _bar_ baz__", "__foo __bar__ baz__", "____foo__ bar__",
        "**foo **bar****", "**foo *bar* baz**", "**foo*bar*baz**", "***foo* bar**", "**foo *bar***",
        "**foo *bar **baz**\nbim* bop**", "**foo [*bar*](/url)**", "__ is not an empty emphasis", "____ is not an empty strong emphasis",
        "foo ***", "foo *\\**", "foo *_*", "foo *****", "foo **\\***", "foo **_**", "**foo*", "*foo**", "***foo**",
        "****foo*", "**foo***", "*foo****", "foo ___", "foo _\\__", "foo _*_", "foo _____", "foo __\\___", "foo __*__",
        "__foo_", "_foo__", "___foo__", "____foo_", "__foo___", "_foo____", "**foo**", "*_foo_*", "__foo__", "_*foo*_",
        "****foo****", "____foo____", "******foo******", "***foo***", "_____foo_____", "*foo _bar* baz_",
        "*foo __bar *baz bim__ bam*", "**foo **bar baz**", "*foo *bar baz*", "*[bar*](/url)", "_foo [bar_](/url)",
        "*<img src=\"foo\" title=\"*\"/>", "**<a href=\"**\">", "__<a href=\"__\">", "*a `*`*", "_a `_`_",
        "**a<https://foo.bar/?q=**>", "__a<https://foo.bar/?q=__>", "[link](/uri \"title\")", "[link](/uri)",
        "[](./target.md)", "[link]()", "[link](<>)", "[]()", "[link](/my uri)", "[link](</my uri>)", "[link](foo\nbar)",
        "[link](<foo\nbar>)", "[a](<b)c>)", "[link](<foo\\>)", "[a](<b)c\n[a](<b)c>\n[a](<b>c)", "[link](\\(foo\\))",
        "[link](foo(and(bar)))", "[link](foo(and(bar))", "[link](foo\\(and\\(bar\\))", "[link](<foo(and(bar)>)",
        "[link](foo\\)\\:)", "[link](#fragment)\n\n[link](https://example.com#fragment)\n\n[link](https://example.com?foo=3#frag)",
        "[link](foo\\bar)", "[link](foo%20b&auml;)", "[link](\"title\")", "[link](/url \"title\")\n[link](/url 'title')\n[link](/url (title))",
        "[link](/url \"title \\\"&quot;\")", "[link](/url\u00a0\"title\")", "[link](/url \"title \"and\" title\")",
        "[link](   /uri\n  \"title\"  )", "[link] (/uri)", "[link [foo [bar]]](/uri)", "[link] bar](/uri)", "[link [bar](/uri)",
        "[link \\[bar](/uri)", "[link *foo **bar** `#`*](/uri)", "[![moon](moon.jpg)](/uri)", "[foo [bar](/uri)](/uri)",
        "[foo *[bar [baz](/uri)](/uri)*](/uri)", "![[[foo](uri1)](uri2)](uri3)", "*[foo*](/uri)", "[foo *bar](baz*)",
        "*foo [bar* baz]", "[foo <bar attr=\"](baz)\">", "[foo`](/uri)`", "[foo<https://example.com/?search=](uri)>",
        "[foo][bar]\n\n[bar]: /url \"title\"", "[link [foo [bar]]][ref]\n\n[ref]: /uri", "[link \\[bar][ref]\n\n[ref]: /uri",
        "[foo][BaR]\n\n[bar]: /url \"title\"", "[ẞ]\n\n[SS]: /url", "[Foo\n  bar]: /url\n\n[Baz][Foo bar]",
        "[foo] [bar]\n\n[bar]: /url \"title\"", "[foo]\n[bar]\n\n[bar]: /url \"title\"", "[foo]: /url1\n\n[foo]: /url2\n\n[bar][foo]",
        "[bar][foo\\!]\n\n[foo!]: /url", "[foo][ref[]\n\n[ref[]: /uri", "[foo][ref[bar]]\n\n[ref[bar]]: /uri", "[[[foo]]]\n\n[[[foo]]]: /url",
        "[foo][ref\\[]\n\n[ref\\[]: /uri", "[bar\\\\]: /uri\n\n[bar\\\\]", "[]\n\n[]: /uri", "[\n ]\n\n[\n ]: /uri",
        "[foo][]\n\n[foo]: /url \"title\"", "[*foo* bar][]\n\n[*foo* bar]: /url \"title\"", "[foo] \n[]\n\n[foo]: /url \"title\"",
        "[foo]\n\n[foo]: /url \"title\"", "[[*foo* bar]]\n\n[*foo* bar]: /url \"title\"", "[[bar [foo]\n\n[foo]: /url",
        "\\[foo]\n\n[foo]: /url \"title\"", "[foo*]: /url\n\n*[foo*]", "[foo][bar][baz]\n\n[baz]: /url1\n[bar]: /url2",
        "![foo](/url \"title\")", "![foo *bar*]\n\n[foo *bar*]: train.jpg \"train & tracks\"", "![foo ![bar](/url)](/url2)",
        "![foo [bar](/url)](/url2)", "![foo](train.jpg)", "My ![foo bar](/path/to/train.jpg  \"title\"   )", "![foo](<url>)",
        "![](/url)", "![foo][bar]\n\n[bar]: /url", "![foo]\n\n[foo]: /url \"title\"", "!\\[foo]\n\n[foo]: /url \"title\"",
        "\\![foo]\n\n[foo]: /url \"title\"", "<http://foo.bar.baz>", "<https://foo.bar.baz/test?q=hello&id=22&boolean>",
        "<irc://foo.bar:2233/baz>", "<MAILTO:FOO@BAR.BAZ>", "<a+b+c:d>", "<made-up-scheme://foo,bar>", "<https://../>",
        "<localhost:5001/foo>", "<https://foo.bar/baz bim>", "<https://example.com/\\[\\>", "<foo@bar.example.com>",
        "<foo+special@Bar.baz-bar0.com>", "<foo\\+@bar.example.com>", "<>", "< https://foo.bar >", "<m:abc>", "<foo.bar.baz>",
        "https://example.com", "foo@bar.example.com", "<a><bab><c2c>", "<a/><b2/>", "<a  /><b2\ndata=\"foo\" >",
        "<a foo=\"bar\" bam = 'baz <em>\"</em>'\n_boolean zoop:33=zoop:33 />", "Foo <responsive-image src=\"foo.jpg\" />",
        "<33> <__>", "<a h*#ref=\"hi\">", "<a href=\"hi'> <a href=hi'>", "< a><\nfoo><bar/ >\n<foo bar=baz\nbim!bop />",
        "<a href='bar'title=title>", "</a></foo >", "</a href=\"foo\">", "foo <!-- this is a --\ncomment - with hyphens -->",
        "foo <!--> foo -->\n\nfoo <!---> foo -->", "foo <?php echo $a; ?>", "foo <!ELEMENT br EMPTY>", "foo <![CDATA[>&<]]>",
        "foo <a href=\"&ouml;\">", "foo <a href=\"\\*\">", "<a href=\"\\\"\">", "foo  \nbaz", "foo\\\nbaz", "foo       \nbaz",
        "foo  \n     bar", "foo\\\n     bar", "*foo  \nbar*", "*foo\\\nbar*", "`code  \nspan`", "`code\\\nspan`",
        "<a href=\"foo  \nbar\">", "<a href=\"foo\\\nbar\">", "foo\\", "foo  ", "### foo\\", "### foo  ", "foo\nbaz",
        "foo \n baz", "hello $.;'there", "Foo χρῆν", "Multiple     spaces",
    ]
    rng = random.Random(seed)
    out = list(fixed)
    pieces = ["*a*", "**b**", "`c`", "[d](e)", "<f>", "\\*", "&amp;", "_g_", "~~h~~", "![i](j)", "> ", "- ", "1. ",
              "# ", "```", "    ", "<div>", "|x|y|", "---", "[k]: /l", "\n", "\n\n", "***", "<!--", "-->"]
    while len(out) < count:
        out.append("".join(rng.choice(pieces) + rng.choice(["", " word", " text "]) for _ in range(8)))
    body = "\n\n".join(f"Example {n} cmexamplemarker\n\n{ex}\n\n<!-- end -->" for n, ex in
                       enumerate(out, 1))
    return FRONT.format(title="CommonMark examples") + body + "\n"


def hostile_library(dest: Path, *, big: bool = True) -> Path:
    """Copy the committed corpus to `dest` and add the generated cases beside it."""
    shutil.copytree(HOSTILE, dest, symlinks=True)
    (dest / "nested-list-200.md").write_text(nested_list(), encoding="utf-8")
    (dest / "nested-quotes-500.md").write_text(nested_quotes(), encoding="utf-8")
    (dest / "huge-table.md").write_text(huge_table(), encoding="utf-8")
    (dest / "long-line-1mb.md").write_text(long_line(), encoding="utf-8")
    (dest / "long-words.md").write_text(long_words(), encoding="utf-8")
    (dest / "commonmark-examples.md").write_text(commonmark_examples(), encoding="utf-8")
    if big:
        big_file(dest / "very-large.md")
    # A link to itself, a link loop through two names, and a folder link loop.
    os.symlink("self-loop.md", dest / "self-loop.md")
    os.symlink("loop-b.md", dest / "loop-a.md")
    os.symlink("loop-a.md", dest / "loop-b.md")
    (dest / "sub").mkdir()
    os.symlink("..", dest / "sub" / "up")
    os.symlink(".", dest / "sub" / "here.md")
    # A file name carrying a terminal escape sequence.
    (dest / "name\x1b]0;pwned\x07\x1b[31m.md").write_text(
        "---\ntitle: Evil file name\n---\n\nThe file name has escapes, evilnamemarker.\n", "utf-8")
    return dest


GENERATED_LOADABLE = {"nested-list-200", "nested-quotes-500", "huge-table", "long-line-1mb",
                      "long-words", "commonmark-examples"}
GENERATED_BAD = {
    "very-large.md": "larger than",
    "self-loop.md": "loop",
    "loop-a.md": "loop",
    "loop-b.md": "loop",
}


def cli_env(tmp: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("POLICYREADER_")}
    home = tmp / "home"
    home.mkdir(parents=True, exist_ok=True)
    env.update(
        HOME=str(home), XDG_DATA_HOME=str(home / "xdg-data"), XDG_CACHE_HOME=str(home / "xdg-cache"),
        XDG_CONFIG_HOME=str(home / "xdg-config"), XDG_STATE_HOME=str(home / "xdg-state"),
        POLICYREADER_DATA_DIR=str(tmp / "data"), POLICYREADER_CACHE_DIR=str(tmp / "cache"),
        PYTHONPATH=str(REPO), COLUMNS="100",
    )
    env.update(extra)
    return env


def run_cli(tmp: Path, *args: str | Path, timeout: float = 60, env: dict[str, str] | None = None,
            **extra: str) -> subprocess.CompletedProcess[bytes]:
    """`python -m reader ARGS` in a subprocess, output as bytes (to check for control bytes)."""
    return subprocess.run(
        [sys.executable, "-m", "reader", *map(str, args)],
        cwd=tmp, env=env or cli_env(tmp, **extra), capture_output=True, timeout=timeout,
    )
