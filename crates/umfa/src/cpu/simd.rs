//! A small SIMD vocabulary for the CPU kernels, implemented for AVX-512, AVX2+FMA and a portable
//! fallback (plain arrays that LLVM vectorises, e.g. to NEON). Kernels are generic over `Simd`
//! and instantiated inside `#[target_feature]` functions, so each runs with its ISA's registers.

/// Vector operations on `LANES` f32 values.
///
/// # Safety
/// Implementations use ISA intrinsics; callers must only use an implementation whose ISA the CPU
/// has (checked once by `Isa::detect`). Pointers must be valid for `LANES` f32.
pub(crate) trait Simd: Copy + Send + Sync + 'static {
    const LANES: usize;
    /// The smallest exponent `exp2` computes; below it the result is exactly 0.
    const EXP2_FLOOR: f32 = -127.0;
    type V: Copy;
    unsafe fn splat(x: f32) -> Self::V;
    unsafe fn load(p: *const f32) -> Self::V;
    unsafe fn store(p: *mut f32, v: Self::V);
    /// `a * b + c`, fused.
    unsafe fn fma(a: Self::V, b: Self::V, c: Self::V) -> Self::V;
    unsafe fn add(a: Self::V, b: Self::V) -> Self::V;
    unsafe fn sub(a: Self::V, b: Self::V) -> Self::V;
    unsafe fn mul(a: Self::V, b: Self::V) -> Self::V;
    unsafe fn div(a: Self::V, b: Self::V) -> Self::V;
    unsafe fn max(a: Self::V, b: Self::V) -> Self::V;
    unsafe fn min(a: Self::V, b: Self::V) -> Self::V;
    /// Round to nearest integer (ties to even), staying in f32.
    unsafe fn round(a: Self::V) -> Self::V;
    /// `2^n` for integral `n` in [-127, 128]; exactly 0 for -127.
    unsafe fn pow2i(n: Self::V) -> Self::V;
    unsafe fn reduce_max(a: Self::V) -> f32;
    unsafe fn reduce_add(a: Self::V) -> f32;

    /// `p · 2^n` for integral `n` in [-127, 128]; 0 for `n = -127`.
    #[inline(always)]
    unsafe fn scale_pow2(p: Self::V, n: Self::V) -> Self::V {
        Self::mul(p, Self::pow2i(n))
    }

    /// `2^t` for `t <= 128`: `t` is split into an integer and a fraction in [-1/2, 1/2]; the
    /// fraction goes through a degree-6 polynomial (relative error about 1.2e-7, a few f32 ulp),
    /// the integer into the exponent. Underflows to exactly 0 below `EXP2_FLOOR` (and for -inf).
    #[inline(always)]
    unsafe fn exp2(t: Self::V) -> Self::V {
        const C: [f32; 7] = [
            1.0,
            std::f32::consts::LN_2,
            0.240_226_5,
            0.055_504_11,
            0.009_618_129,
            0.001_333_355_8,
            0.000_154_035_3,
        ];
        let t = Self::max(t, Self::splat(Self::EXP2_FLOOR));
        let n = Self::round(t);
        let f = Self::sub(t, n);
        let mut p = Self::splat(C[6]);
        for &c in C[..6].iter().rev() {
            p = Self::fma(p, f, Self::splat(c));
        }
        Self::scale_pow2(p, n)
    }

    /// `e^(x - m)` for `x <= m` (or -inf): one fused multiply-add into the base-2 domain.
    #[inline(always)]
    unsafe fn exp_minus(x: Self::V, m: f32) -> Self::V {
        const LOG2E: f32 = std::f32::consts::LOG2_E;
        Self::exp2(Self::fma(x, Self::splat(LOG2E), Self::splat(-m * LOG2E)))
    }

    /// `e^x` for any x (clamped above at 88.7): exact 0 for `x <= -88.03`, no NaN.
    #[inline(always)]
    unsafe fn exp(x: Self::V) -> Self::V {
        let x = Self::min(x, Self::splat(88.7));
        Self::exp2(Self::mul(x, Self::splat(std::f32::consts::LOG2_E)))
    }

    /// `tanh(x) = 1 - 2 / (e^{2x} + 1)`; saturates to ±1 without NaN.
    #[inline(always)]
    unsafe fn tanh(x: Self::V) -> Self::V {
        let e = Self::exp(Self::add(x, x));
        let one = Self::splat(1.0);
        Self::sub(one, Self::div(Self::splat(2.0), Self::add(e, one)))
    }
}

/// Portable 8-lane implementation on arrays.
#[derive(Clone, Copy)]
pub(crate) struct Portable;

