/*
 * The merge of partial attention results from C (docs/merge.md): attention over two halves of
 * the keys, merged with mfa_merge, equals attention over all keys (the ring-attention
 * identity); a ring loop of mfa_merge_into gives the same; mfa_merge_backward matches the
 * formulas computed here in double precision; a bad call returns a code and says why. The
 * program exits non-zero on any mismatch.
 *
 * Build: gcc -std=c11 -Wall -Wextra -I include examples/c/merge.c -L <libdir> -lumfa -lm
 */
#include "mfa_ffi.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

enum { B = 2, H = 2, SQ = 8, SK = 20, D = 16, HALF = SK / 2 };
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

static float next_value(unsigned *state) {
    *state = *state * 1664525u + 1013904223u;
    return (float)((*state >> 8) & 0xffff) / 32768.0f - 1.0f;
}

static void compare(const char *what, const float *got, const double *want, int n, double tol) {
    double worst = 0.0;
    for (int i = 0; i < n; i++) {
        double e = isinf(want[i]) ? (got[i] == want[i] ? 0.0 : INFINITY)
                                  : fabs(got[i] - want[i]) / (1.0 + fabs(want[i]));
        if (!(e <= worst)) worst = e; /* NaN counts as the worst */
    }
    int ok = worst <= tol;
    printf("  %-34s max error %.2e (tolerance %.0e) %s\n", what, worst, tol, ok ? "ok" : "MISMATCH");
    if (!ok) failures++;
}

static mfa_tensor_t host(void *data, size_t bytes, int ndim, const int64_t *shape,
                         const int64_t *strides) {
    mfa_tensor_t t = {data, bytes, MFA_DEVICE_CPU, 0, MFA_DTYPE_F32, ndim, shape, strides};
    return t;
}

