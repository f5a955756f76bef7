package glassworks.md.stats;

import java.math.BigDecimal;

/**
 * The dip of a sorted sample by algorithm AS 217 (P. M. Hartigan 1985) with the corrections of R's {@code diptest}
 * (see {@link DipTest}). Works in units of 1/(2n) internally (distances between F_n-type step counts), divides at the
 * end.
 *
 * @param dip  the dip statistic
 * @param low  0-based index of the lower end of the final modal interval in the sorted sample
 * @param high 0-based index of the upper end
 */
record DipStatistic(double dip, int low, int high) {

    /** @param sorted sorted, finite, at least one value (not checked here) */
    static DipStatistic of(double[] sorted) {
        int n = sorted.length;
        // 1-based copy: the algorithm's index arithmetic (counts of points between change points) reads as published.
        double[] x = new double[n + 1];
        System.arraycopy(sorted, 0, x, 1, n);
        int low = 1;
        int high = n;
        double twoNDip = 1; // 2n D, starting from the smallest possible dip 1/(2n)
        if (n < 2 || x[n] == x[1]) {
            return new DipStatistic(twoNDip / (2.0 * n), low - 1, high - 1);
        }

        // mn[j]: predecessor of j on the convex minorant of the points 1..j (chains back to 1).
        int[] mn = new int[n + 1];
        mn[1] = 1;
        for (int j = 2; j <= n; j++) {
            mn[j] = j - 1;
            while (true) {
                int a = mn[j];
                int b = mn[a];
                if (a == 1 || (x[j] - x[a]) * (a - b) < (x[a] - x[b]) * (j - a)) {
                    break;
                }
                mn[j] = b;
            }
        }
        // mj[k]: successor of k on the concave majorant of the points k..n (chains forward to n).
        int[] mj = new int[n + 1];
        mj[n] = n;
        for (int k = n - 1; k >= 1; k--) {
            mj[k] = k + 1;
            while (true) {
                int a = mj[k];
                int b = mj[a];
                if (a == n || (x[k] - x[a]) * (a - b) < (x[a] - x[b]) * (k - a)) {
                    break;
                }
                mj[k] = b;
            }
        }

        int[] gcm = new int[n + 2];
        int[] lcm = new int[n + 2];
        while (true) {
            // Change points of the GCM on [low, high], from high down to low, and of the LCM from low up to high.
            gcm[1] = high;
            int lenG = 1;
            while (gcm[lenG] > low) {
                gcm[lenG + 1] = mn[gcm[lenG]];
                lenG++;
            }
            lcm[1] = low;
            int lenL = 1;
            while (lcm[lenL] < high) {
                lcm[lenL + 1] = mj[lcm[lenL]];
                lenL++;
            }

            // Largest vertical distance between GCM and LCM, merging the two lists of change points from low upwards.
            // Later candidates win ties (">="), so exact ties must compare as ties: see Gap.
            int ig = lenG;
            int ih = lenL;
            Gap d = Gap.ZERO;
            if (lenG != 2 || lenL != 2) {
                int ix = lenG - 1;
                int iv = 2;
                do {
                    int g = gcm[ix];
                    int l = lcm[iv];
                    if (g > l) {
                        // next change point is the LCM's: its height above the GCM chord (g1, g)
                        Gap dx = Gap.aboveMinorant(x, g, gcm[ix + 1], l, n);
                        iv++;
                        if (dx.atLeast(d)) {
                            d = dx;
                            ig = ix + 1;
                            ih = iv - 1;
                        }
                    } else {
                        // next change point is the GCM's: its depth below the LCM chord (l1, l)
                        Gap dx = Gap.belowMajorant(x, g, lcm[iv - 1], l, n);
                        ix--;
                        if (dx.atLeast(d)) {
                            d = dx;
                            ig = ix + 1;
                            ih = iv;
                        }
                    }
                    if (ix < 1) {
                        ix = 1;
                    }
                    if (iv > lenL) {
                        iv = lenL;
                    }
                } while (gcm[ix] != lcm[iv]);
            } else {
                d = Gap.ONE;
            }
            if (d.lessThan(twoNDip)) {
                break;
            }

            // Departure of the data from the GCM left of the new interval and from the LCM right of it.
            double dipLeft = 0;
            for (int j = ig; j < lenG; j++) {
                double worst = 1;
                int jb = gcm[j + 1];
                int je = gcm[j];
                if (je - jb > 1 && x[je] != x[jb]) {
                    double slope = (je - jb) / (x[je] - x[jb]);
                    for (int jj = jb; jj <= je; jj++) {
                        double t = (jj - jb + 1) - (x[jj] - x[jb]) * slope;
                        if (t > worst) {
                            worst = t;
                        }
                    }
                }
                dipLeft = Math.max(dipLeft, worst);
            }
            double dipRight = 0;
            for (int j = ih; j < lenL; j++) {
                double worst = 1;
                int kb = lcm[j];
                int ke = lcm[j + 1];
                if (ke - kb > 1 && x[ke] != x[kb]) {
                    double slope = (ke - kb) / (x[ke] - x[kb]);
                    for (int kk = kb; kk <= ke; kk++) {
                        double t = (x[kk] - x[kb]) * slope - (kk - kb - 1);
                        if (t > worst) {
                            worst = t;
                        }
                    }
                }
                dipRight = Math.max(dipRight, worst);
            }
            twoNDip = Math.max(twoNDip, Math.max(dipLeft, dipRight));

            // Maechler's guard: without progress the interval would be revisited forever.
            if (low == gcm[ig] && high == lcm[ih]) {
                break;
            }
            low = gcm[ig];
            high = lcm[ih];
        }
        return new DipStatistic(twoNDip / (2.0 * n), low - 1, high - 1);
    }

