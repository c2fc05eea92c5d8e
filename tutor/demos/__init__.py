"""Live demos that reproduce the document's claims with torch.

This package's ``__init__`` stays torch-free so the app starts fast: torch is imported only
by the demo submodules, which :func:`tutor.demos.runner.run_demo` loads on first use.
"""

from __future__ import annotations

from tutor.i18n import Text

NAMES: tuple[str, ...] = ("vanishing", "bilstm", "speed", "clipping")

#: What each demo shows; inline formulas are LaTeX, rendered like the lessons' (render_inline).
DESCRIPTIONS: dict[str, Text] = {
    "vanishing": Text(
        "RNN 的梯度 $\\lVert \\partial h_T / \\partial h_t \\rVert$ 随距离 $T - t$ 按数量级衰减，"
        "而遗忘门打开时 LSTM 的细胞状态通路能保住梯度；在“回忆第一个词元”任务上训练，"
        "RNN 在某个长度失败，LSTM 仍能成功。",
        "The RNN's gradient $\\lVert \\partial h_T / \\partial h_t \\rVert$ falls by orders of "
        "magnitude with the distance $T - t$, while the LSTM's cell-state path keeps it when "
        "the forget gate is open; trained on recalling the first token, the RNN fails at "
        "lengths where the LSTM still succeeds.",
    ),
    "bilstm": Text(
        "参数量相同时，标签依赖未来（$y_t = x_{t+k}$）的任务上 BiLSTM 胜过 LSTM，依赖过去"
        "（$y_t = x_{t-k}$）时则不然；在课程文本的字符填空上 BiLSTM 也更准。",
        "With the same parameter budget, a BiLSTM beats an LSTM when the label depends on the "
        "future ($y_t = x_{t+k}$), not when it depends on the past ($y_t = x_{t-k}$), and fills "
        "character gaps in the lessons' text better.",
    ),
    "speed": Text(
        "实测加速方法：逐门矩阵乘、门融合为一次矩阵乘、把输入投影移出循环、批处理、"
        "torch.nn.LSTM（oneDNN / cuDNN）与 GRU，按每秒词元数比较前向与前向 + 反向。",
        "The acceleration list, measured: one matmul per gate, fused gates, the input "
        "projection hoisted out of the loop, batching, torch.nn.LSTM (oneDNN / cuDNN) and GRU, "
        "in tokens per second, forward and forward + backward.",
    ),
    "clipping": Text(
        "循环权重较大的 RNN，分别在有、无全局范数梯度裁剪下训练：不裁剪时梯度爆炸、损失发散；"
        "裁剪后梯度范数保持有界，损失下降。",
        "An RNN with a large recurrent weight, trained with and without clipping the gradient "
        "by its global norm: without it the gradient explodes and the loss diverges; with it "
        "the gradient norm stays bounded and the loss falls.",
    ),
}

DEVICES: tuple[str, ...] = ("auto", "cpu", "cuda")
