"""Check that HTML files are balanced: every element that is opened is
closed, in order (void elements and SVG's self-closing ones aside), and
that each page has one h1, a lang, a viewport and a title.  Browsers mend
what is not, which is why a test should not rely on them for it.

usage: html-check.py FILE...   (prints one line per problem; exit 1)
"""
import sys
from html.parser import HTMLParser

VOID = {'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link',
        'meta', 'source', 'track', 'wbr'}


class Checker(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack, self.problems, self.seen = [], [], {}

    def handle_starttag(self, tag, attrs):
        # SVG has <title>s of its own.
        if not any(t == 'svg' for t, _ in self.stack):
            self.seen[tag] = self.seen.get(tag, 0) + 1
        a = dict(attrs)
        if tag == 'html' and not a.get('lang'):
            self.problems.append('<html> without lang')
        if tag == 'meta' and a.get('name') == 'viewport':
            self.seen['viewport'] = 1
        if tag not in VOID:
            self.stack.append((tag, self.getpos()))

    def handle_startendtag(self, tag, attrs):
        self.seen[tag] = self.seen.get(tag, 0) + 1

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1][0] != tag:
            self.problems.append('line %d: </%s> closes %s' % (
                self.getpos()[0], tag,
                '<%s> of line %d' % (self.stack[-1][0],
                                     self.stack[-1][1][0])
                if self.stack else 'nothing'))
            return
        self.stack.pop()


def check(path):
    c = Checker()
    with open(path, encoding='utf-8') as f:
        c.feed(f.read())
    c.close()
    problems = c.problems
    problems += ['<%s> of line %d never closed' % (t, p[0])
                 for t, p in c.stack]
    for tag in ('h1', 'title', 'viewport', 'main'):
        if c.seen.get(tag, 0) != 1:
            problems.append('%d <%s>, want 1' % (c.seen.get(tag, 0), tag))
    return ['%s: %s' % (path, p) for p in problems]


def main(argv):
    problems = [p for f in argv[1:] for p in check(f)]
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
