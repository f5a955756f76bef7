package glassworks.md.dynamics;

/**
 * exp(i k.d) for a fixed set of lattice wave vectors k = (nx ux, ny uy, nz uz) (integers n, unit wave numbers u per
 * axis, e.g. u = 2 pi / L of a box) and one displacement or position d at a time, without one cos/sin per vector: the
 * three axis phases exp(i u_a d_a) are computed once, their integer powers by recurrence (|n| up to the largest used;
 * relative error ~ |n| x 1e-16), and each vector's phase is the product of three powers (negative n by conjugation).
 * Scratch arrays are allocated once; an instance is not thread safe.
 */
final class Phases {
    final int vectors;
    private final int[] nx;
    private final int[] ny;
    private final int[] nz;
    /** |n| per axis and the sign of n (+1 / -1) for branch-free lookups. */
    private final int[] ax;
    private final int[] ay;
    private final int[] az;
    private final double[] sx;
    private final double[] sy;
    private final double[] sz;
    private final double ux;
    private final double uy;
    private final double uz;
    private final boolean three;
    private final double[] pxr;
    private final double[] pxi;
    private final double[] pyr;
    private final double[] pyi;
    private final double[] pzr;
    private final double[] pzi;

    /**
     * @param k     wave vectors {kx, ky, kz} [1/sigma], each an integer multiple of (ux, uy, uz) per axis
     * @param ux    unit wave number along x (2 pi / Lx)
     * @param uy    along y
     * @param uz    along z (ignored in 2D)
     * @param three 3D
     */
    Phases(double[][] k, double ux, double uy, double uz, boolean three) {
        this.vectors = k.length;
        this.nx = new int[vectors];
        this.ny = new int[vectors];
        this.nz = new int[vectors];
        this.ux = ux;
        this.uy = uy;
        this.uz = three ? uz : 0;
        this.three = three;
        int mx = 0;
        int my = 0;
        int mz = 0;
        for (int v = 0; v < vectors; v++) {
            nx[v] = toInt(k[v][0], ux);
            ny[v] = toInt(k[v][1], uy);
            nz[v] = three ? toInt(k[v][2], uz) : 0;
            mx = Math.max(mx, Math.abs(nx[v]));
            my = Math.max(my, Math.abs(ny[v]));
            mz = Math.max(mz, Math.abs(nz[v]));
        }
        ax = new int[vectors];
        ay = new int[vectors];
        az = new int[vectors];
        sx = new double[vectors];
        sy = new double[vectors];
        sz = new double[vectors];
        for (int v = 0; v < vectors; v++) {
            ax[v] = Math.abs(nx[v]);
            ay[v] = Math.abs(ny[v]);
            az[v] = Math.abs(nz[v]);
            sx[v] = nx[v] < 0 ? -1 : 1;
            sy[v] = ny[v] < 0 ? -1 : 1;
            sz[v] = nz[v] < 0 ? -1 : 1;
        }
        pxr = new double[mx + 1];
        pxi = new double[mx + 1];
        pyr = new double[my + 1];
        pyi = new double[my + 1];
        pzr = new double[mz + 1];
        pzi = new double[mz + 1];
    }

    private static int toInt(double k, double u) {
        double m = k / u;
        long r = Math.round(m);
        if (Math.abs(m - r) > 1e-6 * Math.max(1, Math.abs(m))) {
            throw new IllegalArgumentException("wave vector component " + k + " is not an integer multiple of " + u);
        }
        return (int) r;
    }

    int n(int v, int axis) {
        return axis == 0 ? nx[v] : axis == 1 ? ny[v] : nz[v];
    }

    private static void powers(double theta, double[] re, double[] im) {
        re[0] = 1;
        im[0] = 0;
        if (re.length == 1) {
            return;
        }
        double c = Math.cos(theta);
        double s = Math.sin(theta);
        re[1] = c;
        im[1] = s;
        for (int m = 2; m < re.length; m++) {
            double r = re[m - 1] * c - im[m - 1] * s;
            double i = re[m - 1] * s + im[m - 1] * c;
            re[m] = r;
            im[m] = i;
        }
    }

    private void axes(double dx, double dy, double dz) {
        powers(ux * dx, pxr, pxi);
        powers(uy * dy, pyr, pyi);
        if (three) {
            powers(uz * dz, pzr, pzi);
        } else {
            pzr[0] = 1;
            pzi[0] = 0;
        }
    }

    /** Adds sum over vectors of cos(k.d) (the real part only) to the return value. */
    double sumCos(double dx, double dy, double dz) {
        axes(dx, dy, dz);
        double sum = 0;
        for (int v = 0; v < vectors; v++) {
            int a = ax[v];
            int b = ay[v];
            int c = az[v];
            double ar = pxr[a];
            double ai = sx[v] * pxi[a];
            double br = pyr[b];
            double bi = sy[v] * pyi[b];
            double cr = pzr[c];
            double ci = sz[v] * pzi[c];
            double pr = ar * br - ai * bi;
            double pi = ar * bi + ai * br;
            sum += pr * cr - pi * ci;
        }
        return sum;
    }

    /** Writes exp(i k_v.d) into re[offset + v * stride], im[...] for every vector. */
    void all(double dx, double dy, double dz, double[] re, double[] im, int offset, int stride) {
        axes(dx, dy, dz);
        for (int v = 0; v < vectors; v++) {
            int a = ax[v];
            int b = ay[v];
            int c = az[v];
            double ar = pxr[a];
            double ai = sx[v] * pxi[a];
            double br = pyr[b];
            double bi = sy[v] * pyi[b];
            double cr = pzr[c];
            double ci = sz[v] * pzi[c];
            double pr = ar * br - ai * bi;
            double pi = ar * bi + ai * br;
            int at = offset + v * stride;
            re[at] = pr * cr - pi * ci;
            im[at] = pr * ci + pi * cr;
        }
    }
}
