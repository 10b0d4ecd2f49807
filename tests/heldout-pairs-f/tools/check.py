"""Check the delivered set from the files alone (it does not import the generator).

- every id in gold.tsv is a printed article label of its text; every printed article appears in gold;
- numbering 1..N without gaps, 8-16 articles per template;
- statuses agree with '-'; every reason is `dimension: A → B` with a listed dimension;
- wrapped lines: fixed width 36-46, no line starts with 、。）」 etc., and a line that starts with a
  digit / 第 / opening bracket / kanji numeral is a label, paragraph number, item, heading or note;
- per-dimension counts: each dimension >= 3 times, both as a value change and as presence/absence.
"""
import collections
import glob
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DIMS = ["modality", "deadline", "consent", "exception", "survival", "scope", "form", "encryption",
        "certificate", "subsidiaries", "multi-tier", "risk", "method", "trigger", "periodic", "ppc",
        "paragraph"]
STATUSES = {"equivalent", "divergent", "missing", "extra"}
KANJI = {c: i for i, c in enumerate("〇一二三四五六七八九")}


def num(s):
    s = s.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if s.isdigit():
        return int(s)
    if "十" in s:  # kanji up to 99
        t, _, u = s.partition("十")
        return (KANJI[t] if t else 1) * 10 + (KANJI[u] if u else 0)
    return KANJI[s]


CJK = r"[\u3041-\u30ff\u4e00-\u9fff]"


def unspace(line):
    """drop glyph-spacing artefacts (a space between two Japanese characters)"""
    return re.sub(rf"(?<={CJK}) (?={CJK})", "", line)


LABEL = re.compile(r"^第[ 　]*([0-9０-９]+|[〇一二三四五六七八九十]+)[ 　]*(条)?(?=[ 　（(]|$)")
DOTTED = re.compile(r"^([0-9]+)\.(?= |$)")
SHIYOUSHO = re.compile(r"^([0-9]+) ([^、。,\s]{2,24})$")
PARA = re.compile(r"^[0-9０-９]+[ 　]\S")
ITEM = re.compile(r"^[一二三四五六七八九十]+　")
HEADING = re.compile(r"^[（(][^（()）]+[）)]$")
NOTE = re.compile(r"^(\(注\)|（注）|注[ 　])")
SINGLE = re.compile(r"[)）] 第([0-9]+)条 ")
BAD_START = set("、。，．,.）)」』】〕：:；;・ー ")
SUSPECT_START = set("0123456789０１２３４５６７８９第（(「『【〔一二三四五六七八九十")


def labels_and_lines(path, errs):
    text = open(path, encoding="utf-8").read()
    raw = text.split("\n")
    lines = [x.rstrip(" ") for x in raw if x.strip() != ""]
    if len(lines) == 1:  # single-line layout
        return [int(m.group(1)) for m in SINGLE.finditer(lines[0])], None
    found = []
    widths = []
    for i, ln in enumerate(lines):
        m = LABEL.match(ln) or DOTTED.match(ln) or SHIYOUSHO.match(ln)
        if m:
            found.append(num(m.group(1)))
        if ln[0] in BAD_START:
            errs.append(f"{path}: line {i+1} starts with {ln[0]!r}: {ln[:20]}")
        elif ln[0] in SUSPECT_START and not (m or PARA.match(ln) or ITEM.match(ln) or HEADING.match(ln)
                                             or NOTE.match(ln)):
            errs.append(f"{path}: line {i+1} starts like a label: {ln[:20]}")
        widths.append(len(unspace(ln)))
    return found, widths


def check_width(path, widths, errs):
    W = max(widths)
    if not 36 <= W <= 46:
        errs.append(f"{path}: max width {W} outside 36-46")
    full = sum(1 for w in widths if W - 3 <= w <= W)
    return W, full


