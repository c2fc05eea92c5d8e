"""Bilingual texts for syntax errors and verdicts, in one place so both languages stay in step."""

from __future__ import annotations

from collections.abc import Iterable

from tutor.i18n import Text

# code -> (en, zh); {name}-style fields are filled by `text()`.
_TEMPLATES: dict[str, tuple[str, str]] = {
    # --- syntax and bounds ------------------------------------------------------------------
    "empty": ("Type an answer.", "请输入答案。"),
    "too-long": (
        "The answer is too long ({n} characters; the limit is {limit}).",
        "答案太长（{n} 个字符，上限 {limit}）。",
    ),
    "unexpected-char": (
        "“{ch}” is not part of the answer language.",
        "无法识别字符“{ch}”。",
    ),
    "invisible-char": (
        "There is an invisible control character ({char}) here; delete it.",
        "这里有一个不可见的控制字符（{char}），请删除。",
    ),
    "quote": (
        "Quotes are not used in answers; type the expression itself.",
        "答案中不使用引号，请直接输入表达式。",
    ),
    "equals": (
        "Type only the expression, without “=” (for example o*(1 - tanh(C)^2), not dC = …).",
        "只输入表达式本身，不要写“=”（例如 o*(1 - tanh(C)^2)，而不是 dC = …）。",
    ),
    "prime": (
        "The prime (′) is not understood; write the derivative out, e.g. σ(z)*(1 - σ(z)).",
        "无法识别导数符号（′），请把导数写出来，例如 σ(z)*(1 - σ(z))。",
    ),
    "separator": (
        "“{ch}” is not understood here; separate the numbers of a vector with commas.",
        "这里无法识别“{ch}”；向量中的数请用逗号分隔。",
    ),
    "unknown-name": (
        "“{name}” is not a name this answer knows.{hint}",
        "无法识别名称“{name}”。{hint}",
    ),
    "not-available": (
        "{name}() is not available in this answer.{hint}",
        "本题不能使用 {name}()。{hint}",
    ),
    "call-needs-parens": (
        "Put the argument of {name} in parentheses: {name}(…).",
        "请把 {name} 的自变量放在括号里：{name}(…)。",
    ),
    "one-argument": ("{name} takes exactly one argument.", "{name} 只接受一个自变量。"),
    "unclosed-paren": ("This “(” is never closed.", "这个“(”没有闭合。"),
    "unclosed-bracket": ("This “[” is never closed.", "这个“[”没有闭合。"),
    "unmatched-close": (
        "This “{ch}” has no matching opening bracket.",
        "这个“{ch}”没有对应的左括号。",
    ),
    "expected-operand": (
        "Expected a number, a symbol or “(” here.",
        "这里应当是一个数、一个符号或“(”。",
    ),
    "two-numbers": (
        "Two numbers in a row: separate vector entries with commas, or write * for a product.",
        "两个数连在一起：向量的各个数请用逗号分隔，乘法请写 *。",
    ),
    "ambiguous-division": (
        "Ambiguous after “/”: put the whole denominator in parentheses, e.g. 1/(2*o), "
        "or write (1/2)*o.",
        "“/”之后有歧义：请把整个分母放进括号，例如 1/(2*o)，或写成 (1/2)*o。",
    ),
    "ambiguous-next": (
        "Ambiguous: write {name}_{{t+1}} (or {name}_next) for the next step, "
        "or put spaces around the plus for an addition.",
        "有歧义：下一时刻请写 {name}_{{t+1}}（或 {name}_next）；若是加法，请在加号两边加空格。",
    ),
    "decimal-comma": (
        "“{a},{b}” reads as two numbers, {a} and {b}. For the decimal number write {a}.{b}; "
        "for two numbers put a space after the comma: {a}, {b}.",
        "“{a},{b}”会被读成两个数 {a} 和 {b}。小数请写 {a}.{b}；若是两个数，请在逗号后加空格：{a}, {b}。",
    ),
    "middle-dot": (
        "“{a}{dot}{b}”: a dot between two digits reads as a product, {a} × {b}. For the decimal "
        "number write {a}.{b}; for a product write {a}*{b}.",
        "“{a}{dot}{b}”：两个数字之间的“{dot}”会被读成乘号（{a} × {b}）。小数请写 {a}.{b}；"
        "乘法请写 {a}*{b}。",
    ),
    "ideographic-stop": (
        "“{ch}” is not a decimal point in answers: write {example}, with “.”.",
        "答案中的“{ch}”不能用作小数点：请写 {example}（用“.”）。",
    ),
    "derivative": (
        "A prime or quote does not mark a derivative here: write the derivative of {name} out, "
        "as {form}.",
        "这里不能用撇号或引号表示导数：请把 {name} 的导数直接写出来：{form}。",
    ),
    "function-power-parens": (
        "Put the argument of {name} in parentheses: {name}({arg})^{n} (or {name}^{n}({arg})).",
        "请把 {name} 的自变量放在括号里：{name}({arg})^{n}（或 {name}^{n}({arg})）。",
    ),
    "ambiguous-prev": (
        "Ambiguous: write {name}_{{t-1}} (or {name}_prev) for the previous step, "
        "or put spaces around the minus for a subtraction.",
        "有歧义：上一时刻请写 {name}_{{t-1}}（或 {name}_prev）；若是减法，请在减号两边加空格。",
    ),
    "subscript": (
        "Expected a subscript after “_”, e.g. C_{{t-1}} or C_prev.",
        "“_”之后应当是下标，例如 C_{{t-1}} 或 C_prev。",
    ),
    "function-power": (
        "Only a whole power from 1 to {limit} may stand before a function's argument, "
        "e.g. tanh^2(C); otherwise write tanh(C)^n.",
        "函数名后只能写 1 到 {limit} 的整数次幂，例如 tanh^2(C)；其他情况请写 tanh(C)^n。",
    ),
    "too-deep": (
        "Too deeply nested (the limit is {limit} levels).",
        "嵌套太深（上限 {limit} 层）。",
    ),
    "too-complex": (
        "The answer is too long or complex (more than {limit} parts).",
        "答案太长或太复杂（超过 {limit} 个部分）。",
    ),
    "too-tall": (
        "The answer is too long: more than {limit} operations in a row.",
        "答案太长：连续运算超过 {limit} 次。",
    ),
    "number-too-long": (
        "This number has too many digits (the limit is {limit}).",
        "这个数的位数太多（上限 {limit} 位）。",
    ),
    "number-range": (
        "This number is out of range (powers of ten up to ±{limit}).",
        "这个数超出范围（10 的幂次最多 ±{limit}）。",
    ),
    "exponent-too-large": (
        "This exponent is too large (the limit is {limit}).",
        "指数太大（上限 {limit}）。",
    ),
    "overflow": ("This part is too large a number to work with.", "这一部分的数值太大，无法计算。"),
    "division-by-zero": ("Division by zero.", "除以零。"),
    "not-real": (
        "This part is not a real number (a log or square root of a negative number?).",
        "这一部分不是实数（是否对负数取了对数或平方根？）。",
    ),
    "list-not-allowed": (
        "Expected a single expression, not a list.",
        "这里应当是一个表达式，而不是一组数。",
    ),
    "list-too-deep": (
        "Only numbers, vectors [a, b] and matrices [[a, b], [c, d]] are accepted.",
        "只接受数、向量 [a, b] 和矩阵 [[a, b], [c, d]]。",
    ),
    "vector-arithmetic": (
        "A vector cannot be part of a calculation here; type each entry on its own.",
        "这里不能对向量做运算，请逐个写出每个数。",
    ),
    "ragged": ("The rows have different lengths.", "矩阵各行的长度不一致。"),
    "empty-item": ("Expected a number here.", "这里应当有一个数。"),
    "not-constant": (
        "Only numbers are expected here, not symbols.",
        "这里只需要数值，不要使用符号。",
    ),
    # --- hints inside messages ----------------------------------------------------------------
    "hint-did-you-mean": (" Did you mean {options}?", "是不是想写 {options}？"),
    "hint-uses": (" This answer can use: {names}.", "本题可以使用：{names}。"),
    "hint-no-symbols": (" Only numbers are expected here.", "这里只需要数值。"),
    # --- verdicts -------------------------------------------------------------------------------
    "correct": ("Correct.", "正确。"),
    "incorrect": ("Not right yet.", "还不对。"),
    "incorrect-expression": (
        "Not equivalent to the expected answer.",
        "与标准答案不等价。",
    ),
    "partial": (
        "{right} of {total} entries are right; not right: {where}.",
        "{total} 个数中对了 {right} 个；不对的是：{where}。",
    ),
    "all-wrong": ("None of the {total} entries is right.", "{total} 个数都不对。"),
    "mistake-where": (" (This explains {where}.)", "（这解释了{where}。）"),
    "shape-scalar": ("Expected a single number.", "这里应当是一个数。"),
    "shape-vector": (
        "Expected a vector of {n} numbers, e.g. 0.1, 0.2 or [0.1, 0.2].",
        "这里应当是由 {n} 个数组成的向量，例如 0.1, 0.2 或 [0.1, 0.2]。",
    ),
    "shape-matrix": (
        "Expected a {rows}×{cols} matrix, typed row by row: [[a, b], [c, d]].",
        "这里应当是一个 {rows}×{cols} 的矩阵，按行输入：[[a, b], [c, d]]。",
    ),
    "shape-got": (" You typed {got}.", "你输入的是{got}。"),
    "undecidable": (
        "This answer could not be decided: at the sample points its values cancel too badly (or "
        "it is undefined almost everywhere) and no symbolic proof came in time. It does not "
        "count; try writing it more simply.",
        "无法判定这个答案：它在采样点上的数值相消太严重（或几乎处处无定义），也没有及时得到符号证明。"
        "本次不计入；请试着写得更简单些。",
    ),
    "undefined-at": (
        " Your answer is undefined at {point} (a log or square root of a negative number, or a "
        "division by zero), where the expected answer is defined.",
        "你的答案在 {point} 处没有定义（对负数取对数或开平方，或除以零），而标准答案在那里有定义。",
    ),
    "whole-expected": (
        "A whole number is expected here (for example 104); this one is not. It does not count.",
        "这里应当是整数（例如 104），这个数不是整数。本次不计入。",
    ),
    "too-few-decimals": (
        "{asked} decimals are asked; this number has {typed}. Give {asked} decimals, the last "
        "one rounded. It does not count.",
        "本题要求保留 {asked} 位小数，这个数只有 {typed} 位。请保留 {asked} 位，最后一位四舍五入。"
        "本次不计入。",
    ),
    "rounded-values": (" Rounded: {values}.", "四舍五入后是 {values}。"),
    "internal": (
        "This answer could not be checked because of an internal problem; it does not count.",
        "由于内部问题无法检查这个答案，本次不计入。",
    ),
}


def text(code: str, **fields: object) -> Text:
    """The message `code` in both languages; a field may itself be a Text."""
    en, zh = _TEMPLATES[code]
    return Text(zh, en).format(**fields)


def join(*parts: Text) -> Text:
    """Concatenate bilingual texts: English parts with a space, Chinese ones directly."""
    kept = [Text(p.zh.strip(), p.en.strip()) for p in parts]
    return Text("".join(p.zh for p in kept if p.zh), " ".join(p.en for p in kept if p.en))


def entry_list(where: Iterable[tuple[int, ...]]) -> Text:
    """'entry 2, entry 4' / '第 2、4 个' for 1-based positions (row, col for matrices)."""
    items = list(where)
    if items and len(items[0]) == 2:
        en = ", ".join(f"(row {r}, col {c})" for r, c in items)
        zh = "、".join(f"第 {r} 行第 {c} 列" for r, c in items)
        return Text(zh, en)
    numbers = [str(i[0]) for i in items]
    label = "entry" if len(numbers) == 1 else "entries"
    return Text(f"第 {'、'.join(numbers)} 个数", f"{label} {', '.join(numbers)}")
