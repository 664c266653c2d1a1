"""umfa: flash attention with one set of semantics on every backend.

- ``scaled_dot_product_attention``: torch's function, same signature and semantics, on torch
  tensors (with autograd and ``torch.compile``) or NumPy arrays.
- ``patch_torch()`` / ``unpatch_torch()``: route ``torch.nn.functional.scaled_dot_product_attention``
  to umfa, falling back to torch (counted in ``fallback_counts()``) where umfa does not apply.
- ``flash_attn_func``: FlashAttention-2's function (BSHD, bottom-right causal, LSE out).
- ``attention_forward`` / ``attention_backward``: umfa's own calls on ``[B, H, S, D]`` arrays.
- ``sageattn``: SageAttention's quantized attention (INT8/INT4 Q and K, runtime quantization).
- ``merge`` / ``merge_into`` / ``merge_backward``: partial results merged by their LSE (ring
  attention, split-KV decoding), differentiable on torch tensors.
- UMFA's API: ``MFAContext``, ``MFABuffer``, ``flash_attention_forward``, ``attention``,
  ``quantized_attention``, ``MFAError``, ``create_context``, ``get_version``,
  ``is_metal_available``, ``print_system_info``.

The native module releases the GIL while it computes.
"""

from ._errors import MFAError, MFAInvalidArgument, MFAUnsupported
from ._info import (
    backend_available,
    backends,
    default_backend,
    get_version,
    is_metal_available,
    print_system_info,
    system_info,
)
from .functional import (
    attention_backward,
    attention_forward,
    flash_attn_func,
    scaled_dot_product_attention,
)
from ._merge import merge, merge_backward, merge_into
from .ring import ring_attention, zigzag_shard, zigzag_unshard
from .mfa import (
    MFABuffer,
    MFAContext,
    attention,
    create_context,
    flash_attention_forward,
)
from .quant import quantized_attention, sageattn, sageattn_backward
from .patch import (
    fallback_counts,
    is_patched,
    patch_torch,
    reset_fallback_counts,
    umfa_call_count,
    unpatch_torch,
)

__version__ = "{}.{}.{}".format(*get_version())

__all__ = [
    "MFABuffer",
    "MFAContext",
    "MFAError",
    "MFAInvalidArgument",
    "MFAUnsupported",
    "attention",
    "attention_backward",
    "attention_forward",
    "backend_available",
    "backends",
    "create_context",
    "default_backend",
    "fallback_counts",
    "flash_attention_forward",
    "flash_attn_func",
    "get_version",
    "is_metal_available",
    "is_patched",
    "merge",
    "merge_backward",
    "merge_into",
    "ring_attention",
    "zigzag_shard",
    "zigzag_unshard",
    "patch_torch",
    "print_system_info",
    "quantized_attention",
    "reset_fallback_counts",
    "sageattn",
    "sageattn_backward",
    "scaled_dot_product_attention",
    "system_info",
    "umfa_call_count",
    "unpatch_torch",
]
