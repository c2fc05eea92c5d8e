"""The catalog of mistakes learners really make, with the feedback the tutor gives for each.

Exercise generators compute what a mistake would produce on the same givens and pass it to
check_numbers / check_expression as ``mistakes={id: value}``; when the learner's answer matches
that and not the right value, the verdict names the mistake. The ``general.*`` and
``numeric.rounded-too-early`` entries are also diagnosed automatically.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Mistake:
    id: str
    family: str  # "lstm" or "general"
    title: dict[str, str]  # short name, zh and en
    feedback: dict[str, str]  # what to check, zh and en


def _m(id: str, title_en: str, title_zh: str, en: str, zh: str) -> Mistake:
    return Mistake(id, id.split(".")[0], {"en": title_en, "zh": title_zh}, {"en": en, "zh": zh})


_ENTRIES = [
    # --- LSTM forward pass ------------------------------------------------------------------------
    _m("lstm.candidate-sigmoid", "σ instead of tanh on the candidate", "候选值用了 σ 而不是 tanh",
       "This is what σ on the candidate gives. The gates f, i, o use σ (values in 0…1), but the "
       "candidate C̃ₜ = tanh(W_C·[hₜ₋₁, xₜ] + b_C) uses tanh, so it can be negative.",
       "这是对候选值使用 σ 得到的结果。门 f、i、o 用 σ（取值 0…1），而候选值 "
       "C̃ₜ = tanh(W_C·[hₜ₋₁, xₜ] + b_C) 用 tanh，可以取负值。"),
    _m("lstm.gate-tanh", "tanh instead of σ on a gate", "门用了 tanh 而不是 σ",
       "This is what tanh on a gate gives. The forget, input and output gates use σ, so that "
       "each is a fraction between 0 and 1; only the candidate and the output squashing use tanh.",
       "这是对门使用 tanh 得到的结果。遗忘门、输入门和输出门都用 σ，使每个门是 0 到 1 之间的比例；"
       "只有候选值和输出前的压缩用 tanh。"),
    _m("lstm.h-missing-tanh", "tanh(Cₜ) missing from hₜ", "hₜ 中漏掉了 tanh(Cₜ)",
       "This is oₜ ⊙ Cₜ. The hidden state squashes the cell first: hₜ = oₜ ⊙ tanh(Cₜ).",
       "这是 oₜ ⊙ Cₜ 的结果。隐藏状态要先压缩记忆单元：hₜ = oₜ ⊙ tanh(Cₜ)。"),
    _m("lstm.c-current-for-prev", "Cₜ used where Cₜ₋₁ belongs", "把 Cₜ 用在了应当用 Cₜ₋₁ 的地方",
       "This uses the new cell Cₜ where the previous one belongs. The forget gate scales the "
       "previous cell: Cₜ = fₜ ⊙ Cₜ₋₁ + iₜ ⊙ C̃ₜ (and in backprop, ∂Cₜ/∂fₜ = Cₜ₋₁).",
       "这里把新的记忆单元 Cₜ 用在了应当用上一时刻 Cₜ₋₁ 的地方。遗忘门作用于上一时刻的记忆："
       "Cₜ = fₜ ⊙ Cₜ₋₁ + iₜ ⊙ C̃ₜ（反向传播中 ∂Cₜ/∂fₜ = Cₜ₋₁）。"),
    _m("lstm.no-forget-gate", "the forget gate left out of the cell update",
       "记忆更新漏掉了遗忘门",
       "This is Cₜ₋₁ + iₜ ⊙ C̃ₜ, the 1997 cell without a forget gate. Since Gers et al. (2000) "
       "the old cell is scaled first: Cₜ = fₜ ⊙ Cₜ₋₁ + iₜ ⊙ C̃ₜ.",
       "这是 Cₜ₋₁ + iₜ ⊙ C̃ₜ，即 1997 年没有遗忘门的单元。自 Gers 等人（2000）起，旧记忆要先乘遗忘门："
       "Cₜ = fₜ ⊙ Cₜ₋₁ + iₜ ⊙ C̃ₜ。"),
    _m("lstm.state-not-carried", "the first step's state not carried to the second",
       "第二步没有用第一步得到的状态",
       "This is step 2 computed from h₀ and C₀ again. The states move on: step 2 reads "
       "[h₁, x₂] and its forget gate scales C₁.",
       "这是用 h₀、C₀ 重新计算第二步的结果。状态要向前传递：第二步读 [h₁, x₂]，遗忘门作用于 C₁。"),
    _m("lstm.h-current-for-prev", "hₜ used where hₜ₋₁ belongs", "把 hₜ 用在了应当用 hₜ₋₁ 的地方",
       "This uses hₜ where the previous hidden state belongs. Every gate at step t reads "
       "[hₜ₋₁, xₜ]; hₜ is what the step produces.",
       "这里把 hₜ 用在了应当用 hₜ₋₁ 的地方。t 时刻的每个门读取的都是 [hₜ₋₁, xₜ]；"
       "hₜ 是这一步的输出。"),
    _m("lstm.forget-input-swapped", "forget and input gates swapped", "遗忘门与输入门用反了",
       "This is iₜ ⊙ Cₜ₋₁ + fₜ ⊙ C̃ₜ. The forget gate keeps part of the old cell and the input "
       "gate admits part of the candidate: Cₜ = fₜ ⊙ Cₜ₋₁ + iₜ ⊙ C̃ₜ.",
       "这是 iₜ ⊙ Cₜ₋₁ + fₜ ⊙ C̃ₜ 的结果。遗忘门保留旧记忆的一部分，输入门放入候选值的一部分："
       "Cₜ = fₜ ⊙ Cₜ₋₁ + iₜ ⊙ C̃ₜ。"),
    _m("lstm.gate-order-pytorch", "gate blocks read in PyTorch's order",
       "按 PyTorch 的顺序读取了门",
       "These values come from reading the stacked weights in PyTorch's order i, f, g, o. "
       "Check which order this question stacks them in (the document's is f, i, C̃, o; "
       "CS231n's is i, f, o, g).",
       "这些值是按 PyTorch 的顺序 i, f, g, o 读取堆叠权重得到的。请确认本题的堆叠顺序"
       "（文档为 f, i, C̃, o；CS231n 为 i, f, o, g）。"),
    _m("lstm.gate-order-cs231n", "gate blocks read in CS231n's order", "按 CS231n 的顺序读取了门",
       "These values come from reading the stacked weights in CS231n's order i, f, o, g. "
       "Check which order this question stacks them in (the document's is f, i, C̃, o; "
       "PyTorch's is i, f, g, o).",
       "这些值是按 CS231n 的顺序 i, f, o, g 读取堆叠权重得到的。请确认本题的堆叠顺序"
       "（文档为 f, i, C̃, o；PyTorch 为 i, f, g, o）。"),
    _m("lstm.gate-order-document", "gate blocks read in the document's order",
       "按文档的顺序读取了门",
       "These values come from reading the stacked weights in the document's order f, i, C̃, o. "
       "This question stacks them differently (PyTorch: i, f, g, o; CS231n: i, f, o, g).",
       "这些值是按文档的顺序 f, i, C̃, o 读取堆叠权重得到的。本题的堆叠顺序不同"
       "（PyTorch 为 i, f, g, o；CS231n 为 i, f, o, g）。"),
    _m("lstm.concat-order", "[xₜ, hₜ₋₁] instead of [hₜ₋₁, xₜ]",
       "拼接成了 [xₜ, hₜ₋₁] 而不是 [hₜ₋₁, xₜ]",
       "This is what [xₜ, hₜ₋₁] gives. The weights act on [hₜ₋₁, xₜ], h first: the first H "
       "columns of W multiply hₜ₋₁, the last D columns multiply xₜ.",
       "这是拼接成 [xₜ, hₜ₋₁] 的结果。权重作用于 [hₜ₋₁, xₜ]，h 在前：W 的前 H 列乘 hₜ₋₁，"
       "后 D 列乘 xₜ。"),
    _m("lstm.forgot-bias", "bias left out", "漏掉了偏置",
       "This is the value without the bias. Each gate adds its bias before the activation: "
       "σ(W·[hₜ₋₁, xₜ] + b).",
       "这是没有加偏置的结果。每个门在激活之前都要加上偏置：σ(W·[hₜ₋₁, xₜ] + b)。"),
    _m("lstm.single-bias", "only one of PyTorch's two biases", "只用了 PyTorch 两个偏置中的一个",
       "This uses only one bias. PyTorch keeps two per gate, b_ih and b_hh, and adds both.",
       "这里只用了一个偏置。PyTorch 每个门有两个偏置 b_ih 和 b_hh，两者都要加上。"),
    # --- LSTM backward pass -----------------------------------------------------------------------
    _m("lstm.sigmoid-derivative", "σ′ written as σ", "把 σ′ 写成了 σ",
       "This uses σ(z) as its own derivative. The derivative is σ′(z) = σ(z)(1 − σ(z)), "
       "at most 1/4.",
       "这里把 σ(z) 当成了它自己的导数。导数是 σ′(z) = σ(z)(1 − σ(z))，最大为 1/4。"),
    _m("lstm.tanh-derivative", "tanh′ written as 1 − tanh", "把 tanh′ 写成了 1 − tanh",
       "This uses 1 − tanh(x). The derivative of tanh is 1 − tanh²(x): the tanh is squared.",
       "这里用了 1 − tanh(x)。tanh 的导数是 1 − tanh²(x)：tanh 要平方。"),
    _m("lstm.dc-missing-output-term", "output-path term missing from dC",
       "dC 中漏掉了来自输出的项",
       "This leaves out the path through hₜ. Since hₜ = oₜ ⊙ tanh(Cₜ), the cell's gradient "
       "gets dhₜ ⊙ oₜ ⊙ (1 − tanh²(Cₜ)) in addition to what flows back from Cₜ₊₁.",
       "这里漏掉了经过 hₜ 的路径。因为 hₜ = oₜ ⊙ tanh(Cₜ)，记忆单元的梯度除了来自 Cₜ₊₁ 的部分，"
       "还要加上 dhₜ ⊙ oₜ ⊙ (1 − tanh²(Cₜ))。"),
    _m("lstm.dc-missing-next", "gradient from Cₜ₊₁ missing from dC", "dC 中漏掉了来自 Cₜ₊₁ 的梯度",
       "This leaves out what flows back along the cell from the next step. In BPTT, "
       "dCₜ = dCₜ₊₁ ⊙ fₜ₊₁ + dhₜ ⊙ oₜ ⊙ (1 − tanh²(Cₜ)).",
       "这里漏掉了沿记忆单元从下一时刻传回的梯度。在 BPTT 中，"
       "dCₜ = dCₜ₊₁ ⊙ fₜ₊₁ + dhₜ ⊙ oₜ ⊙ (1 − tanh²(Cₜ))。"),
    _m("lstm.dc-prev-missing-forget", "dCₜ₋₁ = dCₜ, without the forget gate",
       "dCₜ₋₁ = dCₜ，漏掉了遗忘门",
       "This passes dCₜ back unchanged. Since Cₜ = fₜ ⊙ Cₜ₋₁ + …, the gradient reaching the "
       "previous cell is dCₜ₋₁ = dCₜ ⊙ fₜ: the forget gate scales it.",
       "这里把 dCₜ 原样传了回去。因为 Cₜ = fₜ ⊙ Cₜ₋₁ + …，传到上一时刻记忆单元的梯度是 "
       "dCₜ₋₁ = dCₜ ⊙ fₜ：要乘以遗忘门。"),
    _m("lstm.dh-missing-next", "gradient from the next step missing from dh",
       "dh 中漏掉了来自下一时刻的梯度",
       "This uses only the loss's own gradient at step t. In BPTT, hₜ also feeds step t + 1, so "
       "dhₜ adds the gradient flowing back from there (dh_next).",
       "这里只用了 t 时刻损失自身的梯度。在 BPTT 中，hₜ 还输入到 t + 1 时刻，"
       "所以 dhₜ 要加上从那里传回的梯度（dh_next）。"),
    # --- anywhere -------------------------------------------------------------------------------
    _m("general.sign", "sign error", "符号错误",
       "Right size, wrong sign: check each minus sign, e.g. in 1 − σ or a subtraction in the "
       "chain rule.",
       "大小对了，符号反了：检查每个负号，例如 1 − σ 或链式法则中的减法。"),
    _m("general.constant-factor", "off by a constant factor", "差了一个常数因子",
       "Your answer is a constant multiple of the right one: look for a missing or extra factor.",
       "你的答案是正确答案的常数倍：检查是否漏掉或多乘了某个因子。"),
    _m("general.transposed", "matrix transposed", "矩阵转置了",
       "These are the right values transposed: rows and columns are swapped (W vs Wᵀ).",
       "数值对了但矩阵转置了：行和列互换了（W 与 Wᵀ）。"),
    _m("numeric.rounded-too-early", "rounded too early", "过早取整",
       "Close, but off in the last decimal: keep full precision in intermediate steps and round "
       "only the final answer.",
       "很接近，但最后一位不对：中间步骤请保留完整精度，只在最后对答案取整。"),
]  # fmt: skip

CATALOG: dict[str, Mistake] = {m.id: m for m in _ENTRIES}


def lookup(mistake_id: str) -> Mistake:
    """The catalogued mistake; an unknown id is a programming error in the caller."""
    try:
        return CATALOG[mistake_id]
    except KeyError:
        raise KeyError(
            f"unknown mistake id {mistake_id!r}; see tutor.answers.mistakes.CATALOG"
        ) from None
