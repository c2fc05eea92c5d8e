"""The small recurrent networks the training demos share."""

from __future__ import annotations

import torch
from torch import nn

KINDS: dict[str, type[nn.RNNBase]] = {"RNN": nn.RNN, "LSTM": nn.LSTM, "GRU": nn.GRU}


class Tagger(nn.Module):
    """Tokens or vectors -> one recurrent layer -> a linear read-out.

    Shapes: ``x`` is (B, T) token ids when ``vocab`` is given, else (B, T, input_size);
    the output is (B, T, out), or (B, out) read at the last step when ``last_only``.
    """

    def __init__(
        self,
        kind: str,
        input_size: int,
        hidden: int,
        out: int,
        *,
        vocab: int | None = None,
        bidirectional: bool = False,
        last_only: bool = False,
    ) -> None:
        super().__init__()
        self.embed = nn.Embedding(vocab, input_size) if vocab is not None else None
        self.rnn = KINDS[kind](input_size, hidden, batch_first=True, bidirectional=bidirectional)
        self.out = nn.Linear(hidden * (2 if bidirectional else 1), out)
        self.last_only = last_only

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if self.embed is not None:
            x = self.embed(x)
        states, _ = self.rnn(x)
        return self.out(states[:, -1] if self.last_only else states)


def n_params(module: nn.Module) -> int:
    return sum(p.numel() for p in module.parameters())


@torch.no_grad()
def chrono_init_(module: nn.Module, t_max: int, generator: torch.Generator) -> None:
    """Open the forget gates of every LSTM in ``module`` for memories up to ``t_max`` steps.

    Chrono initialisation (Tallec & Ollivier, 2018): forget bias b_f ~ log U(1, t_max - 1),
    input bias b_i = -b_f. PyTorch stacks the gates i, f, g, o and adds two biases, so the
    value goes into ``bias_ih`` and ``bias_hh`` is zeroed. This is what a trained LSTM learns
    to do for long memories; a default-initialised one starts with f ≈ σ(0) = 0.5.
    """
    for owner in module.modules():
        if not isinstance(owner, nn.LSTM | nn.LSTMCell):
            continue
        for name, param in owner.named_parameters(recurse=False):
            if name.startswith("bias_hh"):
                param.zero_()
            elif name.startswith("bias_ih"):
                hidden = param.numel() // 4
                b_f = torch.log(torch.rand(hidden, generator=generator) * (t_max - 2) + 1)
                param[hidden : 2 * hidden] = b_f.to(param)
                param[:hidden] = (-b_f).to(param)
