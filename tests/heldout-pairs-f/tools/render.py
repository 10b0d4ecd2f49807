"""Render a template (title, articles, paragraphs) into extracted-looking plain text.

Layouts (the article label shapes of real-conventions.md):
  dai_fw          （見出し） line, then  第１　乙は、…
  dai_fw_jo       （見出し） line, then  第１条　乙は、…
  dai_space       （見出し） line, then  第　１　乙は、…   (U+3000 around the number)
  dai_alone       （見出し） line, then  第1   alone, body on the next line
  dai_half_jo     (見出し) line, then    第1条 乙は、…
  dai_jo_after    第1条(見出し) alone, body on the next line (half-width brackets)
  dai_jo_after_fw 第１条（見出し） alone, body on the next line
  kanji           （見出し） line, then  第十一条　乙は、…
  kanji_after     第十一条（見出し） alone, body on the next line
  dotted          （見出し） line (may stand over two articles), then 1. 乙は、…
  dotted_after    1. (見出し) alone, body on the next line
  shiyousho       1 見出し  alone (特記仕様書 style, no brackets), body on the next line
  single          everything on one line: (見出し) 第1条 乙は、…。 2 乙は、…。
"""
import random

FW = str.maketrans("0123456789", "０１２３４５６７８９")
KANJI = "〇一二三四五六七八九"


def kanji_num(n):
    if n < 10:
        return KANJI[n]
    if n < 20:
        return "十" + (KANJI[n - 10] if n > 10 else "")
    t, u = divmod(n, 10)
    return KANJI[t] + "十" + (KANJI[u] if u else "")


# a wrapped (continuation) line must not start with these
NO_START = set("、。，．,.）)」』】〕：:；;・ー") | set("0123456789０１２３４５６７８９") | set(
    "第（(「『【〔") | set("一二三四五六七八九十") | {" ", "　"}


def wrap(s, width):
    """Hard-wrap at a fixed width; pull the break back when the next line would start badly."""
    out = []
    i = 0
    while len(s) - i > width:
        j = i + width
        while j > i + width - 8 and (s[j] in NO_START or s[j - 1] in "（(「『"):
            j -= 1
        out.append(s[i:j])
        i = j
    out.append(s[i:])
    return out


def is_cjk(c):
    o = ord(c)
    return (0x3041 <= o <= 0x30FF or 0x4E00 <= o <= 0x9FFF) and c not in "第一二三四五六七八九十"


def glyph_space(line, rng, n):
    """Insert n artefact spaces between two Japanese characters (never near the line start)."""
    chars = list(line)
    cand = [k for k in range(4, len(chars)) if is_cjk(chars[k - 1]) and is_cjk(chars[k])]
    for k in sorted(rng.sample(cand, min(n, len(cand))), reverse=True):
        chars.insert(k, " ")
    return "".join(chars)


def to_ascii(s):
    return s.replace("、", ",").replace("（", "(").replace("）", ")")


def render(t):
    """t: dict with keys layout, width, title, articles, and optional chrome, preamble, notes,
    blank (blank line + trailing space after every line), ascii, glyph (fraction of lines),
    seed, title_spaced."""
    lay = t["layout"]
    W = t["width"]
    fwnum = lay in ("dai_fw", "dai_fw_jo", "dai_space", "kanji", "kanji_after", "dai_jo_after_fw")
    pnum = (lambda k: str(k).translate(FW) + "　") if fwnum or lay == "dotted" else (lambda k: f"{k} ")
    ob, cb = ("(", ")") if lay in ("dai_jo_after", "dai_half_jo", "dotted_after", "single") else ("（", "）")
    conv = to_ascii if t.get("ascii") else (lambda x: x)

    if lay == "single":
        parts = list(t.get("chrome", [])) + [t["title"]]
        if t.get("preamble"):
            parts.append(t["preamble"])
        for n, a in enumerate(t["articles"], 1):
            if a.get("h"):
                parts.append(f"{ob}{a['h']}{cb}")
            for k, p in enumerate(a["p"], 1):
                body = p if isinstance(p, str) else None
                if body is None:
                    parts.extend(f"{kanji_num(m)} {it}" for m, it in enumerate(p, 1))
                    continue
                parts.append((f"第{n}条 " if k == 1 else f"{k} ") + body)
        return conv(" ".join(parts)) + "\n"

    lines = []  # (text, glyphable)
    for c in t.get("chrome", []):
        lines.append((c, False))
    title = t["title"]
    if t.get("title_spaced"):
        title = " ".join(title)
    lines.append((title, False))
    if t.get("preamble"):
        lines += [(x, True) for x in wrap(conv(t["preamble"]), W)]

    for n, a in enumerate(t["articles"], 1):
        h = a.get("h")
        if lay in ("dai_fw", "dai_fw_jo", "dai_space", "dai_alone", "dai_half_jo", "kanji", "dotted") and h:
            lines.append((conv(f"{ob}{h}{cb}"), True))
        label = {
            "dai_fw": f"第{str(n).translate(FW)}　",
            "dai_fw_jo": f"第{str(n).translate(FW)}条　",
            "dai_space": f"第　{str(n).translate(FW)}　",
            "dai_alone": None,
            "dai_half_jo": f"第{n}条 ",
            "kanji": f"第{kanji_num(n)}条　",
            "dotted": f"{n}. ",
        }.get(lay)
        if lay == "dai_alone":
            lines.append((f"第{n}", False))
            label = ""
        elif lay == "dai_jo_after":
            lines.append((conv(f"第{n}条{ob}{h}{cb}"), True))
            label = ""
        elif lay == "dai_jo_after_fw":
            lines.append((f"第{str(n).translate(FW)}条{ob}{h}{cb}", True))
            label = ""
        elif lay == "kanji_after":
            lines.append((f"第{kanji_num(n)}条{ob}{h}{cb}", True))
            label = ""
        elif lay == "dotted_after":
            lines.append((conv(f"{n}. {ob}{h}{cb}"), True))
            label = ""
        elif lay == "shiyousho":
            lines.append((f"{n} {h}", False))
            label = ""
        k = 0
        for p in a["p"]:
            if isinstance(p, list):  # items of the preceding paragraph
                for m, it in enumerate(p, 1):
                    lines += [(x, True) for x in wrap(conv(f"{kanji_num(m)}　{it}"), W)]
                continue
            k += 1
            head = label if k == 1 else pnum(k)
            lines += [(x, True) for x in wrap(conv(head + p), W)]

    for nline in t.get("notes", []):
        lines += [(x, True) for x in wrap(conv(nline), W)]

    if t.get("glyph"):
        rng = random.Random(t.get("seed", 1))
        lines = [(glyph_space(x, rng, rng.choice([1, 1, 2])) if g and rng.random() < t["glyph"] else x, g)
                 for x, g in lines]

    if t.get("blank"):
        return "".join(f"{x} \n\n" for x, _ in lines)
    return "".join(f"{x}\n" for x, _ in lines)
