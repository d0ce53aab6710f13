#!/usr/bin/env python3
"""Write src/model/klogmonth_table.c: month names of every glibc locale.

dmesg -T (util-linux) prints its time with strftime "%a %b %e %H:%M:%S %Y"
in the user's LC_TIME locale, so the month is exactly one of the locale's
`abmon` strings. This script reads `abmon` and `abday` from every glibc
locale source (following `copy "other"`) and writes a sorted table of UTF-8
strings -> month for klogmonth.c:
- a string with the same month in every locale that has it: that month;
- a string naming different months in different locales: month 0, plus one
  entry per "abday abmon" pair of those locales (what dmesg prints before
  the day), with its month, or month 0 with the candidate months and the
  weekday when even the pair is shared (the date's weekday then decides).
Before writing, it replays every date of 2024-2027 in every locale through
the same lookup (find_month below) and fails if any gives a wrong month.

Needs the glibc locale sources (Debian: apt-get install locales) only when it
is run; the checked-in C file is what builds.

Usage: python3 scripts/gen-klogmonth.py [--locales DIR] [--out FILE]
                                        [--check] [--verbose]
  --check    exit 1 if FILE differs from what would be generated
  --verbose  list the locales where some date gives month 0
"""
import argparse
import os
import re
import sys

# Locale sources that are templates, not locales a user can select.
NOT_LOCALES = {"i18n", "POSIX"}


class LocaleError(Exception):
    pass


def logical_lines(path):
    """Lines of a locale source with comments removed and continuations
    joined; returns (lines, escape_char)."""
    with open(path, encoding="utf-8", errors="surrogateescape") as f:
        raw = f.read().split("\n")
    comment, escape = "#", "\\"
    out, cur = [], ""
    for line in raw:
        m = re.match(r"^\s*comment_char\s+(\S)\s*$", line)
        if m:
            comment = m.group(1)
            continue
        m = re.match(r"^\s*escape_char\s+(\S)\s*$", line)
        if m:
            escape = m.group(1)
            continue
        if not cur and line.lstrip().startswith(comment):
            continue
        # a line ending in the escape char goes on, even after a comment
        # (uk_UA: `"<U0441><U0456><U0447>"; %sich /`)
        more = line.rstrip().endswith(escape) and not line.rstrip().endswith(escape * 2)
        if more:
            line = line.rstrip()[:-1]
        line = strip_comment(line, comment, escape)
        if more:
            cur += line
            continue
        out.append(cur + line)
        cur = ""
    if cur:
        out.append(cur)
    return out, escape


def strip_comment(line, comment, escape):
    """Remove a comment that starts outside a quoted string."""
    quoted, i = False, 0
    while i < len(line):
        c = line[i]
        if c == escape and i + 1 < len(line):
            i += 2
            continue
        if c == '"':
            quoted = not quoted
        elif c == comment and not quoted:
            return line[:i].rstrip()
        i += 1
    return line


def decode_value(text, escape):
    """A `;`-separated list of strings ("a<U0062>" or <U0061><U0062>)."""
    items, cur, i, quoted, started = [], [], 0, False, False
    while i < len(text):
        c = text[i]
        if c == escape and i + 1 < len(text):
            cur.append(text[i + 1])
            i += 2
            started = True
            continue
        if c == "<":
            j = text.index(">", i)
            sym = text[i + 1 : j]
            if re.fullmatch(r"U[0-9A-Fa-f]{4,8}", sym):
                cur.append(chr(int(sym[1:], 16)))
            else:
                raise LocaleError("symbolic name <%s>" % sym)
            i = j + 1
            started = True
            continue
        if c == '"':
            quoted = not quoted
            started = True
        elif c == ";" and not quoted:
            items.append("".join(cur))
            cur, started = [], False
        elif quoted:
            cur.append(c)
        elif not c.isspace():
            raise LocaleError("unquoted %r in %r" % (c, text))
        i += 1
    if started or cur:
        items.append("".join(cur))
    return items


