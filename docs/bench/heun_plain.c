/*
 * Plain structure-of-arrays C reference for docs/benchmarks.md (issue 21): Heun steps of the
 * truncated-Wigner Bose-Hubbard chain (paper 000, Eq. 3) with the parameters of ChainBenchmark:
 * Delta = 2.5, J = 2, U = 0.1, c = 1, F = 7.5 on the first site, loss kappa = 1 on both ends
 * (noise amplitude sqrt(kappa / 4) there; with -i X also loss X and noise on every site),
 * dt = 0.01, double precision.
 *
 * Deliberately plain: the state of a batch of B = 64 trajectories is x[site][quadrature][lane]
 * (trajectories contiguous); one step is two passes along the chain (predictor of every site,
 * then corrector of every site), each drift written as one loop over the lanes, as anyone would
 * write it; no fusion of the passes, no ring buffers, no hand alignment beyond malloc's. OpenMP
 * runs the batches in parallel, each batch all its steps. The noise increments come from a
 * pre-generated pool of Gaussians (Box-Muller at start-up, not timed), so this times the
 * arithmetic, like ChainBenchmark's "kernel" column.
 *
 *   gcc -O3 -march=native -fopenmp heun_plain.c -o heun_plain -lm
 *   ./heun_plain [-L 100] [-n 1024] [-s 2000] [-r 3] [-i 0]
 *
 * Prints, like ChainBenchmark, one line per thread count: L, mode (c/1, c/2), site-steps per
 * second (best of -r repetitions after a warm-up), and a checksum of the final state.
 */
#include <math.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define B 64
#define POOL (1 << 16)

static const double delta = 2.5, hop = 2.0, u = 0.1, c = 1.0, dt = 0.01;
static int L = 100;
static double *hk, *drv, *amp, *pool;

/* Drift of Eq. (3) at one site for the B lanes; missing neighbours are rows of zeros. */
static inline void drift(const double *restrict ar, const double *restrict ai,
                         const double *restrict lr, const double *restrict li,
                         const double *restrict rr, const double *restrict ri, double h, double f,
                         double *restrict kr, double *restrict ki) {
    for (int b = 0; b < B; b++) {
        double a = ar[b], q = ai[b];
        double s = delta - u * (a * a + q * q - c);
        kr[b] = -s * q - hop * (li[b] + ri[b]) - h * a;
        ki[b] = s * a + hop * (lr[b] + rr[b]) - h * q - f;
    }
}

/* steps Heun steps of one batch; x, k1, p: L x 2 x B doubles each; z: a row of zeros. */
static void run(double *restrict x, double *restrict k1, double *restrict p,
                const double *restrict z, double *restrict k2, long steps, unsigned seed) {
    const double sq = sqrt(dt);
    unsigned off = seed * 7919u;
    for (long s = 0; s < steps; s++) {
        for (int l = 0; l < L; l++) { /* predictor */
            const double *a = x + 2 * l * B;
            const double *lf = l > 0 ? a - 2 * B : z, *rt = l + 1 < L ? a + 2 * B : z;
            double *k = k1 + 2 * l * B, *pp = p + 2 * l * B;
            drift(a, a + B, lf, l > 0 ? lf + B : z, rt, l + 1 < L ? rt + B : z, hk[l], drv[l],
                  k, k + B);
            for (int b = 0; b < 2 * B; b++) {
                pp[b] = a[b] + dt * k[b];
            }
            if (amp[l] > 0) {
                const double *w = pool + (off & (POOL - 1));
                off += 2 * B;
                if ((off & (POOL - 1)) < 2 * B) {
                    off = 0;
                }
                const double g = amp[l] * sq;
                for (int b = 0; b < 2 * B; b++) {
                    pp[b] += g * w[b];
                }
            }
        }
        for (int l = 0; l < L; l++) { /* corrector */
            double *a = x + 2 * l * B;
            const double *pa = p + 2 * l * B;
            const double *lf = l > 0 ? pa - 2 * B : z, *rt = l + 1 < L ? pa + 2 * B : z;
            const double *k = k1 + 2 * l * B;
            drift(pa, pa + B, lf, l > 0 ? lf + B : z, rt, l + 1 < L ? rt + B : z, hk[l], drv[l],
                  k2, k2 + B);
            for (int b = 0; b < 2 * B; b++) {
                a[b] += 0.5 * dt * (k[b] + k2[b]);
            }
            if (amp[l] > 0) {
                const double *w = pool + (off & (POOL - 1));
                off += 2 * B;
                if ((off & (POOL - 1)) < 2 * B) {
                    off = 0;
                }
                const double g = amp[l] * sq;
                for (int b = 0; b < 2 * B; b++) {
                    a[b] += g * w[b];
                }
            }
        }
    }
}

