package glassworks.md.structure;

/**
 * Complex spherical harmonics Y_lm(r̂) for every degree up to a fixed {@link #lmax()}, orthonormal on the unit sphere
 * with the Condon-Shortley phase (the convention of scipy's {@code sph_harm_y}, of LAMMPS {@code compute
 * orientorder/atom} and of most physics texts):
 *
 * <pre>
 *   Y_lm(theta, phi) = sqrt((2l+1)/(4 pi) (l-m)!/(l+m)!) P_l^m(cos theta) e^{i m phi},   Y_l,-m = (-1)^m conj(Y_lm)
 *   with P_l^m(x) = (-1)^m (1-x^2)^{m/2} d^m/dx^m P_l(x)
 * </pre>
 *
 * <p>How: the fully normalised associated Legendre functions are produced with the standard stable three-term
 * recurrence in l at fixed m (no factorials, no large intermediate numbers, good to round-off at least up to l = 64),
 * and the factor sin^m(theta) e^{i m phi} is taken as ((x + i y) / r)^m. So no angle is ever formed, the poles need no
 * special case, and the bond vector need not be of unit length. A call allocates nothing; an instance is immutable
 * (its recurrence coefficients are fixed at construction) and may be shared between threads.
 *
 * <p>Storage: the "half" layout holds m = 0..l only, at {@link #halfIndex}(l, m) = l(l+1)/2 + m. It suffices for the
 * coefficients of a real density (sum_j w_j Y_lm(r̂_j) with real w_j), since then q_l,-m = (-1)^m conj(q_lm); the
 * rotational invariants follow from {@link #power}. The full layout ({@link #compute}) holds m = -l..l at
 * {@link #index}(l, m) = l^2 + l + m.
 */
