"""Conversions between the engine's parameters and PyTorch's and CS231n's layouts (numpy only).

The engine keeps one (H, H + D) matrix per gate acting on [h_{t-1}, x_t] and one bias per gate,
as the document writes the equations. The libraries stack the gates instead:

=================  ==========================================  ==============  ==============
layout             weights                                     gate order      biases
=================  ==========================================  ==============  ==============
engine (LSTM)      W_k (H, H + D) per gate, on [h, x]          f, i, C̃, o      b_k (H,)
PyTorch nn.LSTM    weight_ih_l0 (4H, D), weight_hh_l0 (4H, H)  i, f, g(=C̃), o  bias_ih + bias_hh
CS231n             Wx (D, 4H), Wh (H, 4H): x Wx + h Wh         i, f, o, g      b (4H,)
PyTorch nn.GRU     weight_ih_l0 (3H, D), weight_hh_l0 (3H, H)  r, z, n         bias_ih, bias_hh
PyTorch nn.RNN     weight_ih_l0 (H, D), weight_hh_l0 (H, H)    —               bias_ih + bias_hh
=================  ==========================================  ==============  ==============

So the engine's W_f is ``[weight_hh[H:2H] | weight_ih[H:2H]]`` and b_f is
``bias_ih[H:2H] + bias_hh[H:2H]``: PyTorch keeps two biases only because cuDNN does; their sum
is all that matters — except in the GRU's candidate, where b_hn sits inside the reset gate and
must stay apart. Going back to PyTorch, the engine's bias goes to ``bias_ih`` and ``bias_hh``
is zero (the GRU's b_hn goes to ``bias_hh``'s n block).

State dicts are mappings from PyTorch's names (``weight_ih_l0``, ``bias_hh_l0_reverse``, …,
optionally with a prefix such as ``"lstm."``) to arrays, or to anything ``np.asarray``
reads (``module.state_dict()`` itself works for CPU tensors; this module never imports
torch). Load a result with
``module.load_state_dict({k: torch.from_numpy(v) for k, v in d.items()})``. Layers other
than 0 are reached with ``layer``; LSTMs with ``proj_size`` are not supported.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from numpy.typing import ArrayLike, DTypeLike

from tutor.engine._checks import shape_error
from tutor.engine.bilstm import BiLSTMParams
from tutor.engine.gru import GRUParams
from tutor.engine.lstm import LSTMParams
from tutor.engine.rnn import RNNParams

__all__ = [
    "CS231N_LSTM_ORDER",
    "TORCH_GRU_ORDER",
    "TORCH_LSTM_ORDER",
    "StateDict",
    "bilstm_from_torch",
    "bilstm_to_torch",
    "gru_from_torch",
    "gru_to_torch",
    "lstm_from_cs231n",
    "lstm_from_torch",
    "lstm_to_cs231n",
    "lstm_to_torch",
    "rnn_from_torch",
    "rnn_to_torch",
]

StateDict = Mapping[str, ArrayLike]

#: PyTorch's LSTM gate order (g is the candidate C̃).
TORCH_LSTM_ORDER: tuple[str, ...] = ("i", "f", "C", "o")
#: CS231n's LSTM gate order (``rnn_layers.lstm_step_forward``: i, f, o, g).
CS231N_LSTM_ORDER: tuple[str, ...] = ("i", "f", "o", "C")
#: PyTorch's GRU gate order.
TORCH_GRU_ORDER: tuple[str, ...] = ("r", "z", "n")


def _names(prefix: str, layer: int, reverse: bool) -> dict[str, str]:
    suffix = f"_l{layer}" + ("_reverse" if reverse else "")
    return {
        kind: f"{prefix}{kind}{suffix}" for kind in ("weight_ih", "weight_hh", "bias_ih", "bias_hh")
    }


def _read(
    state_dict: StateDict, prefix: str, layer: int, reverse: bool, gates: int, dtype: DTypeLike
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """weight_ih (kH, D), weight_hh (kH, H), bias_ih (kH,), bias_hh (kH,) for k gates, checked;
    missing biases (``bias=False``) read as zeros."""
    names = _names(prefix, layer, reverse)
    for kind in ("weight_ih", "weight_hh"):
        if names[kind] not in state_dict:
            raise ValueError(f"state_dict: no {names[kind]!r} (keys: {', '.join(state_dict)})")
    W_ih = np.array(state_dict[names["weight_ih"]], dtype=dtype)
    W_hh = np.array(state_dict[names["weight_hh"]], dtype=dtype)
    if W_hh.ndim != 2 or W_hh.shape[0] != gates * W_hh.shape[1]:
        raise shape_error(names["weight_hh"], (f"{gates}H", "H"), None, W_hh.shape)
    H = W_hh.shape[1]
    if W_ih.ndim != 2 or W_ih.shape[0] != gates * H:
        raise shape_error(names["weight_ih"], (f"{gates}H", "D"), None, W_ih.shape, f" (H = {H})")
    biases = []
    for kind in ("bias_ih", "bias_hh"):
        if names[kind] in state_dict:
            bias = np.array(state_dict[names[kind]], dtype=dtype)
            if bias.shape != (gates * H,):
                raise shape_error(names[kind], (f"{gates}H",), (gates * H,), bias.shape)
        else:
            bias = np.zeros(gates * H, dtype)
        biases.append(bias)
    return W_ih, W_hh, biases[0], biases[1]


def _chunks(array: np.ndarray, order: tuple[str, ...]) -> dict[str, np.ndarray]:
    """Split a stacked (kH, …) array into its k gates, by name."""
    return dict(zip(order, np.split(array, len(order), axis=0), strict=True))


def lstm_from_torch(
    state_dict: StateDict,
    *,
    layer: int = 0,
    reverse: bool = False,
    prefix: str = "",
    dtype: DTypeLike = np.float64,
) -> LSTMParams:
    """An ``nn.LSTM`` layer's state dict -> :class:`LSTMParams`.

    Args:
        state_dict: name -> array: weight_ih_l{layer} (4H, D), weight_hh_l{layer} (4H, H),
            bias_ih_l{layer} (4H,), bias_hh_l{layer} (4H,), gates stacked i, f, g, o.
        layer: which layer.
        reverse: read the backward direction of a bidirectional LSTM (``…_reverse``).
        prefix: prepended to every name, e.g. ``"encoder.lstm."``.
        dtype: of the result.

    Returns:
        W_k = [weight_hh_k | weight_ih_k] (H, H + D), b_k = bias_ih_k + bias_hh_k.
    """
    W_ih, W_hh, b_ih, b_hh = _read(state_dict, prefix, layer, reverse, 4, dtype)
    W = _chunks(np.concatenate([W_hh, W_ih], axis=1), TORCH_LSTM_ORDER)
    b = _chunks(b_ih + b_hh, TORCH_LSTM_ORDER)
    return LSTMParams(
        W_f=W["f"], W_i=W["i"], W_C=W["C"], W_o=W["o"],
        b_f=b["f"], b_i=b["i"], b_C=b["C"], b_o=b["o"],
    )  # fmt: skip


def lstm_to_torch(
    params: LSTMParams, *, layer: int = 0, reverse: bool = False, prefix: str = ""
) -> dict[str, np.ndarray]:
    """:class:`LSTMParams` -> an ``nn.LSTM`` layer's state dict entries.

    Returns:
        weight_ih_l{layer} (4H, D), weight_hh_l{layer} (4H, H), bias_ih_l{layer} (4H,) = the
        engine's biases, bias_hh_l{layer} (4H,) = zeros; gates stacked i, f, g, o.
    """
    H = params.hidden_size
    W = {"f": params.W_f, "i": params.W_i, "C": params.W_C, "o": params.W_o}
    b = {"f": params.b_f, "i": params.b_i, "C": params.b_C, "o": params.b_o}
    stacked = np.concatenate([W[k] for k in TORCH_LSTM_ORDER], axis=0)
    names = _names(prefix, layer, reverse)
    return {
        names["weight_ih"]: stacked[:, H:].copy(),
        names["weight_hh"]: stacked[:, :H].copy(),
        names["bias_ih"]: np.concatenate([b[k] for k in TORCH_LSTM_ORDER]),
        names["bias_hh"]: np.zeros(4 * H, params.dtype),
    }


def bilstm_from_torch(
    state_dict: StateDict, *, layer: int = 0, prefix: str = "", dtype: DTypeLike = np.float64
) -> BiLSTMParams:
    """An ``nn.LSTM(bidirectional=True)`` layer's state dict -> :class:`BiLSTMParams`
    (the ``_reverse`` weights are the backward direction)."""
    return BiLSTMParams(
        forward=lstm_from_torch(state_dict, layer=layer, prefix=prefix, dtype=dtype),
        backward=lstm_from_torch(state_dict, layer=layer, reverse=True, prefix=prefix, dtype=dtype),
    )


def bilstm_to_torch(
    params: BiLSTMParams, *, layer: int = 0, prefix: str = ""
) -> dict[str, np.ndarray]:
    """:class:`BiLSTMParams` -> the eight entries of a bidirectional ``nn.LSTM`` layer."""
    return {
        **lstm_to_torch(params.forward, layer=layer, prefix=prefix),
        **lstm_to_torch(params.backward, layer=layer, reverse=True, prefix=prefix),
    }


def gru_from_torch(
    state_dict: StateDict,
    *,
    layer: int = 0,
    reverse: bool = False,
    prefix: str = "",
    dtype: DTypeLike = np.float64,
) -> GRUParams:
    """An ``nn.GRU`` layer's state dict -> :class:`GRUParams`.

    Args:
        state_dict: weight_ih_l{layer} (3H, D), weight_hh_l{layer} (3H, H), bias_ih_l{layer}
            (3H,), bias_hh_l{layer} (3H,), gates stacked r, z, n.

    Returns:
        W_r = [W_hr | W_ir], W_z likewise, W_hn, W_xn = W_in, b_r = b_ir + b_hr,
        b_z = b_iz + b_hz, b_hn, b_xn = b_in.
    """
    W_ih, W_hh, b_ih, b_hh = _read(state_dict, prefix, layer, reverse, 3, dtype)
    W_x, W_h = _chunks(W_ih, TORCH_GRU_ORDER), _chunks(W_hh, TORCH_GRU_ORDER)
    b_x, b_h = _chunks(b_ih, TORCH_GRU_ORDER), _chunks(b_hh, TORCH_GRU_ORDER)
    return GRUParams(
        W_r=np.concatenate([W_h["r"], W_x["r"]], axis=1),
        W_z=np.concatenate([W_h["z"], W_x["z"]], axis=1),
        W_hn=W_h["n"], W_xn=W_x["n"],
        b_r=b_x["r"] + b_h["r"], b_z=b_x["z"] + b_h["z"], b_hn=b_h["n"], b_xn=b_x["n"],
    )  # fmt: skip


def gru_to_torch(
    params: GRUParams, *, layer: int = 0, reverse: bool = False, prefix: str = ""
) -> dict[str, np.ndarray]:
    """:class:`GRUParams` -> an ``nn.GRU`` layer's state dict entries (r, z, n stacked;
    bias_ih = [b_r, b_z, b_xn], bias_hh = [0, 0, b_hn])."""
    H = params.hidden_size
    names = _names(prefix, layer, reverse)
    zeros = np.zeros(H, params.dtype)
    return {
        names["weight_ih"]: np.concatenate([params.W_r[:, H:], params.W_z[:, H:], params.W_xn]),
        names["weight_hh"]: np.concatenate([params.W_r[:, :H], params.W_z[:, :H], params.W_hn]),
        names["bias_ih"]: np.concatenate([params.b_r, params.b_z, params.b_xn]),
        names["bias_hh"]: np.concatenate([zeros, zeros, params.b_hn]),
    }


def rnn_from_torch(
    state_dict: StateDict,
    *,
    layer: int = 0,
    reverse: bool = False,
    prefix: str = "",
    dtype: DTypeLike = np.float64,
) -> RNNParams:
    """An ``nn.RNN`` (tanh) layer's state dict -> :class:`RNNParams`: W = [weight_hh | weight_ih]
    (H, H + D), b = bias_ih + bias_hh. (A state dict does not say which nonlinearity the module
    used: the engine's RNN is tanh, PyTorch's default.)"""
    W_ih, W_hh, b_ih, b_hh = _read(state_dict, prefix, layer, reverse, 1, dtype)
    return RNNParams(W=np.concatenate([W_hh, W_ih], axis=1), b=b_ih + b_hh)


def rnn_to_torch(
    params: RNNParams, *, layer: int = 0, reverse: bool = False, prefix: str = ""
) -> dict[str, np.ndarray]:
    """:class:`RNNParams` -> an ``nn.RNN`` layer's state dict entries (bias_hh = zeros)."""
    H = params.hidden_size
    names = _names(prefix, layer, reverse)
    return {
        names["weight_ih"]: params.W[:, H:].copy(),
        names["weight_hh"]: params.W[:, :H].copy(),
        names["bias_ih"]: params.b.copy(),
        names["bias_hh"]: np.zeros(H, params.dtype),
    }