def lc_time(locdir, name, seen=()):
    """LC_TIME keywords of a locale as {keyword: [strings]}, copy resolved."""
    if name in seen:
        raise LocaleError("copy loop " + " -> ".join(seen + (name,)))
    path = os.path.join(locdir, name)
    if not os.path.isfile(path):
        raise LocaleError("no locale source " + name)
    lines, escape = logical_lines(path)
    inside, found, kw = False, False, {}
    for line in lines:
        s = line.strip()
        if not s:
            continue
        if s == "LC_TIME":
            inside = found = True
            continue
        if s == "END LC_TIME":
            inside = False
            continue
        if not inside:
            continue
        m = re.match(r"^(\S+)\s*(.*)$", s)
        key, rest = m.group(1), m.group(2)
        if key == "copy":
            other = decode_value(rest, escape)[0]
            base = lc_time(locdir, other, seen + (name,))
            base.update(kw)
            kw = base
        elif key in ("abmon", "abday"):
            kw[key] = decode_value(rest, escape)
    if not found:
        raise LocaleError("no LC_TIME in " + name)
    return kw


def locale_names(locdir):
    """Every locale source that defines LC_TIME (templates left out)."""
    names = []
    for name in sorted(os.listdir(locdir)):
        if name in NOT_LOCALES:
            continue
        path = os.path.join(locdir, name)
        with open(path, encoding="utf-8", errors="surrogateescape") as f:
            if re.search(r"^LC_TIME\s*$", f.read(), re.M):
                names.append(name)
    return names


def build_table(locdir):
    """{utf8 bytes: month or 0}: every abmon string with its month, 0 when
    locales disagree; for such a string, "abday abmon" pairs of the locales
    that use it, with their month (0 again if even the pair disagrees)."""
    names = locale_names(locdir)
    locs = {}
    months = {}  # bytes -> {month: [locales]}
    for name in names:
        kw = lc_time(locdir, name)
        abmon, abday = kw.get("abmon"), kw.get("abday")
        if not abmon or len(abmon) != 12 or not abday or len(abday) != 7:
            raise LocaleError("%s: abmon/abday count" % name)
        locs[name] = ([s.encode("utf-8") for s in abday],
                      [s.encode("utf-8") for s in abmon])
        for m, b in enumerate(locs[name][1], 1):
            if not b or b"]" in b or b"\n" in b:
                raise LocaleError("%s: odd abmon %r" % (name, b))
            months.setdefault(b, {}).setdefault(m, []).append(name)
    # entry: (month or 0, mask of the months it may be, weekday 0-6 or -1)
    table = {}
    for b, ms in months.items():
        table[b] = (next(iter(ms)) if len(ms) == 1 else 0, mask(ms), -1)
    ambiguous = {b: ms for b, ms in months.items() if len(ms) > 1}
    pairs = {}  # "abday abmon" -> ({months}, {weekdays})
    for b, ms in ambiguous.items():
        for m, ls in ms.items():
            for name in ls:
                for wd, d in enumerate(locs[name][0]):
                    got = pairs.setdefault(d + b" " + b, (set(), set()))
                    got[0].add(m)
                    got[1].add(wd)
    for key, (ms, wds) in pairs.items():
        if key in table:
            raise LocaleError("pair %r is also a month name" % key)
        wd = next(iter(wds)) if len(wds) == 1 and len(ms) > 1 else -1
        table[key] = (next(iter(ms)) if len(ms) == 1 else 0, mask(ms), wd)
    return names, locs, table, ambiguous


def mask(months):
    """Bit m set for each month m."""
    return sum(1 << m for m in months)


def c_string(b):
    """A C string literal for bytes b (non-ASCII as octal escapes)."""
    out = []
    for x in b:
        if 0x20 <= x < 0x7F and x not in (0x22, 0x5C, 0x3F):
            out.append(chr(x))
        else:
            out.append("\\%03o" % x)
    return '"' + "".join(out) + '"'


def c_comment(b):
    """b as text fit for a C comment."""
    return b.decode("utf-8").replace("*/", "*_/")


