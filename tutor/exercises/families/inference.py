"""Memory at inference: an LSTM carries a state of fixed size (h_t and C_t of every layer),
a Transformer decoder a key-value cache that grows with every token it has seen.

    LSTM state:  B · L · 2H numbers               (h and C per layer; independent of T)
    KV cache:    B · N · T · 2 · n_kv · d_head     (K and V per layer and token)

with n_kv · d_head = d_model for ordinary multi-head attention and fewer key-value heads than
query heads under grouped-query attention. The tests check the sizes against torch tensors
(nn.LSTM's h_n and c_n, and caches of the shapes a decoder keeps).
"""

from __future__ import annotations

import numpy as np

from tutor.exercises.families._build import (
    count_cell,
    hints,
    whole_number_exercise,
    worked_line,
)
from tutor.exercises.families._numbers import shown_givens
from tutor.exercises.model import Cell, Exercise, Step
from tutor.exercises.registry import register
from tutor.i18n import Text

#: Bytes per stored number: fp16 / bf16.
BYTES = 2
GIB = 2**30


def lstm_state(B: int, L: int, H: int) -> int:
    """Numbers an L-layer LSTM keeps between steps: h and C of every layer."""
    return B * L * 2 * H


def kv_cache(B: int, N: int, T: int, width: int) -> int:
    """Numbers an N-layer decoder keeps after T tokens: a key and a value of `width`
    (= n_kv · d_head) per layer and token."""
    return B * N * T * 2 * width


def size_line(
    zh: str, en: str, formula: str, factors: tuple[int, ...], value: int, in_bytes: bool
) -> Step:
    """A worked line for a count of numbers, times the bytes per number where bytes are asked."""
    tail = (rf" \cdot {BYTES}", f"×{BYTES}") if in_bytes else ("", "")
    numbers = "×".join(map(str, factors)) + tail[1]
    return worked_line(zh, en, formula + tail[0], numbers, str(value))


