"""What the learner reads for a demo's data keys, in both languages (torch-free).

Events and the JSON report keep stable English keys (``grad_norm``, ``no clipping``,
``forward``) that scripts and tests rely on; the app and the headless summary show the
words from here. A key with no entry reads as itself (a model name such as ``LSTM``).
"""

from __future__ import annotations

from tutor.i18n import Text

#: Table column headers, by row key.
COLUMNS: dict[str, Text] = {
    "model": Text("模型", "model"),
    "distance": Text("距离", "distance"),
    "grad_norm": Text("梯度范数", "gradient norm"),
    "length": Text("长度", "length"),
    "accuracy": Text("准确率", "accuracy"),
    "task": Text("任务", "task"),
    "params": Text("参数量", "parameters"),
    "method": Text("方法", "method"),
    "device": Text("设备", "device"),
    "pass": Text("计算", "pass"),
    "tokens_per_s": Text("词元/秒", "tokens/s"),
    "speedup": Text("加速比", "speed-up"),
    "clipped": Text("裁剪", "clipped"),
    "step": Text("步", "step"),
    "loss": Text("损失", "loss"),
}

#: Table titles, by the Result's ``table``.
TABLES: dict[str, Text] = {
    "results": Text("结果", "results"),
    "recall": Text("回忆第一个词元", "recall the first token"),
}

# "fwd+bwd": with a device column too (a CUDA run) the speed table still fits 80 columns
_PASSES = {
    "forward": Text("前向", "forward"),
    "forward+backward": Text("前向+反向", "fwd+bwd"),
}

#: Series names (legends) and the string values of table cells.
VALUES: dict[str, Text] = {
    # vanishing
    "LSTM cell": Text("LSTM 细胞状态", "LSTM cell"),
    "LSTM cell (b_f=0)": Text("LSTM 细胞状态（b_f=0）", "LSTM cell (b_f=0)"),
    "chance": Text("随机猜测", "chance"),
    # bilstm
    "future": Text("未来", "future"),
    "past": Text("过去", "past"),
    "cloze": Text("填空", "cloze"),
    # speed: the rungs of the ladder, the passes, and the series (device and pass)
    "gate loop": Text("逐门循环", "gate loop"),
    "fused": Text("门融合", "fused"),
    "hoisted": Text("投影外提", "hoisted"),
    "batched": Text("批处理", "batched"),
    **_PASSES,
    **{
        f"{device} {key}": Text.same(f"{device} ") + text
        for device in ("cpu", "cuda")
        for key, text in _PASSES.items()
    },
    # clipping
    "no clipping": Text("不裁剪", "no clipping"),
    "clipped": Text("裁剪", "clipped"),
}

YES_NO = (Text("是", "yes"), Text("否", "no"))


def column(key: str) -> Text:
    """The header of column ``key``."""
    return COLUMNS.get(key, Text.same(key))


def value(name: str) -> Text:
    """A series name or a cell's string value as the learner reads it."""
    return VALUES.get(name, Text.same(name))


def table(name: str) -> Text:
    return TABLES.get(name, Text.same(name))
