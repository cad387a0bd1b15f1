#!/usr/bin/env python3
"""Builds the name model's tables from jieba's data into a Swift source file committed in the repo, so hysite
needs nothing at run time and every build is the same.

    python3 scripts/namemodel/build.py [JIEBA_DIR] > Sources/HysiteKit/Parse/NameModelData.swift

JIEBA_DIR defaults to Debian's python3-jieba (/usr/lib/python3/dist-packages/jieba; `apt-get install
python3-jieba`, installed by scripts/setup.sh). jieba 0.42.1 is MIT-licensed, (c) 2012-2017 Sun Junyi.

Tables (scores are natural logs, rounded to tenths):
  surnames  one-character surnames (百家姓 and a few modern ones) with log P(first char of a name), from
            the part-of-speech HMM's emission table for state (B, nr);
  given     for each character: the log-likelihood ratio of it as the middle (M) and the last (E) character
            of a personal name (the better of the emission tables (M, nr), (E, nr) and its share of the middle
            and last characters of dict.txt's three-character names tagged nr) against its frequency in
            ordinary words (dict.txt counts of words not tagged nr*); characters not listed score `defaultGiven`;
  words     ordinary words of two or three characters that start with a surname (dict.txt, frequency at
            least WORD_MIN, not tagged nr*; or tagged nr* but frequency at least NR_WORD_MIN and a last
            character that is not name-like): a candidate name that is one of them is probably not a name;
  follows   two-character verbs, adverbs, prepositions, conjunctions, particles, time words and pronouns
            (tags v d p c u ad vd t r,
            frequency at least FOLLOW_MIN): a name may end where one of them starts (`潘晓天立即`).
"""
import math, os, pickle, sys
from collections import Counter

JIEBA = sys.argv[1] if len(sys.argv) > 1 else "/usr/lib/python3/dist-packages/jieba"
WORD_MIN = 50
NR_WORD_MIN = 100
NR_NAME_LIKE = 3.5
FOLLOW_MIN = 300
FOLLOW_TAGS = {"v", "d", "p", "c", "u", "ad", "vd", "t", "r"}
# 百家姓 (single characters), then modern surnames it lacks.
SURNAMES = (
    "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜戚谢邹喻柏水窦章云苏潘葛奚范彭郎"
    "鲁韦昌马苗凤花方俞任袁柳酆鲍史唐费廉岑薛雷贺倪汤滕殷罗毕郝邬安常乐于时傅皮卞齐康伍余元卜顾孟平黄"
    "和穆萧尹姚邵湛汪祁毛禹狄米贝明臧计伏成戴谈宋茅庞熊纪舒屈项祝董梁杜阮蓝闵席季麻强贾路娄危江童颜郭"
    "梅盛林刁钟徐邱骆高夏蔡田樊胡凌霍虞万支柯昝管卢莫经房裘缪干解应宗丁宣贲邓郁单杭洪包诸左石崔吉钮龚"
    "程嵇邢滑裴陆荣翁荀羊於惠甄曲家封芮羿储靳汲邴糜松井段富巫乌焦巴弓牧隗山谷车侯宓蓬全郗班仰秋仲伊宫"
    "宁仇栾暴甘钭厉戎祖武符刘景詹束龙叶幸司韶郜黎蓟薄印宿白怀蒲邰从鄂索咸籍赖卓蔺屠蒙池乔阴胥能苍双"
    "闻莘党翟谭贡劳逄姬申扶堵冉宰郦雍郤璩桑桂濮牛寿通边扈燕冀郏浦尚农温别庄晏柴瞿阎充慕连茹习宦艾鱼容"
    "向古易慎戈廖庾终暨居衡步都耿满弘匡国文寇广禄阙东欧殳沃利蔚越夔隆师巩厍聂晁勾敖融冷訾辛阚那简饶空"
    "曾毋沙乜养鞠须丰巢关蒯相查后荆红游竺权逯盖益桓公"
    "付肖闫覃冼禤佘邝揭谌练粟卿才顿昂涂蔡喻阳鲍植鄢邸檀洪赖晏郦储谯帅漆芦麦褚娄窦戚岑"
)


def load(name):
    with open(os.path.join(JIEBA, name), "rb") as f:
        return pickle.load(f)