@register(
    "acceleration.inference-memory",
    "acceleration",
    "推理时的内存：LSTM 的状态与 Transformer 的 KV 缓存",
    "Memory at inference: an LSTM's state against a Transformer's KV cache",
)
def inference_memory(rng: np.random.Generator, difficulty: int) -> Exercise:
    """Numbers for one sequence at 1; bytes for a batch in fp16, and what one more token adds,
    at 2; grouped-query attention at a long context, and how many sequences fit in memory, at 3."""
    L, H = int(rng.choice((1, 2, 3, 4))), int(rng.choice((256, 512, 1024)))
    if difficulty == 3:
        N, heads, d_head = int(rng.choice((24, 32, 40))), 32, 128
        kv_heads = int(rng.choice((4, 8)))
        T = int(rng.choice((8192, 16384, 32768)))
        B, budget = 1, int(rng.choice((16, 24, 40, 80)))
    else:
        N, d_model = int(rng.choice((6, 12, 24))), int(rng.choice((512, 768, 1024)))
        T = int(rng.choice((512, 1024, 2048, 4096)))
        B = 1 if difficulty == 1 else int(rng.choice((8, 16, 32)))
    scale = 1 if difficulty == 1 else BYTES
    unit = Text("个数", "numbers") if difficulty == 1 else Text("字节", "bytes")
    state = lstm_state(B, L, H) * scale
    state_cell = count_cell(
        "lstm", r"$S_{\mathrm{LSTM}}$", state, {"general.constant-factor": state // 2}
    )
    in_bytes = difficulty > 1
    steps = [
        size_line("每层保留 $h_t$ 和 $C_t$，与已读的长度无关",
                  "Each layer keeps $h_t$ and $C_t$, whatever the length read so far",
                  "B \\cdot L \\cdot 2H", (B, L, 2, H), state, in_bytes),
    ]  # fmt: skip
    if difficulty < 3:
        cache = kv_cache(B, N, T, d_model) * scale
        cells: tuple[Cell, ...] = (
            state_cell,
            count_cell("kv", r"$S_{\mathrm{KV}}$", cache, {"general.constant-factor": cache // 2}),
        )
        steps.append(
            size_line("每层每个词元一个键、一个值，各 $d_{\\mathrm{model}}$ 个数",
                      "A key and a value of $d_{\\mathrm{model}}$ numbers per layer and token",
                      "B \\cdot N \\cdot T \\cdot 2 d_{\\mathrm{model}}", (B, N, T, 2, d_model), cache, in_bytes)
        )  # fmt: skip
        givens = shown_givens(L=L, H=H, N=N, d_model=d_model, T=T, B=B)
        ask = Text(
            "两者各要保存多少" + unit.zh + "？",
            f"How many {unit.en} does each keep?",
        )
        if difficulty == 2:
            token = kv_cache(B, N, 1, d_model) * BYTES
            cells = (
                *cells,
                count_cell("token", r"$\Delta{S}_{\mathrm{KV}}$", token, {"general.constant-factor": token // 2}),
                count_cell("token_lstm", r"$\Delta{S}_{\mathrm{LSTM}}$", 0),
            )  # fmt: skip
            steps.append(
                size_line("再读一个词元，缓存增加", "One more token adds to the cache",
                          "B \\cdot N \\cdot 2 d_{\\mathrm{model}}", (B, N, 2, d_model), token, in_bytes)
            )  # fmt: skip
            steps.append(worked_line("LSTM 的状态大小不变", "The LSTM's state keeps its size", "\\Delta{S}_{\\mathrm{LSTM}} = 0", "", "0"))
            ask = Text(
                ask.zh + "再生成一个词元，KV 缓存增加多少字节（$\\Delta{S}_{\\mathrm{KV}}$），LSTM 的状态呢（$\\Delta{S}_{\\mathrm{LSTM}}$）？",
                ask.en + " One more generated token adds how many bytes to the KV cache "
                "($\\Delta{S}_{\\mathrm{KV}}$), and to the LSTM's state ($\\Delta{S}_{\\mathrm{LSTM}}$)?",
            )
        what = Text(
            "一个 N 层的 Transformer 解码器（多头注意力，键和值各 $d_{\\mathrm{model}}$ 维）",
            "an N-layer Transformer decoder (multi-head attention, keys and values of "
            "$d_{\\mathrm{model}}$ entries each)",
        )
    else:
        width = kv_heads * d_head
        cache = kv_cache(1, N, T, width) * BYTES
        fit = budget * GIB // cache
        cells = (
            state_cell,
            count_cell(
                "kv",
                r"$S_{\mathrm{KV}}$",
                cache,
                # every query head with its own key and value, as without grouping
                {"general.constant-factor": kv_cache(1, N, T, heads * d_head) * BYTES},
            ),
            count_cell("fit", r"$B_{\max}$", fit),
        )
        steps += [
            size_line("每层每个词元：$n_{\\mathrm{kv}}$ 个键值头，各 $d_{\\mathrm{head}}$ 维",
                      "Per layer and token: $n_{\\mathrm{kv}}$ key-value heads of $d_{\\mathrm{head}}$ entries",
                      "N \\cdot T \\cdot 2 n_{\\mathrm{kv}} d_{\\mathrm{head}}", (N, T, 2, kv_heads, d_head), cache, in_bytes),
            worked_line("放得下的序列数（向下取整）", "Sequences that fit (rounded down)", "M / S_{\\mathrm{KV}}", f"{budget}×2³⁰/{cache}", str(fit)),
        ]  # fmt: skip
        givens = shown_givens(L=L, H=H, N=N, n_heads=heads, n_kv=kv_heads, d_head=d_head, T=T, M=budget)
        what = Text(
            "一个 N 层的解码器，每层 $n_{\\mathrm{heads}}$ 个查询头，分组查询注意力（GQA）只保留 "
            "$n_{\\mathrm{kv}}$ 个键值头，每头 $d_{\\mathrm{head}}$ 维",
            "an N-layer decoder with $n_{\\mathrm{heads}}$ query heads per layer, whose grouped-query "
            "attention (GQA) keeps only $n_{\\mathrm{kv}}$ key-value heads of "
            "$d_{\\mathrm{head}}$ entries",
        )
        ask = Text(
            "每条序列各要保存多少字节（$S_{\\mathrm{LSTM}}$、$S_{\\mathrm{KV}}$）？"
            "M GiB（$1 \\text{ GiB} = 2^{30}$ 字节）的显存最多能放下多少条这样的序列的 KV 缓存"
            "（$B_{\\max}$）？",
            "How many bytes does each keep per sequence ($S_{\\mathrm{LSTM}}$, $S_{\\mathrm{KV}}$)? "
            "How many such sequences' KV caches fit into M GiB ($1 \\text{ GiB} = 2^{30}$ bytes) "
            "of memory at most ($B_{\\max}$)?",
        )
    batch = Text("一条序列的", "one sequence") if B == 1 else Text("批中 B 条序列的", "each of a batch of B sequences")
    precision = Text("", "") if difficulty == 1 else Text("每个数按 fp16 存，2 字节。", " Every number is stored in fp16, 2 bytes.")
    return whole_number_exercise(
        f"生成文本时，一个 L 层、隐藏维度 H 的 LSTM 与{what.zh}，各自读完了{batch.zh}前 T 个词元。"
        f"{precision.zh}{ask.zh}",
        f"Generating text: an L-layer LSTM with hidden size H and {what.en} have each read the "
        f"first T tokens of {batch.en}.{precision.en} {ask.en}",
        givens,
        cells,
        hints(
            (
                "LSTM 只把上一步的 $h_t$ 和 $C_t$ 带到下一步：每层 2H 个数，与 T 无关。",
                "An LSTM carries only $h_t$ and $C_t$ to the next step: 2H numbers per layer, "
                "whatever T is.",
            ),
            (
                "注意力要看之前的每个词元，所以每层为每个词元缓存一个键和一个值：随 T 线性增长。",
                "Attention looks at every earlier token, so each layer caches a key and a value "
                "per token: it grows linearly with T.",
            ),
        ),
        steps,
    )
