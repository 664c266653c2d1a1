/*
 * umfa from C: a context, buffers, forward (causal, then with a boolean mask), forward with
 * LSE and the multi-head backward through the UMFA-compatible calls, then the same problem
 * through the descriptor API. Every result is checked against a double-precision reference
 * computed here; the program exits non-zero on any mismatch.
 *
 * Build: gcc -std=c11 -Wall -Wextra -I include examples/c/attention.c -L <libdir> -lumfa -lm
 */
#include "mfa_ffi.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { B = 2, H = 2, SQ = 16, SK = 24, D = 32 };
#define NQ (B * H * SQ * D)
#define NK (B * H * SK * D)
#define NROWS (B * H * SQ)

static int failures = 0;

#define CHECK(call)                                                                      \
    do {                                                                                 \
        mfa_error_t rc_ = (call);                                                        \
        if (rc_ != MFA_SUCCESS) {                                                        \
            fprintf(stderr, "%s:%d: %s failed: %s (%s)\n", __FILE__, __LINE__, #call,    \
                    mfa_error_string(rc_), mfa_last_error_message());                    \
            exit(1);                                                                     \
        }                                                                                \
    } while (0)

/* Deterministic data in [-1, 1). */
static float next_value(unsigned *state) {
    *state = *state * 1664525u + 1013904223u;
    return (float)((*state >> 8) & 0xffff) / 32768.0f - 1.0f;
}

static size_t at(int b, int h, int s, int d, int seq) {
    return (((size_t)b * H + h) * seq + s) * D + d;
}

/* Reference forward in double, [B,H,S,D] layout. causal: key j visible iff j <= i.
 * mask: NULL or [SQ,SK] bytes, nonzero = attend. Fully masked rows give 0 and LSE -inf. */
static void reference_forward(const float *q, const float *k, const float *v, double scale,
                              int causal, const unsigned char *mask, double *out, double *lse) {
    double p[SK];
    for (int b = 0; b < B; b++)
        for (int h = 0; h < H; h++)
            for (int i = 0; i < SQ; i++) {
                double max = -INFINITY;
                for (int j = 0; j < SK; j++) {
                    int visible = (!causal || j <= i) && (!mask || mask[i * SK + j]);
                    double s = -INFINITY;
                    if (visible) {
                        s = 0.0;
                        for (int c = 0; c < D; c++)
                            s += (double)q[at(b, h, i, c, SQ)] * k[at(b, h, j, c, SK)];
                        s *= scale;
                    }
                    p[j] = s;
                    if (s > max) max = s;
                }
                double sum = 0.0;
                for (int j = 0; j < SK; j++) {
                    p[j] = isinf(p[j]) ? 0.0 : exp(p[j] - max);
                    sum += p[j];
                }
                size_t row = ((size_t)b * H + h) * SQ + i;
                lse[row] = sum > 0.0 ? max + log(sum) : -INFINITY;
                for (int c = 0; c < D; c++) {
                    double o = 0.0;
                    for (int j = 0; j < SK; j++)
                        o += sum > 0.0 ? p[j] / sum * v[at(b, h, j, c, SK)] : 0.0;
                    out[at(b, h, i, c, SQ)] = o;
                }
            }
}

/* Reference backward in double: dQ, dK, dV of the causal attention above for upstream dO. */
static void reference_backward(const float *q, const float *k, const float *v, const float *dout,
                               double scale, double *dq, double *dk, double *dv) {
    static double out[NQ], lse[NROWS];
    reference_forward(q, k, v, scale, 1, NULL, out, lse);
    memset(dq, 0, sizeof(double) * NQ);
    memset(dk, 0, sizeof(double) * NK);
    memset(dv, 0, sizeof(double) * NK);
    for (int b = 0; b < B; b++)
        for (int h = 0; h < H; h++)
            for (int i = 0; i < SQ; i++) {
                size_t row = ((size_t)b * H + h) * SQ + i;
                double delta = 0.0;
                for (int c = 0; c < D; c++) delta += (double)dout[at(b, h, i, c, SQ)] * out[at(b, h, i, c, SQ)];
                for (int j = 0; j <= i && j < SK; j++) {
                    double s = 0.0, dp = 0.0;
                    for (int c = 0; c < D; c++) {
                        s += (double)q[at(b, h, i, c, SQ)] * k[at(b, h, j, c, SK)];
                        dp += (double)dout[at(b, h, i, c, SQ)] * v[at(b, h, j, c, SK)];
                    }
                    double pij = exp(s * scale - lse[row]);
                    double ds = pij * (dp - delta) * scale;
                    for (int c = 0; c < D; c++) {
                        dv[at(b, h, j, c, SK)] += pij * dout[at(b, h, i, c, SQ)];
                        dq[at(b, h, i, c, SQ)] += ds * k[at(b, h, j, c, SK)];
                        dk[at(b, h, j, c, SK)] += ds * q[at(b, h, i, c, SQ)];
                    }
                }
            }
}