def render(names, table, ambiguous):
    """The whole of src/model/klogmonth_table.c."""
    rows = sorted(table.items(), key=lambda kv: kv[0])
    lines = [
        "/*",
        " * klogmonth_table.c: GENERATED by scripts/gen-klogmonth.py from the",
        " * glibc locale sources; do not edit by hand. Regenerate with",
        " *   python3 scripts/gen-klogmonth.py    (needs /usr/share/i18n/locales)",
        " * and commit the result: the build never runs the script.",
        " *",
        " * Every abmon string (what strftime %%b prints) of %d locales, UTF-8,"
        % len(names),
        " * with its month. Month 0 marks a string that names different months",
        " * in different locales; the \"abday abmon\" entries of those locales",
        " * then tell them apart (with their weekday when even that is not",
        " * enough). The ambiguous abmon strings (month, first locale):",
    ]
    for b, ms in sorted(ambiguous.items()):
        desc = ", ".join("%d %s" % (m, ls[0]) for m, ls in sorted(ms.items()))
        lines.append(" *   %s: %s" % (c_comment(b), desc))
    lines += [
        " * Sorted by bytes (memcmp order, a prefix first) for a binary search.",
        " */",
        '#include "model/klogmonth.h"',
        "",
        "/* clang-format off */",
        "/* Every name's bytes, each NUL-ended, at its entry's off. */",
        "const char klogmonth_text[] =",
    ]
    offs, off = [], 0
    for b, m in rows:
        if len(b) > 255:
            raise LocaleError("entry too long: %r" % b)
        offs.append(off)
        lines.append("\t%s \"\\0\" /* %d: %s */"
                     % (c_string(b), off, c_comment(b)))
        off += len(b) + 1
    if off > 65535:
        raise LocaleError("names too long for 16-bit offsets: %d" % off)
    lines += [
        "\t;",
        "const struct klogmonth_name klogmonth_names[] = {",
    ]
    for (b, m), o in zip(rows, offs):
        lines.append("\t{%d, %d, %d, 0x%04x, %d}, /* %s */"
                     % (o, len(b), m[0], m[1], m[2], c_comment(b)))
    lines += [
        "};",
        "/* clang-format on */",
        "const size_t klogmonth_names_count =",
        "    sizeof klogmonth_names / sizeof klogmonth_names[0];",
    ]
    return "\n".join(lines) + "\n"


def weekday(y, m, d):
    """0 = Sunday (Sakamoto), as in klogmonth.c."""
    t = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4]
    if m < 3:
        y -= 1
    return (y + y // 4 - y // 100 + y // 400 + t[m - 1] + d) % 7


def find_month(table, text, year, day):
    """klogmonth_find in Python: the longest table entry ending text that
    starts at its beginning or after a space decides; a month-0 entry with
    a weekday leaves the one candidate month whose date has that weekday."""
    for p in range(len(text)):
        if p == 0 or text[p - 1 : p] == b" ":
            e = table.get(text[p:])
            if e is None:
                continue
            if e[0] or e[2] < 0:
                return e[0]
            fit = [m for m in range(1, 13) if e[1] >> m & 1
                   and weekday(year, m, day) == e[2]]
            return fit[0] if len(fit) == 1 else 0
    return 0


def self_check(names, locs, table):
    """find_month on "abday abmon" of every day of 2024-2027 in every locale.
    Returns (locales where every date gives its month, wrong cases)."""
    dates = []
    for y in range(2024, 2028):
        for m in range(1, 13):
            for d in range(1, 32):
                if d <= 28 or m != 2 and (d <= 30 or m in (1, 3, 5, 7, 8, 10, 12)) \
                        or m == 2 and d == 29 and y % 4 == 0:
                    dates.append((y, m, d, weekday(y, m, d)))
    full, wrong = [], []
    for name in names:
        abday, abmon = locs[name]
        ok = True
        for y, m, d, wd in dates:
            got = find_month(table, abday[wd] + b" " + abmon[m - 1], y, d)
            if got != m:
                ok = False
            if got not in (0, m):
                wrong.append((name, m, abday[wd].decode(), abmon[m - 1].decode(), got))
        if ok:
            full.append(name)
    return full, wrong


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--locales", default="/usr/share/i18n/locales")
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--out", default=os.path.join(here, "..", "src", "model", "klogmonth_table.c"))
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    if not os.path.isdir(args.locales):
        sys.exit("gen-klogmonth: no %s (Debian: apt-get install locales)" % args.locales)
    names, locs, table, ambiguous = build_table(args.locales)
    full, wrong = self_check(names, locs, table)
    for w in wrong:
        print("gen-klogmonth: WRONG %s month %d (%s %s) read as %d" % w, file=sys.stderr)
    if wrong:
        sys.exit(1)
    new = render(names, table, ambiguous)
    print("gen-klogmonth: %d locales, %d entries (%d ambiguous abmon), "
          "every date 2024-2027 found in %d locales"
          % (len(names), len(table), len(ambiguous), len(full)))
    if args.verbose:
        print("not every date: " + " ".join(n for n in names if n not in full))
    try:
        with open(args.out, encoding="utf-8") as f:
            old = f.read()
    except FileNotFoundError:
        old = None
    if args.check:
        sys.exit(0 if new == old else 1)
    if new != old:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(new)


if __name__ == "__main__":
    main()