def lstm_from_cs231n(
    Wx: ArrayLike, Wh: ArrayLike, b: ArrayLike, *, dtype: DTypeLike = np.float64
) -> LSTMParams:
    """CS231n's LSTM weights -> :class:`LSTMParams`.

    Args:
        Wx: (D, 4H), Wh: (H, 4H), b: (4H,); CS231n computes a = x Wx + h Wh + b and slices
            a into i, f, o, g.

    Returns:
        W_k = [Wh_kᵀ | Wx_kᵀ] (H, H + D), b_k.
    """
    Wx_a, Wh_a, b_a = (np.array(a, dtype=dtype) for a in (Wx, Wh, b))
    if Wh_a.ndim != 2 or Wh_a.shape[1] != 4 * Wh_a.shape[0]:
        raise shape_error("Wh", ("H", "4H"), None, Wh_a.shape)
    H = Wh_a.shape[0]
    if Wx_a.ndim != 2 or Wx_a.shape[1] != 4 * H:
        raise shape_error("Wx", ("D", "4H"), None, Wx_a.shape, f" (H = {H})")
    if b_a.shape != (4 * H,):
        raise shape_error("b", ("4H",), (4 * H,), b_a.shape)
    W = _chunks(np.ascontiguousarray(np.concatenate([Wh_a, Wx_a], axis=0).T), CS231N_LSTM_ORDER)
    bs = _chunks(b_a, CS231N_LSTM_ORDER)
    return LSTMParams(
        W_f=W["f"], W_i=W["i"], W_C=W["C"], W_o=W["o"],
        b_f=bs["f"], b_i=bs["i"], b_C=bs["C"], b_o=bs["o"],
    )  # fmt: skip


def lstm_to_cs231n(params: LSTMParams) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """:class:`LSTMParams` -> CS231n's ``(Wx (D, 4H), Wh (H, 4H), b (4H,))``, gates i, f, o, g."""
    H = params.hidden_size
    W = {"f": params.W_f, "i": params.W_i, "C": params.W_C, "o": params.W_o}
    b = {"f": params.b_f, "i": params.b_i, "C": params.b_C, "o": params.b_o}
    stacked = np.concatenate([W[k] for k in CS231N_LSTM_ORDER], axis=0)  # (4H, H + D)
    return (
        np.ascontiguousarray(stacked[:, H:].T),
        np.ascontiguousarray(stacked[:, :H].T),
        np.concatenate([b[k] for k in CS231N_LSTM_ORDER]),
    )
