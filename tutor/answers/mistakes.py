"""The catalog of mistakes learners really make, with the feedback the tutor gives for each.

Exercise generators compute what a mistake would produce on the same givens and pass it to
check_numbers / check_expression as ``mistakes={id: value}``; when the learner's answer matches
that and not the right value, the verdict names the mistake. The ``general.*`` and
``numeric.*`` entries are also diagnosed automatically.
"""

from __future__ import annotations

from dataclasses import dataclass

from tutor.i18n import Text


@dataclass(frozen=True, slots=True)
class Mistake:
    id: str
    family: str  # the id's prefix: "lstm", "gru", "bilstm", "clipping", "general", …
    title: Text  # a short name
    feedback: Text  # what to check


def _m(id: str, title_en: str, title_zh: str, en: str, zh: str) -> Mistake:
    return Mistake(id, id.split(".")[0], Text(title_zh, title_en), Text(zh, en))


_ENTRIES = [
    # --- LSTM forward pass ------------------------------------------------------------------------
    _m("lstm.candidate-sigmoid", "σ instead of tanh on the candidate", "候选细胞状态用了 σ 而不是 tanh",
       "This is what σ on the candidate gives. The gates f, i, o use σ (values in 0…1), but the "
       "candidate C̃ₜ = tanh(W_C·[hₜ₋₁, xₜ] + b_C) uses tanh, so it can be negative.",
       "这是对候选细胞状态使用 σ 得到的结果。门 f、i、o 用 σ（取值 0…1），而候选细胞状态 "
       "C̃ₜ = tanh(W_C·[hₜ₋₁, xₜ] + b_C) 用 tanh，可以取负值。"),
    _m("lstm.gate-tanh", "tanh instead of σ on a gate", "门用了 tanh 而不是 σ",
       "This is what tanh on a gate gives. The forget, input and output gates use σ, so that "
       "each is a fraction between 0 and 1; only the candidate and the output squashing use tanh.",
       "这是对门使用 tanh 得到的结果。遗忘门、输入门和输出门都用 σ，使每个门是 0 到 1 之间的比例；"
       "只有候选细胞状态和输出前的压缩用 tanh。"),
    _m("lstm.h-missing-tanh", "tanh(Cₜ) missing from hₜ", "hₜ 中漏掉了 tanh(Cₜ)",
       "This is oₜ ⊙ Cₜ. The hidden state squashes the cell first: hₜ = oₜ ⊙ tanh(Cₜ).",
       "这是 oₜ ⊙ Cₜ 的结果。隐藏状态要先压缩记忆单元：hₜ = oₜ ⊙ tanh(Cₜ)。"),
    _m("lstm.h-tanh-prev-cell", "tanh(Cₜ₋₁) instead of tanh(Cₜ) in hₜ",
       "hₜ 用了 tanh(Cₜ₋₁) 而不是 tanh(Cₜ)",
       "This is oₜ ⊙ tanh(Cₜ₋₁), the previous cell squashed. The hidden state shows the cell "
       "this step has just written: first Cₜ = fₜ ⊙ Cₜ₋₁ + iₜ ⊙ C̃ₜ, then hₜ = oₜ ⊙ tanh(Cₜ).",
       "这是 oₜ ⊙ tanh(Cₜ₋₁)，压缩的是上一时刻的记忆。隐藏状态输出的是这一步刚更新的记忆："
       "先算 Cₜ = fₜ ⊙ Cₜ₋₁ + iₜ ⊙ C̃ₜ，再算 hₜ = oₜ ⊙ tanh(Cₜ)。"),
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
       "这是 iₜ ⊙ Cₜ₋₁ + fₜ ⊙ C̃ₜ 的结果。遗忘门保留旧记忆的一部分，输入门放入候选细胞状态的一部分："
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
    _m("lstm.stacked-input-size", "an upper layer's input size taken as D",
       "上层的输入大小用成了 D",
       "This gives a layer above the first the network's input size D. From layer 2 on, a "
       "layer reads the hidden states of the layer below, so its input size is H (2H above a "
       "bidirectional layer whose two directions are concatenated): W_k has shape (H, H + H).",
       "这里把网络的输入大小 D 用在了第一层之上的层。从第 2 层起，每层读取的是下一层的隐藏状态，"
       "所以输入大小是 H（若下面是两个方向拼接的双向层，则是 2H）：W_k 的形状是 (H, H + H)。"),
    # --- LSTM backward pass -----------------------------------------------------------------------
    _m("lstm.sigmoid-derivative", "σ′ written as σ", "把 σ′ 写成了 σ",
       "This uses σ(z) as its own derivative. The derivative is σ′(z) = σ(z)(1 − σ(z)), "
       "at most 1/4.",
       "这里把 σ(z) 当成了它自己的导数。导数是 σ′(z) = σ(z)(1 − σ(z))，最大为 1/4。"),
    _m("lstm.tanh-derivative", "tanh′ written as 1 − tanh", "把 tanh′ 写成了 1 − tanh",
       "This uses 1 − tanh(x). The derivative of tanh is 1 − tanh²(x): the tanh is squared.",
       "这里用了 1 − tanh(x)。tanh 的导数是 1 − tanh²(x)：tanh 要平方。"),
    _m("lstm.dh-dc-missing-output-gate", "the output gate missing from ∂hₜ/∂Cₜ",
       "∂hₜ/∂Cₜ 中漏掉了输出门",
       "This is 1 − tanh²(Cₜ) alone, the derivative of tanh(Cₜ). Since hₜ = oₜ ⊙ tanh(Cₜ), the "
       "output gate stays as a factor: ∂hₜ/∂Cₜ = oₜ ⊙ (1 − tanh²(Cₜ)).",
       "这只是 1 − tanh²(Cₜ)，即 tanh(Cₜ) 的导数。因为 hₜ = oₜ ⊙ tanh(Cₜ)，输出门作为因子要保留："
       "∂hₜ/∂Cₜ = oₜ ⊙ (1 − tanh²(Cₜ))。"),
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
    # --- GRU --------------------------------------------------------------------------------------
    _m("gru.update-swapped", "z and 1 − z swapped in the GRU update",
       "GRU 的更新中 z 与 1 − z 用反了",
       "This is zₜ ⊙ nₜ + (1 − zₜ) ⊙ hₜ₋₁. Here zₜ is the share of the old state that is kept: "
       "hₜ = (1 − zₜ) ⊙ nₜ + zₜ ⊙ hₜ₋₁ (PyTorch's nn.GRU and Cho et al.; some texts swap the "
       "roles, so follow the question's equation).",
       "这是 zₜ ⊙ nₜ + (1 − zₜ) ⊙ hₜ₋₁ 的结果。这里 zₜ 是保留旧状态的比例："
       "hₜ = (1 − zₜ) ⊙ nₜ + zₜ ⊙ hₜ₋₁（PyTorch 的 nn.GRU 和 Cho 等人都如此；有的教材把两者对调，"
       "请以题目给出的公式为准）。"),
    _m("gru.reset-before-product", "reset gate applied before the product (Cho et al.'s GRU)",
       "重置门乘在了矩阵乘法之前（Cho 等人的 GRU）",
       "This is tanh(W_xn xₜ + b_xn + W_hn (rₜ ⊙ hₜ₋₁) + b_hn), the GRU of Cho et al. (2014), "
       "which resets hₜ₋₁ before the product. PyTorch (and cuDNN) apply the reset gate after "
       "it, to the whole W_hn hₜ₋₁ + b_hn: nₜ = tanh(W_xn xₜ + b_xn + rₜ ⊙ (W_hn hₜ₋₁ + b_hn)).",
       "这是 tanh(W_xn xₜ + b_xn + W_hn (rₜ ⊙ hₜ₋₁) + b_hn)，即 Cho 等人（2014）的 GRU："
       "先重置 hₜ₋₁ 再做矩阵乘法。PyTorch（以及 cuDNN）在乘法之后才乘重置门，作用于整个 "
       "W_hn hₜ₋₁ + b_hn：nₜ = tanh(W_xn xₜ + b_xn + rₜ ⊙ (W_hn hₜ₋₁ + b_hn))。"),
    # --- BiLSTM -----------------------------------------------------------------------------------
    _m("bilstm.backward-reversed", "backward states listed in processing order",
       "反向状态按计算顺序排列了",
       "These are the backward states in the order the backward LSTM computes them, the state "
       "at t = T first. List each state at the time step it belongs to: hₜᵇ is the state after "
       "reading xₜ, so the list runs h₁ᵇ, h₂ᵇ, …, aligned with the forward states.",
       "这是按反向 LSTM 的计算顺序排列的反向状态（t = T 的在最前）。每个状态要放在它所属的时刻："
       "hₜᵇ 是读完 xₜ 后的状态，所以应按 h₁ᵇ, h₂ᵇ, … 排列，与前向状态逐一对齐。"),
    _m("bilstm.concat-order", "[hᵇ; hᶠ] instead of [hᶠ; hᵇ]", "拼接成了 [hᵇ; hᶠ] 而不是 [hᶠ; hᵇ]",
       "This puts the backward state first. The merged output is hₜ = [hₜᶠ; hₜᵇ]: the first H "
       "entries are the forward state, the last H the backward one (PyTorch lays out a "
       "bidirectional LSTM's output the same way).",
       "这里把反向状态放在了前面。合并输出是 hₜ = [hₜᶠ; hₜᵇ]：前 H 个数是前向状态，后 H 个数是"
       "反向状态（PyTorch 双向 LSTM 的输出也是这样排列的）。"),
    # --- gradient clipping ------------------------------------------------------------------------
    _m("clipping.per-tensor-norm", "each tensor clipped by its own norm",
       "每个张量按自己的范数裁剪了",
       "This scales each gradient by θ/‖gₖ‖, its own norm. Clipping by the global norm scales "
       "every tensor by the same c = min(1, θ/‖g‖), with ‖g‖ the norm of all their entries "
       "together, so the update keeps its direction.",
       "这里每个梯度按自己的范数缩放（θ/‖gₖ‖）。按全局范数裁剪时，所有张量乘同一个 "
       "c = min(1, θ/‖g‖)，‖g‖ 是所有张量全部分量合在一起的范数，这样更新的方向不变。"),
    _m("clipping.norm-sum", "the tensors' norms added", "把各张量的范数直接相加了",
       "This adds the tensors' norms, ‖g₁‖ + ‖g₂‖ + …, which overstates the global norm. The "
       "global norm takes every entry together: ‖g‖ = √(‖g₁‖² + ‖g₂‖² + …), the norms squared "
       "before they are added.",
       "这是各张量范数之和 ‖g₁‖ + ‖g₂‖ + …，会高估全局范数。全局范数把所有分量放在一起："
       "‖g‖ = √(‖g₁‖² + ‖g₂‖² + …)，先平方再相加，最后开方。"),
    # --- vanishing gradient -----------------------------------------------------------------------
    _m("vanishing.steps-floor", "the step count rounded down", "步数向下取整了",
       "This is ⌊ln ε / ln γ⌋, one step short: after that many steps γⁿ is still at least ε. "
       "γⁿ < ε means n > ln ε / ln γ (dividing by ln γ < 0 flips the inequality), so n is the "
       "smallest whole number above the ratio, ⌈ln ε / ln γ⌉.",
       "这是 ⌊ln ε / ln γ⌋，少了一步：走这么多步后 γⁿ 仍不小于 ε。γⁿ < ε 等价于 "
       "n > ln ε / ln γ（除以负数 ln γ 时不等号反向），所以 n 是大于这个比值的最小整数 "
       "⌈ln ε / ln γ⌉。"),
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
    _m("numeric.truncated", "truncated instead of rounded", "截断而不是四舍五入",
       "Round, don't truncate: the first digit you drop decides whether the last one you keep "
       "goes up.",
       "请四舍五入，不要直接截断：舍去的第一位数字决定保留的最后一位是否进一。"),
    _m("general.inexact-decimal", "a rounded decimal in a formula", "公式里用了取整的小数",
       "Your answer differs from the right one only as much as its rounded decimals do: a "
       "formula must be exact. Write the value itself, e.g. σ(1/2) rather than 0.6225, or 1/3 "
       "rather than 0.333.",
       "你的答案与正确答案的差别只来自其中取整的小数：公式必须精确。请写出数值本身，"
       "例如用 σ(1/2) 而不是 0.6225，用 1/3 而不是 0.333。"),
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