static void compare(const char *what, const float *got, const double *want, size_t n, double tol) {
    double worst = 0.0;
    for (size_t i = 0; i < n; i++) {
        double e = isinf(want[i]) && got[i] == want[i] ? 0.0 : fabs(got[i] - want[i]);
        if (!(e <= worst)) worst = e; /* also catches NaN */
    }
    int ok = worst <= tol;
    printf("  %-28s max |error| %.2e (tolerance %.0e) %s\n", what, worst, tol, ok ? "ok" : "MISMATCH");
    if (!ok) failures++;
}

static mfa_buffer_t new_buffer(mfa_context_t ctx, size_t bytes, float **host) {
    mfa_buffer_t buf = NULL;
    CHECK(mfa_create_buffer(ctx, (intptr_t)bytes, &buf));
    *host = (float *)mfa_buffer_contents(buf);
    return buf;
}

int main(void) {
    int major, minor, patch;
    mfa_get_version(&major, &minor, &patch);
    printf("umfa %d.%d.%d, ABI %u, device supported: %s\n", major, minor, patch, mfa_abi_version(),
           mfa_is_device_supported() ? "yes" : "no");
    if (mfa_abi_version() != MFA_ABI_VERSION) {
        fprintf(stderr, "header and library disagree on the ABI version\n");
        return 1;
    }

    mfa_context_t ctx = NULL;
    CHECK(mfa_create_context(&ctx));
    char device[256];
    CHECK(mfa_context_device_name(ctx, device, sizeof device));
    printf("context on %s\n", device);

    float *q, *k, *v, *o, *lse, *dout, *dq, *dk, *dv;
    mfa_buffer_t bq = new_buffer(ctx, sizeof(float) * NQ, &q);
    mfa_buffer_t bk = new_buffer(ctx, sizeof(float) * NK, &k);
    mfa_buffer_t bv = new_buffer(ctx, sizeof(float) * NK, &v);
    mfa_buffer_t bo = new_buffer(ctx, sizeof(float) * NQ, &o);
    mfa_buffer_t blse = new_buffer(ctx, sizeof(float) * NROWS, &lse);
    mfa_buffer_t bdout = new_buffer(ctx, sizeof(float) * NQ, &dout);
    mfa_buffer_t bdq = new_buffer(ctx, sizeof(float) * NQ, &dq);
    mfa_buffer_t bdk = new_buffer(ctx, sizeof(float) * NK, &dk);
    mfa_buffer_t bdv = new_buffer(ctx, sizeof(float) * NK, &dv);
    unsigned seed = 42;
    for (int i = 0; i < NQ; i++) q[i] = next_value(&seed);
    for (int i = 0; i < NK; i++) k[i] = next_value(&seed);
    for (int i = 0; i < NK; i++) v[i] = next_value(&seed);
    for (int i = 0; i < NQ; i++) dout[i] = next_value(&seed);
    const float scale = 1.0f / sqrtf((float)D);

    static double want_o[NQ], want_lse[NROWS], want_dq[NQ], want_dk[NK], want_dv[NK];

    printf("forward, causal:\n");
    CHECK(mfa_attention_forward(ctx, bq, bk, bv, bo, B, SQ, SK, H, D, scale, true, MFA_PRECISION_FP32,
                                MFA_PRECISION_FP32, MFA_PRECISION_FP32, false, false, false, false,
                                NULL, 0, NULL, NULL, 0, MFA_MASK_TYPE_NONE, MFA_MASK_SCALAR_BYTE));
    printf("  took %.3f ms\n", mfa_get_gpu_latency(ctx) * 1e3);
    reference_forward(q, k, v, scale, 1, NULL, want_o, want_lse);
    compare("out", o, want_o, NQ, 1e-4);

    printf("forward, boolean mask [SQ, SK] broadcast over batch and heads:\n");
    static unsigned char mask[SQ * SK];
    for (int i = 0; i < SQ; i++)
        for (int j = 0; j < SK; j++) mask[i * SK + j] = (unsigned char)((i + 2 * j) % 3 != 0);
    memset(mask + 5 * SK, 0, SK); /* row 5 sees nothing: its output must be 0, not NaN */
    const int64_t mask_shape[2] = {SQ, SK};
    CHECK(mfa_attention_forward(ctx, bq, bk, bv, bo, B, SQ, SK, H, D, scale, false,
                                MFA_PRECISION_FP32, MFA_PRECISION_FP32, MFA_PRECISION_FP32, false,
                                false, false, false, mask, sizeof mask, mask_shape, NULL, 2,
                                MFA_MASK_TYPE_BOOL, MFA_MASK_SCALAR_BYTE));
    reference_forward(q, k, v, scale, 0, mask, want_o, want_lse);
    compare("out", o, want_o, NQ, 1e-4);

    printf("forward with LSE, then backward (causal):\n");
    CHECK(mfa_attention_forward_with_lse(ctx, bq, bk, bv, bo, blse, B, SQ, SK, H, D, scale, true,
                                         MFA_PRECISION_FP32, MFA_PRECISION_FP32, false, false,
                                         false, false));
    reference_forward(q, k, v, scale, 1, NULL, want_o, want_lse);
    compare("out", o, want_o, NQ, 1e-4);
    compare("lse", lse, want_lse, NROWS, 1e-4);
    mfa_error_t brc = mfa_attention_backward(ctx, bdout, bq, bk, bv, bo, blse, bdq, bdk, bdv, NULL,
                                             B, SQ, SK, H, D, scale, true, MFA_PRECISION_FP32,
                                             MFA_PRECISION_FP32, false, false, false, false);
    if (brc == MFA_ERROR_DEVICE_NOT_SUPPORTED) {
        /* A backend may not have every pass yet; the message says which and why. */
        printf("  backward skipped: %s\n", mfa_last_error_message());
    } else {
        CHECK(brc);
        reference_backward(q, k, v, dout, scale, want_dq, want_dk, want_dv);
        compare("dq", dq, want_dq, NQ, 5e-4);
        compare("dk", dk, want_dk, NK, 5e-4);
        compare("dv", dv, want_dv, NK, 5e-4);
    }

    printf("the descriptor API, same causal problem:\n");
    const int64_t qshape[4] = {B, H, SQ, D}, kshape[4] = {B, H, SK, D}, lshape[3] = {B, H, SQ};
    float *out2 = calloc(NQ, sizeof(float));
    mfa_tensor_t tq = {q, sizeof(float) * NQ, MFA_DEVICE_CPU, 0, MFA_DTYPE_F32, 4, qshape, NULL};
    mfa_tensor_t tk = {k, sizeof(float) * NK, MFA_DEVICE_CPU, 0, MFA_DTYPE_F32, 4, kshape, NULL};
    mfa_tensor_t tv = {v, sizeof(float) * NK, MFA_DEVICE_CPU, 0, MFA_DTYPE_F32, 4, kshape, NULL};
    mfa_tensor_t to = {out2, sizeof(float) * NQ, MFA_DEVICE_CPU, 0, MFA_DTYPE_F32, 4, qshape, NULL};
    mfa_tensor_t tl = {lse, sizeof(float) * NROWS, MFA_DEVICE_CPU, 0, MFA_DTYPE_F32, 3, lshape, NULL};
    mfa_attention_params_t params = {.struct_size = sizeof params};
    params.causal = MFA_CAUSAL_TOP_LEFT;
    params.scale = scale;
    char why[256];
    CHECK(mfa_check_forward(ctx, &tq, &tk, &tv, &params, &to, &tl, why, sizeof why));
    CHECK(mfa_forward(ctx, &tq, &tk, &tv, &params, &to, &tl, NULL));
    compare("out", out2, want_o, NQ, 1e-4);
    compare("lse", lse, want_lse, NROWS, 1e-4);

    printf("errors come back as codes with a message:\n");
    params.causal = 7;
    mfa_error_t rc = mfa_check_forward(ctx, &tq, &tk, &tv, &params, &to, &tl, why, sizeof why);
    printf("  check with causal = 7 -> %d: %s\n", rc, why);
    if (rc != MFA_ERROR_INVALID_ARGS) failures++;
    rc = mfa_attention_forward(ctx, bq, bk, bv, bo, B, SQ * 4, SK, H, D, scale, false,
                               MFA_PRECISION_FP32, MFA_PRECISION_FP32, MFA_PRECISION_FP32, false,
                               false, false, false, NULL, 0, NULL, NULL, 0, MFA_MASK_TYPE_NONE,
                               MFA_MASK_SCALAR_BYTE);
    printf("  seq_len_q too large for q -> %d: %s\n", rc, mfa_last_error_message());
    if (rc != MFA_ERROR_INVALID_ARGS) failures++;

    free(out2);
    mfa_buffer_t all[] = {bq, bk, bv, bo, blse, bdout, bdq, bdk, bdv};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) mfa_destroy_buffer(all[i]);
    mfa_destroy_context(ctx);
    if (failures) {
        fprintf(stderr, "%d check(s) failed\n", failures);
        return 1;
    }
    printf("all checks passed\n");
    return 0;
}