int main(int argc, char **argv) {
    long n = 1024, steps = 2000;
    int reps = 3;
    double intrinsic = 0;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!strcmp(argv[i], "-L")) L = atoi(argv[i + 1]);
        else if (!strcmp(argv[i], "-n")) n = atol(argv[i + 1]);
        else if (!strcmp(argv[i], "-s")) steps = atol(argv[i + 1]);
        else if (!strcmp(argv[i], "-r")) reps = atoi(argv[i + 1]);
        else if (!strcmp(argv[i], "-i")) intrinsic = atof(argv[i + 1]);
    }
    if (L < 2 || n < B || n % B != 0 || steps < 1 || reps < 1) {
        fprintf(stderr, "need L >= 2, n a multiple of %d, s >= 1, r >= 1\n", B);
        return 1;
    }
    hk = calloc(L, sizeof(double));
    drv = calloc(L, sizeof(double));
    amp = calloc(L, sizeof(double));
    for (int l = 0; l < L; l++) {
        double kappa = intrinsic + (l == 0 || l == L - 1 ? 1.0 : 0.0);
        hk[l] = 0.5 * kappa;
        amp[l] = sqrt(kappa / 4);
    }
    drv[0] = 7.5;
    pool = malloc(POOL * sizeof(double));
    unsigned long long r = 88172645463325252ull;
    for (int i = 0; i < POOL; i += 2) { /* Box-Muller from xorshift64 uniforms */
        double v[2];
        for (int j = 0; j < 2; j++) {
            r ^= r << 13; r ^= r >> 7; r ^= r << 17;
            v[j] = ((r >> 11) + 0.5) * 0x1.0p-53;
        }
        double rad = sqrt(-2 * log(v[0]));
        pool[i] = rad * cos(2 * M_PI * v[1]);
        pool[i + 1] = rad * sin(2 * M_PI * v[1]);
    }
    long batches = n / B;
    size_t row = (size_t) 2 * L * B;
    double *x = calloc(batches * row, sizeof(double));
    int threadCounts[] = {1, 2};
    for (int t = 0; t < 2; t++) {
        omp_set_num_threads(threadCounts[t]);
        double best = 0;
        for (int rep = 0; rep <= reps; rep++) {
            memset(x, 0, batches * row * sizeof(double));
            double t0 = omp_get_wtime();
#pragma omp parallel
            {
                double *k1 = malloc(row * sizeof(double)), *p = malloc(row * sizeof(double));
                double *k2 = malloc(2 * B * sizeof(double)), *z = calloc(B, sizeof(double));
#pragma omp for schedule(static)
                for (long bt = 0; bt < batches; bt++) {
                    run(x + bt * row, k1, p, z, k2, steps, (unsigned) bt);
                }
                free(k1); free(p); free(k2); free(z);
            }
            double rate = (double) L * n * steps / (omp_get_wtime() - t0);
            if (rep > 0 && rate > best) best = rate;
        }
        double sum = 0;
        for (size_t i = 0; i < batches * row; i++) sum += x[i];
        printf("%6d %10s %22.3e   (checksum %.6g)\n", L, threadCounts[t] == 1 ? "c/1" : "c/2",
               best, sum);
        fflush(stdout);
    }
    return 0;
}