def main():
    emit = load("posseg/prob_emit.p")
    background = Counter()
    candidates = []
    follows = []
    name_middle, name_last = Counter(), Counter()
    with open(os.path.join(JIEBA, "dict.txt"), encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) < 3:
                continue
            w, freq, tag = parts[0], int(parts[1]), parts[2]
            if len(w) in (2, 3) and w[0] in SURNAMES:
                candidates.append((w, freq, tag))
            if tag == "nr" and len(w) == 3 and w[0] in SURNAMES:
                name_middle[w[1]] += 1
                name_last[w[2]] += 1
            if len(w) == 2 and tag in FOLLOW_TAGS and freq >= FOLLOW_MIN:
                follows.append(w)
            if tag.startswith("nr"):
                continue
            for c in w:
                background[c] += freq
    total = sum(background.values())
    floor = math.log(1e-5)

    names = sum(name_middle.values())

    def ratio(c, state):
        """The better of two estimates of log P(c | name) / P(c | ordinary words): the HMM's emission, and the
        character's share among the three-character names (tagged nr) of dict.txt."""
        hmm = max(emit[(state, "nr")].get(c, floor), floor)
        counts = name_middle if state == "M" else name_last
        listed = math.log((counts.get(c, 0) + 0.5) / names)
        return max(hmm, listed) - math.log((background.get(c, 0) + 50) / total)

    # jieba tags many ordinary words that start with a surname as names (荣誉, 宁静 …): such a word counts as
    # ordinary when it is frequent and its last character is not a typical name character.
    # `X家` (the X family) is left out: 谭家顺 is a name.
    words = {w for w, freq, tag in candidates
             if w[1:] != "家"
             and ((not tag.startswith("nr") and freq >= WORD_MIN)
                  or (freq >= NR_WORD_MIN and ratio(w[-1], "E") < NR_NAME_LIKE))}
    surnames = sorted(set(SURNAMES))
    prior = {s: max(emit[("B", "nr")].get(s, -12.0), -12.0) for s in surnames}
    default_given = round(floor - math.log(50 / total), 1)
    given = {}
    chars = set(background) | set(emit[("M", "nr")]) | set(emit[("E", "nr")])
    for c in sorted(chars):
        if not ("\u4e00" <= c <= "\u9fff"):
            continue
        m, e = round(ratio(c, "M"), 1), round(ratio(c, "E"), 1)
        if abs(m - default_given) >= 0.3 or abs(e - default_given) >= 0.3:
            given[c] = (m, e)
    out = sys.stdout
    out.write("// Generated by scripts/namemodel/build.py from jieba 0.42.1 (MIT licence, (c) 2012-2017 Sun Junyi):\n")
    out.write("// dict.txt and the part-of-speech HMM's emission tables. Do not edit; run the script again.\n\n")
    out.write("/// The name model's tables (see scripts/namemodel/build.py for what each holds).\n")
    out.write("enum NameModelData {\n")
    out.write(f"    /// Log-likelihood ratio of a given-name character missing from `given`.\n")
    out.write(f"    static let defaultGiven: Float = {default_given}\n")
    out.write("    /// `surname prior` per line: log P(surname starts a name).\n")
    out.write('    static let surnames = """\n')
    for s in surnames:
        out.write(f"{s} {round(prior[s], 1)}\n")
    out.write('"""\n')
    out.write("    /// `character M E` per line: log-likelihood ratios as a given name's middle and last character.\n")
    out.write('    static let given = """\n')
    for c, (m, e) in given.items():
        out.write(f"{c} {m} {e}\n")
    out.write('"""\n')
    out.write("    /// Ordinary words that start with a surname, space-separated.\n")
    out.write('    static let words = """\n')
    ws = sorted(words)
    for i in range(0, len(ws), 40):
        out.write(" ".join(ws[i:i + 40]) + "\n")
    out.write('"""\n')
    out.write("    /// Two-character verbs, adverbs, prepositions, conjunctions, time words and pronouns that may follow a name, space-separated.\n")
    out.write('    static let follows = """\n')
    fs = sorted(set(follows))
    for i in range(0, len(fs), 40):
        out.write(" ".join(fs[i:i + 40]) + "\n")
    out.write('"""\n')
    out.write("}\n")


if __name__ == "__main__":
    main()