impl Simd for Portable {
    const LANES: usize = 8;
    type V = [f32; 8];
    #[inline(always)]
    unsafe fn splat(x: f32) -> Self::V {
        [x; 8]
    }
    #[inline(always)]
    unsafe fn load(p: *const f32) -> Self::V {
        (p as *const [f32; 8]).read_unaligned()
    }
    #[inline(always)]
    unsafe fn store(p: *mut f32, v: Self::V) {
        (p as *mut [f32; 8]).write_unaligned(v)
    }
    #[inline(always)]
    unsafe fn fma(a: Self::V, b: Self::V, c: Self::V) -> Self::V {
        // Fused where the baseline ISA has it (NEON's fmla); elsewhere `mul_add` would become a
        // libm call per element, so multiply and add.
        #[cfg(target_arch = "aarch64")]
        {
            std::array::from_fn(|i| a[i].mul_add(b[i], c[i]))
        }
        #[cfg(not(target_arch = "aarch64"))]
        {
            std::array::from_fn(|i| a[i] * b[i] + c[i])
        }
    }
    #[inline(always)]
    unsafe fn add(a: Self::V, b: Self::V) -> Self::V {
        std::array::from_fn(|i| a[i] + b[i])
    }
    #[inline(always)]
    unsafe fn sub(a: Self::V, b: Self::V) -> Self::V {
        std::array::from_fn(|i| a[i] - b[i])
    }
    #[inline(always)]
    unsafe fn mul(a: Self::V, b: Self::V) -> Self::V {
        std::array::from_fn(|i| a[i] * b[i])
    }
    #[inline(always)]
    unsafe fn div(a: Self::V, b: Self::V) -> Self::V {
        std::array::from_fn(|i| a[i] / b[i])
    }
    #[inline(always)]
    unsafe fn max(a: Self::V, b: Self::V) -> Self::V {
        std::array::from_fn(|i| if a[i] > b[i] { a[i] } else { b[i] })
    }
    #[inline(always)]
    unsafe fn min(a: Self::V, b: Self::V) -> Self::V {
        std::array::from_fn(|i| if a[i] < b[i] { a[i] } else { b[i] })
    }
    #[inline(always)]
    unsafe fn round(a: Self::V) -> Self::V {
        std::array::from_fn(|i| a[i].round_ties_even())
    }
    #[inline(always)]
    unsafe fn pow2i(n: Self::V) -> Self::V {
        std::array::from_fn(|i| f32::from_bits(((n[i] as i32 + 127) as u32) << 23))
    }
    #[inline(always)]
    unsafe fn reduce_max(a: Self::V) -> f32 {
        a.iter().copied().fold(f32::NEG_INFINITY, f32::max)
    }
    #[inline(always)]
    unsafe fn reduce_add(a: Self::V) -> f32 {
        a.iter().sum()
    }
}

#[cfg(target_arch = "x86_64")]
pub(crate) use x86::{Avx2, Avx512};

#[cfg(target_arch = "x86_64")]
mod x86 {
    use super::Simd;
    use std::arch::x86_64::*;

    /// AVX2 + FMA, 8 lanes.
    #[derive(Clone, Copy)]
    pub(crate) struct Avx2;

    impl Simd for Avx2 {
        const LANES: usize = 8;
        type V = __m256;
        #[inline(always)]
        unsafe fn splat(x: f32) -> __m256 {
            _mm256_set1_ps(x)
        }
        #[inline(always)]
        unsafe fn load(p: *const f32) -> __m256 {
            _mm256_loadu_ps(p)
        }
        #[inline(always)]
        unsafe fn store(p: *mut f32, v: __m256) {
            _mm256_storeu_ps(p, v)
        }
        #[inline(always)]
        unsafe fn fma(a: __m256, b: __m256, c: __m256) -> __m256 {
            _mm256_fmadd_ps(a, b, c)
        }
        #[inline(always)]
        unsafe fn add(a: __m256, b: __m256) -> __m256 {
            _mm256_add_ps(a, b)
        }
        #[inline(always)]
        unsafe fn sub(a: __m256, b: __m256) -> __m256 {
            _mm256_sub_ps(a, b)
        }
        #[inline(always)]
        unsafe fn mul(a: __m256, b: __m256) -> __m256 {
            _mm256_mul_ps(a, b)
        }
        #[inline(always)]
        unsafe fn div(a: __m256, b: __m256) -> __m256 {
            _mm256_div_ps(a, b)
        }
        #[inline(always)]
        unsafe fn max(a: __m256, b: __m256) -> __m256 {
            _mm256_max_ps(a, b)
        }
        #[inline(always)]
        unsafe fn min(a: __m256, b: __m256) -> __m256 {
            _mm256_min_ps(a, b)
        }
        #[inline(always)]
        unsafe fn round(a: __m256) -> __m256 {
            _mm256_round_ps::<{ _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC }>(a)
        }
        #[inline(always)]
        unsafe fn pow2i(n: __m256) -> __m256 {
            let i = _mm256_add_epi32(_mm256_cvtps_epi32(n), _mm256_set1_epi32(127));
            _mm256_castsi256_ps(_mm256_slli_epi32::<23>(i))
        }
        #[inline(always)]
        unsafe fn reduce_max(a: __m256) -> f32 {
            let m = _mm_max_ps(_mm256_castps256_ps128(a), _mm256_extractf128_ps::<1>(a));
            let m = _mm_max_ps(m, _mm_movehl_ps(m, m));
            let m = _mm_max_ss(m, _mm_shuffle_ps::<1>(m, m));
            _mm_cvtss_f32(m)
        }
        #[inline(always)]
        unsafe fn reduce_add(a: __m256) -> f32 {
            let m = _mm_add_ps(_mm256_castps256_ps128(a), _mm256_extractf128_ps::<1>(a));
            let m = _mm_add_ps(m, _mm_movehl_ps(m, m));
            let m = _mm_add_ss(m, _mm_shuffle_ps::<1>(m, m));
            _mm_cvtss_f32(m)
        }
    }

