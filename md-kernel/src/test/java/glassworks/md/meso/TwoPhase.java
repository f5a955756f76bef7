package glassworks.md.meso;

import glassworks.md.Box;

import java.util.Random;

/** Synthetic two-phase configurations: jittered lattices, slab and ball regions, Gaussian features, label noise. */
final class TwoPhase {
    private TwoPhase() {
    }

    static Box box(int dims, double l) {
        return dims == 2 ? Box.planar(l, l) : Box.cubic(l);
    }

    /** Sites (i + 1/2, j + 1/2[, k + 1/2]) of an m^dims lattice of spacing 1, each moved by U(-jitter, jitter) per axis. */
    static double[][] lattice(int dims, int m, double jitter, long seed) {
        Random rnd = new Random(seed);
        int n = dims == 2 ? m * m : m * m * m;
        double[][] p = new double[3][n];
        int i = 0;
        for (int a = 0; a < m; a++) {
            for (int b = 0; b < m; b++) {
                for (int c = 0; c < (dims == 2 ? 1 : m); c++) {
                    p[0][i] = a + 0.5 + jitter * (2 * rnd.nextDouble() - 1);
                    p[1][i] = b + 0.5 + jitter * (2 * rnd.nextDouble() - 1);
                    p[2][i] = dims == 2 ? 0 : c + 0.5 + jitter * (2 * rnd.nextDouble() - 1);
                    i++;
                }
            }
        }
        return p;
    }

    /** State 1 where the minimum-image distance of x from x0 is below halfWidth, else 0. */
    static int[] slab(double[] x, double l, double x0, double halfWidth) {
        int[] s = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            s[i] = Math.abs(Gaussians.minimumImage(x[i] - x0, l)) < halfWidth ? 1 : 0;
        }
        return s;
    }

    /** State 1 within distance radius (minimum image) of c, else 0. */
    static int[] ball(double[][] p, Box box, double[] c, double radius) {
        int n = p[0].length;
        int[] s = new int[n];
        double[] e = {box.lx(), box.ly(), box.lz()};
        for (int i = 0; i < n; i++) {
            double r2 = 0;
            for (int a = 0; a < box.dims(); a++) {
                double d = Gaussians.minimumImage(p[a][i] - c[a], e[a]);
                r2 += d * d;
            }
            s[i] = r2 < radius * radius ? 1 : 0;
        }
        return s;
    }

    /** Feature row i drawn from N(means[s], covs[s]), s = truth[i]. */
    static double[][] features(int[] truth, double[][] means, double[][][] covs, long seed) {
        Random rnd = new Random(seed);
        int d = means[0].length;
        double[][] chol = new double[means.length][];
        for (int s = 0; s < means.length; s++) {
            chol[s] = Gaussians.cholesky(Gaussians.flatten(covs[s]), d, "test covariance");
        }
        double[][] f = new double[truth.length][d];
        double[] z = new double[d];
        for (int i = 0; i < truth.length; i++) {
            int s = truth[i];
            for (int a = 0; a < d; a++) {
                z[a] = rnd.nextGaussian();
            }
            for (int a = 0; a < d; a++) {
                double v = means[s][a];
                for (int b = 0; b <= a; b++) {
                    v += chol[s][a * d + b] * z[b];
                }
                f[i][a] = v;
            }
        }
        return f;
    }

    /** A copy of two-state labels with each flipped with probability p. */
    static int[] flip(int[] labels, double p, long seed) {
        Random rnd = new Random(seed);
        int[] out = labels.clone();
        for (int i = 0; i < out.length; i++) {
            if (rnd.nextDouble() < p) {
                out[i] = 1 - out[i];
            }
        }
        return out;
    }

    /** Fraction of equal labels, two states, up to swapping them. */
    static double agreement(int[] a, int[] b) {
        int same = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] == b[i]) {
                same++;
            }
        }
        return Math.max(same, a.length - same) / (double) a.length;
    }

    /** Fraction of equal labels as numbered. */
    static double equal(int[] a, int[] b) {
        int same = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] == b[i]) {
                same++;
            }
        }
        return same / (double) a.length;
    }

    /** Rotation by 45 degrees in the (0, 1) plane of diag(v0, v1, v2). */
    static double[][] tilted(double v0, double v1, double v2) {
        double c = Math.sqrt(0.5);
        double[][] r = {{c, -c, 0}, {c, c, 0}, {0, 0, 1}};
        double[] v = {v0, v1, v2};
        double[][] s = new double[3][3];
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                for (int k = 0; k < 3; k++) {
                    s[a][b] += r[a][k] * v[k] * r[b][k];
                }
            }
        }
        return s;
    }
}