public final class SphericalHarmonics implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /** Highest degree an instance accepts (the recurrence is checked against closed forms far below it). */
    public static final int MAX_DEGREE = 64;

    private static final double INV_SQRT_4PI = 1.0 / Math.sqrt(4.0 * Math.PI);

    private final int lmax;
    /** P~_m^m / P~_{m-1}^{m-1} = -sqrt((2m+1)/(2m)), index m (entry 0 unused) */
    private final double[] diagonal;
    /** P~_{m+1}^m / (x P~_m^m) = sqrt(2m+3), index m */
    private final double[] firstOff;
    /** a_lm and b_lm of P~_l^m = a_lm (x P~_{l-1}^m - b_lm P~_{l-2}^m), half index (used for l >= m + 2) */
    private final double[] a;
    private final double[] b;

    /**
     * @param lmax highest degree l to evaluate, 0..{@value #MAX_DEGREE}
     */
    public SphericalHarmonics(int lmax) {
        if (lmax < 0 || lmax > MAX_DEGREE) {
            throw new IllegalArgumentException("spherical harmonics degree lmax = " + lmax + " is outside 0.."
                    + MAX_DEGREE + ": ask for a degree in that range");
        }
        this.lmax = lmax;
        diagonal = new double[lmax + 1];
        firstOff = new double[lmax + 1];
        for (int m = 1; m <= lmax; m++) {
            diagonal[m] = -Math.sqrt((2.0 * m + 1.0) / (2.0 * m));
        }
        for (int m = 0; m <= lmax; m++) {
            firstOff[m] = Math.sqrt(2.0 * m + 3.0);
        }
        a = new double[halfSize(lmax)];
        b = new double[halfSize(lmax)];
        for (int l = 2; l <= lmax; l++) {
            for (int m = 0; m <= l - 2; m++) {
                double l2 = (double) l * l;
                double m2 = (double) m * m;
                double lm1 = l - 1.0;
                a[halfIndex(l, m)] = Math.sqrt((4.0 * l2 - 1.0) / (l2 - m2));
                b[halfIndex(l, m)] = Math.sqrt((lm1 * lm1 - m2) / (4.0 * lm1 * lm1 - 1.0));
            }
        }
    }

    /** Highest degree this instance evaluates. */
    public int lmax() {
        return lmax;
    }

    /** Entries of the full layout up to degree {@code lmax}: (lmax + 1)^2. */
    public static int size(int lmax) {
        return (lmax + 1) * (lmax + 1);
    }

    /** Position of (l, m), -l &lt;= m &lt;= l, in the full layout: l^2 + l + m. */
    public static int index(int l, int m) {
        return l * l + l + m;
    }

    /** Entries of the half layout (m &gt;= 0) up to degree {@code lmax}: (lmax + 1)(lmax + 2)/2. */
    public static int halfSize(int lmax) {
        return (lmax + 1) * (lmax + 2) / 2;
    }

    /** Position of (l, m), 0 &lt;= m &lt;= l, in the half layout: l(l+1)/2 + m. */
    public static int halfIndex(int l, int m) {
        return l * (l + 1) / 2 + m;
    }

    /**
     * Y_lm of the direction of (x, y, z) for 0 &lt;= m &lt;= l &lt;= lmax into the half layout.
     *
     * @param re real parts, length at least {@link #halfSize}(lmax)
     * @param im imaginary parts, same length
     * @throws IllegalArgumentException for the zero vector (no direction)
     */
    public void computeHalf(double x, double y, double z, double[] re, double[] im) {
        double r = Math.sqrt(x * x + y * y + z * z);
        if (!(r > 0)) {
            throw new IllegalArgumentException("Y_lm of the zero vector (" + x + ", " + y + ", " + z
                    + ") is undefined: two particles sit on the same spot");
        }
        double inv = 1.0 / r;
        double ct = z * inv;
        double u = x * inv;
        double v = y * inv;
        double pmm = INV_SQRT_4PI;
        double er = 1.0; // (u + i v)^m
        double ei = 0.0;
        for (int m = 0; m <= lmax; m++) {
            if (m > 0) {
                pmm *= diagonal[m];
                double t = er * u - ei * v;
                ei = er * v + ei * u;
                er = t;
            }
            int k = halfIndex(m, m);
            re[k] = pmm * er;
            im[k] = pmm * ei;
            if (m == lmax) {
                break;
            }
            double p2 = pmm;
            double p1 = firstOff[m] * ct * pmm;
            k = halfIndex(m + 1, m);
            re[k] = p1 * er;
            im[k] = p1 * ei;
            for (int l = m + 2; l <= lmax; l++) {
                k = halfIndex(l, m);
                double p = a[k] * (ct * p1 - b[k] * p2);
                re[k] = p * er;
                im[k] = p * ei;
                p2 = p1;
                p1 = p;
            }
        }
    }

    /**
     * Adds {@code weight * Y_lm} of the direction of (x, y, z), 0 &lt;= m &lt;= l &lt;= lmax, to accumulators in the
     * half layout: the inner step of every bond-order sum, with no scratch arrays.
     *
     * @throws IllegalArgumentException for the zero vector (no direction)
     */
    public void addHalf(double x, double y, double z, double weight, double[] accRe, double[] accIm) {
        double r = Math.sqrt(x * x + y * y + z * z);
        if (!(r > 0)) {
            throw new IllegalArgumentException("Y_lm of the zero vector (" + x + ", " + y + ", " + z
                    + ") is undefined: two particles sit on the same spot");
        }
        double inv = 1.0 / r;
        double ct = z * inv;
        double u = x * inv;
        double v = y * inv;
        double pmm = INV_SQRT_4PI * weight; // the weight rides along the recurrence (it is linear)
        double er = 1.0;
        double ei = 0.0;
        for (int m = 0; m <= lmax; m++) {
            if (m > 0) {
                pmm *= diagonal[m];
                double t = er * u - ei * v;
                ei = er * v + ei * u;
                er = t;
            }
            int k = halfIndex(m, m);
            accRe[k] += pmm * er;
            accIm[k] += pmm * ei;
            if (m == lmax) {
                break;
            }
            double p2 = pmm;
            double p1 = firstOff[m] * ct * pmm;
            k = halfIndex(m + 1, m);
            accRe[k] += p1 * er;
            accIm[k] += p1 * ei;
            for (int l = m + 2; l <= lmax; l++) {
                k = halfIndex(l, m);
                double p = a[k] * (ct * p1 - b[k] * p2);
                accRe[k] += p * er;
                accIm[k] += p * ei;
                p2 = p1;
                p1 = p;
            }
        }
    }

    /**
     * Y_lm of the direction of (x, y, z) for every -l &lt;= m &lt;= l &lt;= lmax into the full layout ({@link #index}).
     *
     * @param re real parts, length at least {@link #size}(lmax)
     * @param im imaginary parts, same length
     * @throws IllegalArgumentException for the zero vector (no direction)
     */
    public void compute(double x, double y, double z, double[] re, double[] im) {
        double r = Math.sqrt(x * x + y * y + z * z);
        if (!(r > 0)) {
            throw new IllegalArgumentException("Y_lm of the zero vector (" + x + ", " + y + ", " + z
                    + ") is undefined: two particles sit on the same spot");
        }
        double inv = 1.0 / r;
        double ct = z * inv;
        double u = x * inv;
        double v = y * inv;
        double pmm = INV_SQRT_4PI;
        double er = 1.0;
        double ei = 0.0;
        for (int m = 0; m <= lmax; m++) {
            if (m > 0) {
                pmm *= diagonal[m];
                double t = er * u - ei * v;
                ei = er * v + ei * u;
                er = t;
            }
            double s = (m & 1) == 0 ? 1.0 : -1.0; // Y_l,-m = (-1)^m conj(Y_lm)
            put(m, m, pmm, er, ei, s, re, im);
            if (m == lmax) {
                break;
            }
            double p2 = pmm;
            double p1 = firstOff[m] * ct * pmm;
            put(m + 1, m, p1, er, ei, s, re, im);
            for (int l = m + 2; l <= lmax; l++) {
                int k = halfIndex(l, m);
                double p = a[k] * (ct * p1 - b[k] * p2);
                put(l, m, p, er, ei, s, re, im);
                p2 = p1;
                p1 = p;
            }
        }
    }

    private static void put(int l, int m, double p, double er, double ei, double sign, double[] re, double[] im) {
        int f = index(l, m);
        re[f] = p * er;
        im[f] = p * ei;
        if (m > 0) {
            int g = index(l, -m);
            re[g] = sign * p * er;
            im[g] = -sign * p * ei;
        }
    }

    /**
     * sum_{m=-l}^{l} |q_lm|^2 from half-layout coefficients of a real density (q_l,-m = (-1)^m conj(q_lm), so the
     * negative orders add the same as the positive ones): |q_l0|^2 + 2 sum_{m&gt;0} |q_lm|^2.
     */
    public static double power(int l, double[] re, double[] im) {
        return power(l, re, im, 0);
    }

    /** {@link #power(int, double[], double[])} of a half-layout block that starts at {@code offset}. */
    public static double power(int l, double[] re, double[] im, int offset) {
        int k0 = offset + halfIndex(l, 0);
        double s = 0;
        for (int m = 1; m <= l; m++) {
            s += re[k0 + m] * re[k0 + m] + im[k0 + m] * im[k0 + m];
        }
        return re[k0] * re[k0] + im[k0] * im[k0] + 2.0 * s;
    }

    /**
     * The rotational invariant of degree l of a normalised density: Q_l = sqrt(4 pi/(2l+1) sum_m |q_lm|^2) (Steinhardt;
     * seed 002 Eq. 5), from half-layout coefficients that are already divided by the total weight.
     */
    public static double invariant(int l, double[] re, double[] im) {
        return Math.sqrt(4.0 * Math.PI / (2.0 * l + 1.0) * power(l, re, im));
    }

    /** The Legendre polynomial P_l(x) by Bonnet's recurrence (the addition theorem's kernel, for checks). */
    public static double legendre(int l, double x) {
        if (l < 0) {
            throw new IllegalArgumentException("Legendre degree must be >= 0, got " + l);
        }
        double p0 = 1.0;
        if (l == 0) {
            return p0;
        }
        double p1 = x;
        for (int k = 2; k <= l; k++) {
            double p = ((2.0 * k - 1.0) * x * p1 - (k - 1.0) * p0) / k;
            p0 = p1;
            p1 = p;
        }
        return p1;
    }
}