    /// AVX-512F, 16 lanes.
    #[derive(Clone, Copy)]
    pub(crate) struct Avx512;

    impl Simd for Avx512 {
        const LANES: usize = 16;
        type V = __m512;
        #[inline(always)]
        unsafe fn splat(x: f32) -> __m512 {
            _mm512_set1_ps(x)
        }
        #[inline(always)]
        unsafe fn load(p: *const f32) -> __m512 {
            _mm512_loadu_ps(p)
        }
        #[inline(always)]
        unsafe fn store(p: *mut f32, v: __m512) {
            _mm512_storeu_ps(p, v)
        }
        #[inline(always)]
        unsafe fn fma(a: __m512, b: __m512, c: __m512) -> __m512 {
            _mm512_fmadd_ps(a, b, c)
        }
        #[inline(always)]
        unsafe fn add(a: __m512, b: __m512) -> __m512 {
            _mm512_add_ps(a, b)
        }
        #[inline(always)]
        unsafe fn sub(a: __m512, b: __m512) -> __m512 {
            _mm512_sub_ps(a, b)
        }
        #[inline(always)]
        unsafe fn mul(a: __m512, b: __m512) -> __m512 {
            _mm512_mul_ps(a, b)
        }
        #[inline(always)]
        unsafe fn div(a: __m512, b: __m512) -> __m512 {
            _mm512_div_ps(a, b)
        }
        #[inline(always)]
        unsafe fn max(a: __m512, b: __m512) -> __m512 {
            _mm512_max_ps(a, b)
        }
        #[inline(always)]
        unsafe fn min(a: __m512, b: __m512) -> __m512 {
            _mm512_min_ps(a, b)
        }
        #[inline(always)]
        unsafe fn round(a: __m512) -> __m512 {
            _mm512_roundscale_ps::<{ _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC }>(a)
        }
        #[inline(always)]
        unsafe fn pow2i(n: __m512) -> __m512 {
            let i = _mm512_add_epi32(_mm512_cvtps_epi32(n), _mm512_set1_epi32(127));
            _mm512_castsi512_ps(_mm512_slli_epi32::<23>(i))
        }
        // `scalef` handles the exponent range itself: below 2^-160 the product is exactly 0.
        const EXP2_FLOOR: f32 = -160.0;
        #[inline(always)]
        unsafe fn scale_pow2(p: __m512, n: __m512) -> __m512 {
            _mm512_scalef_ps(p, n)
        }
        #[inline(always)]
        unsafe fn reduce_max(a: __m512) -> f32 {
            _mm512_reduce_max_ps(a)
        }
        #[inline(always)]
        unsafe fn reduce_add(a: __m512) -> f32 {
            _mm512_reduce_add_ps(a)
        }
    }
}

/// The instruction set the CPU kernels run with, detected once.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Isa {
    Avx512,
    Avx2Fma,
    Portable,
}

impl Isa {
    /// Every kernel family, fastest first.
    pub const ALL: [Isa; 3] = [Isa::Avx512, Isa::Avx2Fma, Isa::Portable];

    /// The fastest family this CPU runs; `UMFA_CPU_ISA=avx512|avx2|portable` asks for a slower
    /// one (a request the CPU cannot honour is ignored).
    pub fn detect() -> Isa {
        let forced = std::env::var("UMFA_CPU_ISA").ok();
        let wanted = Isa::ALL
            .into_iter()
            .find(|isa| forced.as_deref() == Some(isa.name_short()));
        match wanted {
            Some(isa) if isa.is_supported() => isa,
            _ => Isa::ALL
                .into_iter()
                .find(|isa| isa.is_supported())
                .unwrap_or(Isa::Portable),
        }
    }

    /// Whether this CPU can run the family.
    pub fn is_supported(self) -> bool {
        match self {
            #[cfg(target_arch = "x86_64")]
            Isa::Avx512 => std::arch::is_x86_feature_detected!("avx512f"),
            Isa::Avx2Fma => Self::has_avx2(),
            Isa::Portable => true,
            #[allow(unreachable_patterns)]
            _ => false,
        }
    }

    fn name_short(self) -> &'static str {
        match self {
            Isa::Avx512 => "avx512",
            Isa::Avx2Fma => "avx2",
            Isa::Portable => "portable",
        }
    }

    fn has_avx2() -> bool {
        #[cfg(target_arch = "x86_64")]
        {
            std::arch::is_x86_feature_detected!("avx2")
                && std::arch::is_x86_feature_detected!("fma")
        }
        #[cfg(not(target_arch = "x86_64"))]
        {
            false
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Isa::Avx512 => "avx512",
            Isa::Avx2Fma => "avx2+fma",
            Isa::Portable => "portable",
        }
    }
}
