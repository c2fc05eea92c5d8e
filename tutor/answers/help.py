"""The input language as the learner reads it in the in-app help screen (Markdown, zh and en)."""

from __future__ import annotations

from tutor.i18n import Text

_EN = """\
# Typing answers

**Numbers**: `0.62`, `-1.5`, `1e-3`, `3/4`; the minus sign − works too.
You may type a calculation: `sigmoid(0.5)*0.3`. The decimal point is a full stop, `0.62`;
`0,62`, `0·62` and `0。62` are not understood. Give as many decimals as asked, the last
one rounded, not truncated: `0.6225` for 0.622459 at 4 decimals. Where a whole number is
asked, type one: `104`.

**Vectors and matrices**: `0.62, 0.41` or `[0.62, 0.41]`; a matrix row by row:
`[[0.1, 0.2], [0.3, 0.4]]`, `[0.1, 0.2; 0.3, 0.4]`, or as numpy prints it,
`[[0.1 0.2] [0.3 0.4]]`. Separate entries with a comma and a space.

**Operations**: `+ - * /`, powers `^` or `**` (`tanh(C)^2`, `tanh²(C)`, `tanh^2(C)`),
parentheses `( )`. `⊙` (element-wise product), `·` and `×` mean `*`.
You may leave out `*` where it is clear: `2o`, `o tanh(C)`, `σ(z)(1-σ(z))`.
After `/`, put a whole product in parentheses: `1/(2*o)`, not `1/2o`.

**Functions**: `sigmoid(x)` or `σ(x)`, `tanh`, `exp`, `log` (natural, also `ln`), `sqrt` or `√`,
`cosh`, `sech`. Always with parentheses: `tanh(C)`, not `tanh C`. Constants `e` and `pi` (π).
Write a derivative out: `1 - tanh(C)^2`, not `tanh'(C)`. A formula is exact: write `σ(1/2)`
or `1/4`, not a rounded `0.6225` (an exact decimal such as `0.25` is fine).

**Symbols**: the ones the question names, spelled as you like:

| meaning | you can type |
|---|---|
| Cₜ | `C`, `C_t`, `Ct`, `c` |
| Cₜ₋₁ | `C_{t-1}`, `C_prev`, `c_prev`, `C_(t-1)` |
| C̃ₜ (candidate) | `C_tilde`, `Ctilde`, `C̃` |
| σ, δ, … | `σ` or `sigma`, `δ` or `delta` |

`C_t-1` is ambiguous: write `C_{t-1}` for the previous step, or `C_t - 1` with spaces for a
subtraction (and `f_{t+1}` for the next step). A symbol followed by `(` multiplies: `o(1 - tanh(C)^2)`.

Full-width characters (`（`, `＊`, `２`) are fine. The preview under the input shows how your
answer was understood, or where it was not. An answer that is not understood never counts as
a wrong attempt.
"""

_ZH = """\
# 如何输入答案

**数**：`0.62`、`-1.5`、`1e-3`、`3/4`；也可以用减号 −。
可以直接写算式：`sigmoid(0.5)*0.3`。小数点用英文句点：`0.62`；`0,62`、`0·62`、`0。62` 都无法识别。
按题目要求保留小数位数，最后一位四舍五入（不要截断）：保留 4 位时 0.622459 写 `0.6225`。
要求整数时请输入整数：`104`。

**向量和矩阵**：`0.62, 0.41` 或 `[0.62, 0.41]`；矩阵按行输入：
`[[0.1, 0.2], [0.3, 0.4]]`、`[0.1, 0.2; 0.3, 0.4]`，或 numpy 打印的样子
`[[0.1 0.2] [0.3 0.4]]`。各个数之间用逗号加空格分隔。

**运算**：`+ - * /`，乘方 `^` 或 `**`（`tanh(C)^2`、`tanh²(C)`、`tanh^2(C)`），括号 `( )`。
`⊙`（逐元素乘积）、`·` 和 `×` 都表示 `*`。
含义明确时可以省略 `*`：`2o`、`o tanh(C)`、`σ(z)(1-σ(z))`。
`/` 之后的乘积请整体加括号：写 `1/(2*o)`，不要写 `1/2o`。

**函数**：`sigmoid(x)` 或 `σ(x)`、`tanh`、`exp`、`log`（自然对数，也可写 `ln`）、`sqrt` 或 `√`、
`cosh`、`sech`。函数一定要带括号：写 `tanh(C)`，不要写 `tanh C`。常数 `e` 和 `pi`（π）。
导数请写出来：`1 - tanh(C)^2`，不要写 `tanh'(C)`。公式必须精确：写 `σ(1/2)` 或 `1/4`，
不要写取整后的 `0.6225`（`0.25` 这样精确的小数可以）。

**符号**：题目给出的符号，可以用多种写法：

| 含义 | 可以输入 |
|---|---|
| Cₜ | `C`、`C_t`、`Ct`、`c` |
| Cₜ₋₁ | `C_{t-1}`、`C_prev`、`c_prev`、`C_(t-1)` |
| C̃ₜ（候选细胞状态） | `C_tilde`、`Ctilde`、`C̃` |
| σ、δ 等 | `σ` 或 `sigma`、`δ` 或 `delta` |

`C_t-1` 有歧义：上一时刻请写 `C_{t-1}`；若是减法，请加空格写成 `C_t - 1`（下一时刻写 `f_{t+1}`）。
符号后面直接跟 `(` 表示相乘：`o(1 - tanh(C)^2)`。

全角字符（`（`、`＊`、`２`）也可以。输入框下方的预览会显示系统如何理解你的答案，或指出哪里无法理解。
无法理解的答案不会被记为一次错误。
"""

HELP = Text(_ZH, _EN)
