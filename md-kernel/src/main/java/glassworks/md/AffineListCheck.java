package glassworks.md;

/**
 * When a Verlet list must be rebuilt while the box is being rescaled (NPT). The plain check ("some particle moved more
 * than skin/2 since the build") is wrong under a box change: a pair across the periodic boundary is separated by
 * r_i - r_j +- L, and L changes without either particle moving. This check measures displacements relative to the
 * affinely rescaled build positions instead.
 *
 * <p>With s_a = L_a / L0_a the box strain since the build and u_i = r_i - s r0_i the non-affine displacement, every
 * image separation is d = s d0 + u_i - u_j. A pair not in the list had |d0| >= rc + skin for every image, so
 * |d| >= s_min (rc + skin) - 2 max|u|; the list is therefore complete while
 * 2 max|u| <= s_min (rc + skin) - rc (capped at the skin), rc the largest pair cutoff. In a fixed box this is the plain
 * skin/2 rule; it does not become stricter with the box size (LAMMPS's check, which subtracts the box corners'
 * displacement from the skin, does). Costs one pass over the positions per step, as the plain check.
 */
final class AffineListCheck {
    private final double rc;
    private final double skin;
    private final double[] x0;
    private final double[] y0;
    private final double[] z0;
    private double lx0;
    private double ly0;
    private double lz0;

    AffineListCheck(int n, double maxCutoff, double skin) {
        this.rc = maxCutoff;
        this.skin = skin;
        x0 = new double[n];
        y0 = new double[n];
        z0 = new double[n];
    }

    /** Takes the positions and box of a fresh build (after wrapping and any re-sort). */
    void record(Particles p, Box box) {
        System.arraycopy(p.x, 0, x0, 0, p.n);
        System.arraycopy(p.y, 0, y0, 0, p.n);
        System.arraycopy(p.z, 0, z0, 0, p.n);
        lx0 = box.lx();
        ly0 = box.ly();
        lz0 = box.lz();
    }

    /** True when the list built at {@link #record} may miss a pair inside the cutoff in {@code box} now. */
    boolean needsRebuild(Particles p, Box box) {
        final double sx = box.lx() / lx0;
        final double sy = box.ly() / ly0;
        final double sz = lz0 == 0 ? 1.0 : box.lz() / lz0;
        double smin = Math.min(sx, Math.min(sy, sz));
        double margin = Math.min(skin, smin * (rc + skin) - rc);
        if (!(margin > 0)) {
            return true;
        }
        final double limit = 0.25 * margin * margin;
        final double[] x = p.x;
        final double[] y = p.y;
        final double[] z = p.z;
        for (int i = 0, n = p.n; i < n; i++) {
            double dx = x[i] - sx * x0[i];
            double dy = y[i] - sy * y0[i];
            double dz = z[i] - sz * z0[i];
            if (!(dx * dx + dy * dy + dz * dz <= limit)) {
                return true;
            }
        }
        return false;
    }
}