    /**
     * A GCM–LCM distance (in counts of points) of the merge step, with exact comparisons near ties. The distances are
     * rationals in the data, and data on a lattice (integers, rounded values) produce exact ties between candidates;
     * which candidate wins a tie decides the next modal interval. R does this step in C {@code long double}, so its
     * choice on a tie depends on the platform (its own tests mark one such case as differing between x86-64 and
     * arm64). Here a comparison whose doubles are farther apart than their rounding error is decided in double; a
     * closer one is decided exactly (BigDecimal, from the exact differences of the doubles), i.e. as the algorithm
     * reads on real numbers.
     *
     * @param value the distance, in double
     * @param kind  0: zero, 1: one, 2: {@link #aboveMinorant}, 3: {@link #belowMajorant}
     * @param a     for kinds 2 and 3: the GCM point g
     * @param b     kind 2: g1, kind 3: l1 (the chord's lower end)
     * @param c     for kinds 2 and 3: the LCM point l
     * @param x     the 1-based sample (for the exact value)
     * @param n     sample size (scale of the rounding error)
     */
    private record Gap(double value, int kind, int a, int b, int c, double[] x, int n) {
        static final Gap ZERO = new Gap(0, 0, 0, 0, 0, null, 1);
        static final Gap ONE = new Gap(1, 1, 0, 0, 0, null, 1);

        /** LCM point l above the GCM chord from g1 up to g (R's "L" case). */
        static Gap aboveMinorant(double[] x, int g, int g1, int l, int n) {
            double v = (l - g1 + 1) - (x[l] - x[g1]) * (g - g1) / (x[g] - x[g1]);
            return new Gap(v, 2, g, g1, l, x, n);
        }

        /** GCM point g below the LCM chord from l1 up to l (R's "G" case, with Yong Lu's parenthesis fix). */
        static Gap belowMajorant(double[] x, int g, int l1, int l, int n) {
            double v = (x[g] - x[l1]) * (l - l1) / (x[l] - x[l1]) - (g - l1 - 1);
            return new Gap(v, 3, g, l1, l, x, n);
        }

        /** this >= other, as R's {@code dx >= d}: false when this is NaN (a zero-width chord). */
        boolean atLeast(Gap other) {
            if (Double.isNaN(value) || Double.isNaN(other.value)) {
                return false;
            }
            double tol = tolerance(Math.max(n, other.n));
            if (Double.isInfinite(value) || Double.isInfinite(other.value) || Math.abs(value - other.value) > tol) {
                return value >= other.value;
            }
            BigDecimal[] p = exact();
            BigDecimal[] q = other.exact();
            return p[0].multiply(q[1]).compareTo(q[0].multiply(p[1])) >= 0;
        }

        /** this < a double (the running 2n D), as R's {@code d < dip}. */
        boolean lessThan(double twoNDip) {
            if (Double.isNaN(value) || Double.isInfinite(value) || Math.abs(value - twoNDip) > tolerance(n)) {
                return value < twoNDip;
            }
            BigDecimal[] p = exact();
            return p[0].compareTo(new BigDecimal(twoNDip).multiply(p[1])) < 0;
        }

        /** Generous bound on the rounding error of a distance among n points: terms are at most n, a few operations. */
        private static double tolerance(int n) {
            return 1e-12 * (n + 1);
        }

        /** {numerator, denominator > 0}. */
        private BigDecimal[] exact() {
            switch (kind) {
                case 0:
                    return new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ONE};
                case 1:
                    return new BigDecimal[] {BigDecimal.ONE, BigDecimal.ONE};
                case 2: {
                    // (l - g1 + 1) - (x[l] - x[g1]) (g - g1) / (x[g] - x[g1]), with a = g, b = g1, c = l
                    BigDecimal den = diff(a, b);
                    BigDecimal num = den.multiply(BigDecimal.valueOf(c - b + 1))
                            .subtract(diff(c, b).multiply(BigDecimal.valueOf(a - b)));
                    return new BigDecimal[] {num, den};
                }
                default: {
                    // (x[g] - x[l1]) (l - l1) / (x[l] - x[l1]) - (g - l1 - 1), with a = g, b = l1, c = l
                    BigDecimal den = diff(c, b);
                    BigDecimal num = diff(a, b).multiply(BigDecimal.valueOf(c - b))
                            .subtract(den.multiply(BigDecimal.valueOf(a - b - 1)));
                    return new BigDecimal[] {num, den};
                }
            }
        }

        private BigDecimal diff(int i, int j) {
            return new BigDecimal(x[i]).subtract(new BigDecimal(x[j]));
        }
    }
}
