"""Type stubs of the native module ``umfa._umfa`` (crates/umfa-python).

A tensor descriptor is ``(data_ptr, nbytes, dtype, shape, element_strides, device_type,
device_index)``: dtype one of "f16", "bf16", "f32", "u8"; device_type "cpu", "cuda" or "wgpu";
``nbytes`` counts from ``data_ptr`` to one past the last element the strides reach. The caller
keeps the described memory alive for the call. Both compute functions release the GIL.
"""

from typing import Any, List, Optional, Tuple

Desc = Tuple[int, int, str, Tuple[int, ...], Tuple[int, ...], str, int]

MAX_HEAD_DIM: int
DTYPES: Tuple[str, ...]

def forward(
    q: Desc,
    k: Desc,
    v: Desc,
    out: Desc,
    lse: Optional[Desc] = None,
    *,
    mask: Optional[Desc] = None,
    mask_kind: str = "bool",
    scale: Optional[float] = None,
    causal: Optional[str] = None,
    window: Optional[Tuple[int, int]] = None,
    softcap: float = 0.0,
    alibi_slopes: Optional[Desc] = None,
    sinks: Optional[Desc] = None,
    deterministic: bool = False,
    backend: Optional[str] = None,
    stream: int = 0,
) -> None:
    """Writes out [B,Hq,Sq,Dv] (and lse [B,Hq,Sq] f32). causal: None, "top_left",
    "bottom_right"; mask_kind: "bool" (nonzero = attend) or "additive"; backend: None computes
    where the tensors live, a name stages host tensors on that backend; stream: the CUDA
    stream to launch on (0 = default)."""

def backward(
    q: Desc,
    k: Desc,
    v: Desc,
    out: Desc,
    d_out: Desc,
    lse: Desc,
    dq: Desc,
    dk: Desc,
    dv: Desc,
    *,
    d_lse: Optional[Desc] = None,
    d_sinks: Optional[Desc] = None,
    d_bias: Optional[Desc] = None,
    mask: Optional[Desc] = None,
    mask_kind: str = "bool",
    scale: Optional[float] = None,
    causal: Optional[str] = None,
    window: Optional[Tuple[int, int]] = None,
    softcap: float = 0.0,
    alibi_slopes: Optional[Desc] = None,
    sinks: Optional[Desc] = None,
    deterministic: bool = False,
    backend: Optional[str] = None,
    stream: int = 0,
) -> None:
    """Writes dq, dk, dv (and d_sinks [Hq] f32, d_bias f32 of the mask's shape) from the
    forward's out and lse and the upstream gradients d_out and, when the loss reads the LSE,
    d_lse ([B, Hq, Sq] f32); the options must be the forward's."""

def quant_forward(
    q: Desc,
    k: Desc,
    v: Desc,
    out: Desc,
    lse: Optional[Desc] = None,
    *,
    q_spec: Optional[Tuple[str, str, int, bool, bool]] = None,
    k_spec: Optional[Tuple[str, str, int, bool, bool]] = None,
    v_spec: Optional[Tuple[str, str, int, bool, bool]] = None,
    mask: Optional[Desc] = None,
    mask_kind: str = "bool",
    scale: Optional[float] = None,
    causal: Optional[str] = None,
    window: Optional[Tuple[int, int]] = None,
    softcap: float = 0.0,
    backend: Optional[str] = None,
) -> None:
    """Quantizes the float host tensors q, k, v as each spec says — ``(dtype "int8"|"int4",
    granularity "tensor"|"row"|"block"|"channel", block_size, symmetric, smooth)``, None leaves
    the operand in floating point — and writes attention on the dequantized tensors into out
    (and lse). backend None computes on the CPU."""

def quant_backward(
    q: Desc,
    k: Desc,
    v: Desc,
    out: Desc,
    d_out: Desc,
    lse: Desc,
    dq: Desc,
    dk: Desc,
    dv: Desc,
    *,
    q_spec: Optional[Tuple[str, str, int, bool, bool]] = None,
    k_spec: Optional[Tuple[str, str, int, bool, bool]] = None,
    v_spec: Optional[Tuple[str, str, int, bool, bool]] = None,
    mask: Optional[Desc] = None,
    mask_kind: str = "bool",
    scale: Optional[float] = None,
    causal: Optional[str] = None,
    window: Optional[Tuple[int, int]] = None,
    softcap: float = 0.0,
    backend: Optional[str] = None,
) -> None:
    """The straight-through backward of quant_forward (same specs and options): writes dq, dk,
    dv, the gradients of attention on the dequantized tensors."""

def version() -> Tuple[int, int, int]: ...
def backends() -> List[Tuple[str, bool, str]]:
    """(name, available, device name or why not), fastest first."""

def default_backend() -> str: ...
def capabilities(backend: str) -> List[Tuple[str, Optional[str]]]:
    """(feature, None if supported else why not)."""

def dlpack_describe(capsule: Any, arg: str, dtype: Optional[str] = None) -> Desc:
    """The descriptor of the tensor in a DLPack capsule (not consumed)."""
    ...

def merge(
    outs: List[Desc],
    lses: List[Desc],
    out: Desc,
    lse: Optional[Desc] = None,
    *,
    backend: Optional[str] = None,
    stream: int = 0,
) -> None:
    """Writes out [B,H,S,Dv] = sum_n exp(lses[n] - lse) * outs[n] and lse [B,H,S] f32 =
    log sum_n exp(lses[n]); rows no part saw give 0 and -inf."""

def merge_into(
    acc_out: Desc,
    acc_lse: Desc,
    part_out: Desc,
    part_lse: Desc,
    *,
    backend: Optional[str] = None,
    stream: int = 0,
) -> None:
    """Accumulates the part into (acc_out, acc_lse) in place."""

def merge_backward(
    outs: List[Desc],
    lses: List[Desc],
    d_out: Desc,
    d_outs: List[Optional[Desc]],
    d_lses: List[Optional[Desc]],
    d_lse: Optional[Desc] = None,
    *,
    backend: Optional[str] = None,
    stream: int = 0,
) -> None:
    """Writes d_outs[n] = w_n d_out and d_lses[n] = w_n (d_out . (outs[n] - out) + d_lse) for
    the entries that are not None, with w_n = exp(lses[n] - lse)."""