def main():
    errs = []
    per_dim = collections.Counter()
    per_dim_kind = collections.defaultdict(set)
    totals = collections.Counter()
    summary = []
    for d in sorted(glob.glob(os.path.join(ROOT, "[0-9][0-9]-*"))):
        name = os.path.basename(d)
        arts = {}
        info = {}
        for side in "ab":
            p = os.path.join(d, side + ".txt")
            found, widths = labels_and_lines(p, errs)
            if found != list(range(1, len(found) + 1)):
                errs.append(f"{p}: labels not 1..N: {found}")
            if not 8 <= len(found) <= 16:
                errs.append(f"{p}: {len(found)} articles")
            arts[side] = set(found)
            info[side] = (len(found), check_width(p, widths, errs) if widths else ("single line", 1))
        rows = open(os.path.join(d, "gold.tsv"), encoding="utf-8").read().rstrip("\n").split("\n")
        if rows[0] != "a\tb\tstatus\treasons":
            errs.append(f"{name}: bad header {rows[0]!r}")
        seen = {"a": set(), "b": set()}
        pairs = set()
        c = collections.Counter()
        nre = 0
        for k, r in enumerate(rows[1:], 2):
            f = r.split("\t")
            if len(f) != 4:
                errs.append(f"{name}:{k}: {len(f)} fields")
                continue
            a, b, s, rs = f
            if s not in STATUSES:
                errs.append(f"{name}:{k}: status {s}")
            c[s] += 1
            if (a, b) in pairs:
                errs.append(f"{name}:{k}: duplicate row {a} {b}")
            pairs.add((a, b))
            for side, v in (("a", a), ("b", b)):
                if v != "-":
                    if not v.isdigit() or int(v) not in arts[side]:
                        errs.append(f"{name}:{k}: {side}={v} is not a printed article")
                    else:
                        seen[side].add(int(v))
            want = {"equivalent": (True, True, False), "divergent": (True, True, True),
                    "missing": (True, False, False), "extra": (False, True, False)}.get(s)
            if want and ((a != "-") != want[0] or (b != "-") != want[1] or (rs != "-") != want[2]):
                errs.append(f"{name}:{k}: status {s} does not agree with a={a} b={b} reasons={rs[:20]}")
            if rs != "-":
                dims_here = []
                for reason in rs.split(", "):
                    m = re.fullmatch(r"([a-z-]+): ([^,]+?) → ([^,]+)", reason)
                    if not m:
                        errs.append(f"{name}:{k}: bad reason {reason!r}")
                        continue
                    dim, va, vb = m.groups()
                    if dim not in DIMS:
                        errs.append(f"{name}:{k}: unknown dimension {dim}")
                    if va == vb:
                        errs.append(f"{name}:{k}: same value both sides {reason}")
                    if "→" in va or "→" in vb:
                        errs.append(f"{name}:{k}: stray arrow {reason}")
                    dims_here.append(dim)
                    per_dim[dim] += 1
                    per_dim_kind[dim].add("presence" if "none" in (va, vb) else "value")
                    nre += 1
                if len(dims_here) != len(set(dims_here)):
                    errs.append(f"{name}:{k}: a dimension twice in one row")
        for side in "ab":
            miss = arts[side] - seen[side]
            if miss:
                errs.append(f"{name}: {side} articles not in gold: {sorted(miss)}")
        totals.update(c)
        totals["reasons"] += nre
        totals["rows"] += len(rows) - 1
        summary.append((name, info, c, nre))
    for name, info, c, nre in summary:
        print(f"{name:40s} A={info['a'][0]:2d} B={info['b'][0]:2d} width A={info['a'][1][0]} B={info['b'][1][0]}"
              f"  eq={c['equivalent']} div={c['divergent']} miss={c['missing']} extra={c['extra']} reasons={nre}")
    print("totals:", dict(totals))
    for dim in DIMS:
        kinds = per_dim_kind[dim]
        flag = "" if per_dim[dim] >= 3 and kinds == {"presence", "value"} else "   <-- short"
        print(f"  {dim:13s} {per_dim[dim]:2d} {sorted(kinds)}{flag}")
        if flag:
            errs.append(f"dimension {dim}: {per_dim[dim]} {sorted(kinds)}")
    if errs:
        print("\nERRORS:")
        print("\n".join(errs))
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