int main(void) {
    static float q[NQ], k[NK], v[NK], full[NQ], full_lse[NROWS];
    static float part_o[2][NQ], part_l[2][NROWS], merged[NQ], merged_lse[NROWS];
    static float acc[NQ], acc_lse[NROWS];
    unsigned state = 12345u;
    for (int i = 0; i < NQ; i++) q[i] = next_value(&state);
    for (int i = 0; i < NK; i++) k[i] = next_value(&state), v[i] = next_value(&state);

    void *ctx = NULL;
    CHECK(mfa_create_context(&ctx));

    int64_t qshape[4] = {B, H, SQ, D}, kshape[4] = {B, H, SK, D}, lshape[3] = {B, H, SQ};
    int64_t half_shape[4] = {B, H, HALF, D};
    int64_t kstrides[4] = {(int64_t)H * SK * D, (int64_t)SK * D, D, 1};
    mfa_tensor_t tq = host(q, sizeof q, 4, qshape, NULL);

    printf("attention over all keys, and over each half of them (with LSE):\n");
    mfa_tensor_t tk = host(k, sizeof k, 4, kshape, NULL), tv = host(v, sizeof v, 4, kshape, NULL);
    mfa_tensor_t tfull = host(full, sizeof full, 4, qshape, NULL);
    mfa_tensor_t tfull_lse = host(full_lse, sizeof full_lse, 3, lshape, NULL);
    CHECK(mfa_forward(ctx, &tq, &tk, &tv, NULL, &tfull, &tfull_lse, NULL));
    mfa_tensor_t parts_o[2], parts_l[2];
    for (int p = 0; p < 2; p++) {
        /* The half is a strided view into K and V: no copy. */
        size_t skip = (size_t)p * HALF * D;
        mfa_tensor_t hk = host(k + skip, sizeof k - skip * sizeof(float), 4, half_shape, kstrides);
        mfa_tensor_t hv = host(v + skip, sizeof v - skip * sizeof(float), 4, half_shape, kstrides);
        parts_o[p] = host(part_o[p], sizeof part_o[p], 4, qshape, NULL);
        parts_l[p] = host(part_l[p], sizeof part_l[p], 3, lshape, NULL);
        CHECK(mfa_forward(ctx, &tq, &hk, &hv, NULL, &parts_o[p], &parts_l[p], NULL));
    }

    printf("mfa_merge of the halves equals attention over all keys:\n");
    mfa_tensor_t tm = host(merged, sizeof merged, 4, qshape, NULL);
    mfa_tensor_t tml = host(merged_lse, sizeof merged_lse, 3, lshape, NULL);
    CHECK(mfa_merge(ctx, parts_o, parts_l, 2, &tm, &tml, NULL));
    static double want[NQ], want_lse[NROWS];
    for (int i = 0; i < NQ; i++) want[i] = full[i];
    for (int i = 0; i < NROWS; i++) want_lse[i] = full_lse[i];
    compare("out", merged, want, NQ, 1e-5);
    compare("lse", merged_lse, want_lse, NROWS, 1e-6);

    printf("a ring loop of mfa_merge_into gives the same:\n");
    for (int i = 0; i < NROWS; i++) acc_lse[i] = -INFINITY; /* acc itself is not read */
    for (int i = 0; i < NQ; i++) acc[i] = NAN;
    mfa_tensor_t tacc = host(acc, sizeof acc, 4, qshape, NULL);
    mfa_tensor_t tacc_l = host(acc_lse, sizeof acc_lse, 3, lshape, NULL);
    for (int p = 0; p < 2; p++) CHECK(mfa_merge_into(ctx, &tacc, &tacc_l, &parts_o[p], &parts_l[p], NULL));
    compare("out", acc, want, NQ, 1e-5);
    compare("lse", acc_lse, want_lse, NROWS, 1e-6);

    printf("mfa_merge_backward matches dO_n = w_n dO, dLSE_n = w_n (dO.(O_n - O) + dLSE):\n");
    static float d_out[NQ], d_lse[NROWS], g_o[2][NQ], g_l[2][NROWS];
    static double want_go[2][NQ], want_gl[2][NROWS];
    for (int i = 0; i < NQ; i++) d_out[i] = next_value(&state);
    for (int i = 0; i < NROWS; i++) d_lse[i] = next_value(&state);
    for (int r = 0; r < NROWS; r++) {
        double l0 = part_l[0][r], l1 = part_l[1][r];
        double m = l0 > l1 ? l0 : l1, lse = m + log(exp(l0 - m) + exp(l1 - m));
        double w[2] = {exp(l0 - lse), exp(l1 - lse)};
        for (int p = 0; p < 2; p++) {
            double dot = 0.0;
            for (int c = 0; c < D; c++) {
                size_t i = (size_t)r * D + c;
                double o = w[0] * part_o[0][i] + w[1] * part_o[1][i];
                dot += d_out[i] * (part_o[p][i] - o);
                want_go[p][i] = w[p] * d_out[i];
            }
            want_gl[p][r] = w[p] * (dot + d_lse[r]);
        }
    }
    mfa_tensor_t tdo = host(d_out, sizeof d_out, 4, qshape, NULL);
    mfa_tensor_t tdl = host(d_lse, sizeof d_lse, 3, lshape, NULL);
    mfa_tensor_t tgo[2], tgl[2];
    for (int p = 0; p < 2; p++) {
        tgo[p] = host(g_o[p], sizeof g_o[p], 4, qshape, NULL);
        tgl[p] = host(g_l[p], sizeof g_l[p], 3, lshape, NULL);
    }
    CHECK(mfa_merge_backward(ctx, parts_o, parts_l, 2, &tdo, &tdl, tgo, tgl, NULL));
    compare("d_out[0]", g_o[0], want_go[0], NQ, 1e-6);
    compare("d_out[1]", g_o[1], want_go[1], NQ, 1e-6);
    compare("d_lse[0]", g_l[0], want_gl[0], NROWS, 1e-5);
    compare("d_lse[1]", g_l[1], want_gl[1], NROWS, 1e-5);

    printf("errors come back as codes with a message:\n");
    mfa_error_t rc = mfa_merge(ctx, parts_o, parts_l, 0, &tm, &tml, NULL);
    printf("  no parts -> %d: %s\n", rc, mfa_last_error_message());
    if (rc != MFA_ERROR_INVALID_ARGS) failures++;
    rc = mfa_merge(ctx, parts_o, parts_l, 2, &parts_o[0], NULL, NULL);
    printf("  output is a part -> %d: %s\n", rc, mfa_last_error_message());
    if (rc != MFA_ERROR_INVALID_ARGS) failures++;

    mfa_destroy_context(ctx);
    if (failures) {
        fprintf(stderr, "%d check(s) failed\n", failures);
        return 1;
    }
    printf("all checks passed\n");
    return 0;
}
