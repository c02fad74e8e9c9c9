/*
 * Reference C kernel for docs/benchmarks.md: one Heun step of the truncated-Wigner
 * Bose-Hubbard chain (paper 000, Eq. 3; drive on the first site, loss and noise on the last),
 * structure of arrays, one tile of W trajectories, L = 100 sites, fused into a single walk
 * along the chain (predictor of site l + 1, corrector of site l), like ChainHeunStepper.
 * The noise increments are fixed (pre-drawn), as in ChainBenchmark's "kernel" column.
 *
 *   gcc -O3 -march=native [-mprefer-vector-width=512] [-DSPLIT] [-DOFF=2] -DW=64 \
 *       heun_reference.c -o heun -lm && ./heun 300000
 *
 * -DSPLIT   the drift as two loops that each recompute the Kerr frequency, with explicit fma()
 *           exactly where the Java kernel has Math.fma (compile also with -ffp-contract=off to
 *           forbid further contraction): the loop shape C2 needs to vectorize the Java kernel.
 * -DOFF=k   shift every row by k doubles from 64-byte alignment (Java's double[] data start
 *           16 bytes after an 8-byte-aligned object header, so k = 2 mimics the JVM heap).
 * Prints site-steps per second and a checksum.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#ifndef W
#define W 64
#endif
#ifndef OFF
#define OFF 0
#endif
#define L 100
#define A __attribute__((aligned(64)))

static double reB[L][W + 8] A, imB[L][W + 8] A;
static double prB[3][W + 8] A, piB[3][W + 8] A, krB[3][W + 8] A, kiB[3][W + 8] A;
static double zeroB[W + 8] A, dw0[W], dw1[W];
#define RE(l) (reB[l] + OFF)
#define IM(l) (imB[l] + OFF)
#define PR(l) (prB[l] + OFF)
#define PI(l) (piB[l] + OFF)
#define KR(l) (krB[l] + OFF)
#define KI(l) (kiB[l] + OFF)
#define ZERO (zeroB + OFF)

static const double u = 1.0, c = 1.0, delta = -1.0, hop = 1.0, amp = 0.1;
static double hk[L], drv[L];

/* Eq. (3): d alpha/dt = -i[(delta - u(|alpha|^2 - c)) ... ] in quadratures, as the Java drift. */
static inline void drift(const double *restrict ar, const double *restrict ai,
                         const double *restrict lr, const double *restrict li,
                         const double *restrict rr, const double *restrict ri, double h, double f,
                         double *restrict outR, double *restrict outI) {
#ifdef SPLIT
    for (int b = 0; b < W; b++) {
        double a = ar[b], q = ai[b];
        double s = fma(-u, fma(a, a, q * q) - c, delta);
        outR[b] = fma(-s, q, fma(-hop, li[b] + ri[b], -h * a));
    }
    for (int b = 0; b < W; b++) {
        double a = ar[b], q = ai[b];
        double s = fma(-u, fma(a, a, q * q) - c, delta);
        outI[b] = fma(s, a, fma(hop, lr[b] + rr[b], fma(-h, q, -f)));
    }
#else
    for (int b = 0; b < W; b++) {
        double a = ar[b], q = ai[b];
        double s = delta - u * (a * a + q * q - c);
        outR[b] = -s * q - hop * (li[b] + ri[b]) - h * a;
        outI[b] = s * a + hop * (lr[b] + rr[b]) - h * q - f;
    }
#endif
}

static void step(double dt) {
    const double half = 0.5 * dt;
    for (int l = -1; l < L; l++) {
        int m = l + 1;
        if (m < L) { /* predictor of site m from the old state */
            const double *lr = m > 0 ? RE(m - 1) : ZERO, *li = m > 0 ? IM(m - 1) : ZERO;
            const double *rr = m + 1 < L ? RE(m + 1) : ZERO, *ri = m + 1 < L ? IM(m + 1) : ZERO;
            double *kr = KR(m % 3), *ki = KI(m % 3), *pr = PR(m % 3), *pi = PI(m % 3);
            drift(RE(m), IM(m), lr, li, rr, ri, hk[m], drv[m], kr, ki);
            for (int b = 0; b < W; b++) {
                pr[b] = RE(m)[b] + kr[b] * dt;
                pi[b] = IM(m)[b] + ki[b] * dt;
            }
            if (hk[m] > 0) {
                for (int b = 0; b < W; b++) {
                    pr[b] += amp * dw0[b];
                    pi[b] += amp * dw1[b];
                }
            }
        }
        if (l >= 0) { /* corrector of site l from the predictors of l - 1, l, l + 1 */
            int s = l % 3;
            const double *lr = l > 0 ? PR((l - 1) % 3) : ZERO, *li = l > 0 ? PI((l - 1) % 3) : ZERO;
            const double *rr = l + 1 < L ? PR((l + 1) % 3) : ZERO;
            const double *ri = l + 1 < L ? PI((l + 1) % 3) : ZERO;
            double *fr = KR((l + 2) % 3), *fi = KI((l + 2) % 3);
            drift(PR(s), PI(s), lr, li, rr, ri, hk[l], drv[l], fr, fi);
            for (int b = 0; b < W; b++) {
                RE(l)[b] += (KR(s)[b] + fr[b]) * half;
                IM(l)[b] += (KI(s)[b] + fi[b]) * half;
            }
            if (hk[l] > 0) {
                for (int b = 0; b < W; b++) {
                    RE(l)[b] += amp * dw0[b];
                    IM(l)[b] += amp * dw1[b];
                }
            }
        }
    }
}

int main(int argc, char **argv) {
    long steps = argc > 1 ? atol(argv[1]) : 300000;
    hk[L - 1] = 0.5;
    drv[0] = 7.5;
    for (int l = 0; l < L; l++) {
        for (int b = 0; b < W; b++) {
            RE(l)[b] = 0.01 * ((l * 7 + b * 3) % 11);
            IM(l)[b] = 0.01 * ((l * 5 + b) % 13);
        }
    }
    for (int b = 0; b < W; b++) {
        dw0[b] = 0.001 * (b % 7 - 3);
        dw1[b] = 0.001 * (b % 5 - 2);
    }
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (long s = 0; s < steps; s++) {
        step(0.001);
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double sec = (t1.tv_sec - t0.tv_sec) + 1e-9 * (t1.tv_nsec - t0.tv_nsec);
    double sum = 0;
    for (int l = 0; l < L; l++) {
        for (int b = 0; b < W; b++) {
            sum += RE(l)[b];
        }
    }
    printf("W=%d OFF=%d %.3e site-steps/s (%.2f s) checksum %.6g\n", W, OFF,
           (double) L * W * steps / sec, sec, sum);
    return 0;
}
