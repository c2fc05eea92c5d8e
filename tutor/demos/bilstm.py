"""BiLSTM vs LSTM with the same parameter budget, on three tagging tasks.

``future``: y_t = x_{t+k}, which only a model that reads the sequence backwards can see;
``past``: y_t = x_{t-k}, its control, which both can solve; ``cloze``: guess each masked
character of the lessons' own text from its context on both sides.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass
from functools import partial

import torch

from tutor.demos.common import IGNORE, accuracy, generator, sequence_loss, train_step
from tutor.demos.events import Chart, Event, Note, Points, Progress, Result
from tutor.demos.labels import value as value_label
from tutor.demos.models import Tagger, n_params
from tutor.demos.text import MASK, load_corpus
from tutor.i18n import Text

Batch = tuple[torch.Tensor, torch.Tensor]
Sampler = Callable[[int, torch.Generator], Batch]  # (batch size, generator) -> batch


@dataclass(frozen=True)
class Settings:
    threads: int = 1
    seq_len: int = 32
    shift: int = 3  # k in y_t = x_{t±k}
    symbols: int = 8
    embed: int = 16
    bi_hidden: int = 32  # per direction; the LSTM gets the width that matches its budget
    batch: int = 32
    lr: float = 1e-2
    task_steps: int = 150
    cloze_steps: int = 250
    cloze_chars: int = 48
    cloze_mask: float = 0.15
    eval_every: int = 10
    eval_batch: int = 256


DEFAULT = Settings()
QUICK = Settings(task_steps=100, cloze_steps=120, eval_every=20, eval_batch=128)

TITLES = {
    "future": Text("未来任务 yₜ = xₜ₊ₖ：准确率", "Future task yₜ = xₜ₊ₖ: accuracy"),
    "past": Text("过去任务 yₜ = xₜ₋ₖ：准确率", "Past task yₜ = xₜ₋ₖ: accuracy"),
    "cloze": Text("课程文本字符填空：准确率", "Character cloze on the lessons: accuracy"),
}


def settings(quick: bool) -> Settings:
    return QUICK if quick else DEFAULT


def shift_batch(task: str, n: int, g: torch.Generator, *, s: Settings) -> Batch:
    """Random tokens; labels are the tokens k steps ahead (future) or behind (past)."""
    x = torch.randint(0, s.symbols, (n, s.seq_len), generator=g)
    y = torch.full_like(x, IGNORE)
    if task == "future":
        y[:, : -s.shift] = x[:, s.shift :]
    else:
        y[:, s.shift :] = x[:, : -s.shift]
    return x, y


def cloze_batch(ids: torch.Tensor, n: int, g: torch.Generator, *, s: Settings) -> Batch:
    """Windows of the text with some characters replaced by MASK; labels only there."""
    starts = torch.randint(0, len(ids) - s.seq_len, (n,), generator=g)
    text = ids[starts[:, None] + torch.arange(s.seq_len)]
    masked = torch.rand(text.shape, generator=g) < s.cloze_mask
    return text.masked_fill(masked, MASK), torch.where(masked, text, IGNORE)


def matched_hidden(s: Settings, vocab: int, out: int) -> int:
    """The LSTM width whose parameter count is closest to the BiLSTM's."""

    def count(hidden: int, bidirectional: bool) -> int:
        net = Tagger("LSTM", s.embed, hidden, out, vocab=vocab, bidirectional=bidirectional)
        return n_params(net)

    budget = count(s.bi_hidden, True)
    return min(range(s.bi_hidden, 4 * s.bi_hidden), key=lambda h: abs(count(h, False) - budget))


def run(s: Settings, device: torch.device, seed: int) -> Iterator[Event]:
    corpus = load_corpus(s.cloze_chars)
    tasks: list[tuple[str, int, int, Sampler, Sampler]] = []
    for task in ("future", "past"):
        sample = partial(shift_batch, task, s=s)
        tasks.append((task, s.symbols, s.task_steps, sample, sample))
    if len(corpus.ids) > 4 * s.seq_len:
        ids = torch.tensor(corpus.ids)
        split = int(len(ids) * 0.9)  # the last tenth is held out for evaluation
        train = partial(cloze_batch, ids[:split], s=s)
        held_out = partial(cloze_batch, ids[split - s.seq_len :], s=s)
        tasks.append(("cloze", corpus.vocab, s.cloze_steps, train, held_out))
    else:
        yield Note(Text("没有足够的文本用于填空：", "Too little text for the cloze: ") + corpus.about)
    total = sum(steps for _, _, steps, _, _ in tasks)
    done = 0
    widths: dict[str, int] = {}
    for task, vocab, steps, train, held_out in tasks:
        yield Chart(task, TITLES[task], Text("训练步数", "step"), Text("准确率", "accuracy"))
        samplers = (train, held_out)
        widths[task] = yield from _compare(task, vocab, steps, samplers, s, device, seed, done, total)
        done += steps
    yield Progress(total, total, "done")
    lstm = "/".join(str(w) for w in sorted(set(widths.values())))
    yield Note(
        Text(
            f"参数量相同（相差不到 2%）：BiLSTM 每个方向宽 {s.bi_hidden}，LSTM 宽 {lstm}。",
            f"Same parameter budget (within 2%): the BiLSTM is 2 × {s.bi_hidden} wide, "
            f"the LSTM {lstm}.",
        )
    )
    if "cloze" in widths:
        yield Note(Text("填空文本：", "Cloze text: ") + corpus.about)


def _compare(
    task: str,
    vocab: int,
    steps: int,
    samplers: tuple[Sampler, Sampler],
    s: Settings,
    device: torch.device,
    seed: int,
    done: int,
    total: int,
) -> Generator[Event, None, int]:
    """Train an LSTM and a BiLSTM side by side on the same batches; return the LSTM's width."""
    widths = {"LSTM": matched_hidden(s, vocab, vocab), "BiLSTM": s.bi_hidden}
    nets, optimizers = {}, {}
    for model, hidden in widths.items():
        torch.manual_seed(seed)
        nets[model] = Tagger(
            "LSTM", s.embed, hidden, vocab, vocab=vocab, bidirectional=model == "BiLSTM"
        ).to(device)
        optimizers[model] = torch.optim.Adam(nets[model].parameters(), lr=s.lr)
    sample, sample_held_out = samplers
    train = generator(seed + 1)
    x_eval, y_eval = (t.to(device) for t in sample_held_out(s.eval_batch, generator(seed + 2)))
    scores = dict.fromkeys(nets, 0.0)
    for step in range(1, steps + 1):
        x, y = (t.to(device) for t in sample(s.batch, train))
        for model, net in nets.items():
            train_step(net.parameters(), optimizers[model], sequence_loss(net(x), y))
        if step % s.eval_every == 0 or step == steps:
            for model, net in nets.items():
                with torch.no_grad():
                    scores[model] = accuracy(net(x_eval), y_eval)
                yield Points(task, model, (float(step),), (scores[model],))
        yield Progress(done + step, total, f"{task} · step {step}/{steps}")
    for model, net in nets.items():
        row = {"task": task, "model": model, "params": n_params(net), "accuracy": scores[model]}
        yield Result(row)
    bi, uni = (f"{scores[m]:.2f}" for m in ("BiLSTM", "LSTM"))
    name = value_label(task)
    yield Note(Text(f"{name.zh}：BiLSTM {bi}，LSTM {uni}", f"{name.en}: BiLSTM {bi} vs LSTM {uni}"))
    return widths["LSTM"]
