package glassworks.md.meso;

import glassworks.md.Box;
import glassworks.md.FrameView;
import glassworks.md.structure.Neighbours;

/**
 * Radial number density and normal / tangential pressure profiles about a centre, e.g. a meso-state domain's (seed 000,
 * section III.A, Fig. 5 and eq. 2-3), from per-particle virial tensors.
 *
 * <p><b>Estimator.</b> Particle i carries the tensor p_i^ab = m_i v_i^a v_i^b + W_i^ab [epsilon], with
 * W_i^ab = 1/2 sum_j r_ij^a f_ij^b the kernel's per-particle virial (r_ij = r_i - r_j, f_ij the force on i from j;
 * LAMMPS {@code compute stress/atom} reports the stress -p_i, the negative). The pressure tensor of a shell is
 * sum_{i in shell} p_i / V_shell [epsilon / sigma^d], projected on the radial unit vector e_r of each particle (minimum
 * image from the centre): P_N = sum e_r.p_i.e_r / V_shell and P_T = sum (tr p_i - e_r.p_i.e_r) / ((d - 1) V_shell), i.e.
 * (P_thth + P_phph) / 2 in 3D and the single tangential component in 2D. This is the per-particle (Harasima-type)
 * localisation, not Irving-Kirkwood's line-of-centres one: each pair's virial sits half on each partner, so profiles are
 * smeared over about one interaction range; the shell sums of tr p are exact. A particle at the centre itself has no
 * e_r and contributes tr p / d to both.
 *
 * <p><b>Kinetic part.</b> With velocities, m v^a v^b per particle. Without ({@code vx == null}, frames saved without
 * velocities) the ideal-gas term k_B T delta^ab per particle at the given temperature (k_B = 1 in reduced units), i.e.
 * rho(r) k_B T added to P_N and P_T; {@link Result#idealGasKinetic()} says which was used.
 *
 * <p><b>Mechanical equilibrium</b> (div P = 0 for a spherically symmetric tensor): P_T = P_N + r / (d - 1) dP_N/dr, i.e.
 * seed 000's eq. 3, P_T = P_N + (r/2) dP_N/dr, in 3D and P_T = P_N + r dP_N/dr in 2D.
 * {@link Result#equilibriumResidual()} is P_T - P_N - r / (d - 1) dP_N/dr per shell, dP_N/dr by central differences
 * (one-sided at the first and last shell); it vanishes for an equilibrated, spherically averaged profile within noise.
 *
 * <p>Shells: {@code bins} equal shells on [0, rMax), rMax at most half the shortest edge so that every shell lies inside
 * the box once (minimum image); volume 4/3 pi (r2^3 - r1^3) in 3D, pi (r2^2 - r1^2) in 2D.
 */
public final class PressureProfile {
    private PressureProfile() {
    }

    /**
     * @param rMax        outer radius [sigma], at most half the shortest box edge
     * @param bins        number of shells
     * @param temperature k_B T [epsilon] for the ideal-gas kinetic term when there are no velocities (NaN: velocities
     *                    are required)
     */
    public record Options(double rMax, int bins, double temperature) implements java.io.Serializable {
        public Options {
            if (!(rMax > 0) || bins < 1) {
                throw new IllegalArgumentException("need rMax > 0 and bins >= 1, got " + rMax + ", " + bins);
            }
        }
    }

    /**
     * The profiles. Arrays owned by the result.
     *
     * @param dims                2 or 3
     * @param r                   shell mid radii [sigma]
     * @param shellVolume         [sigma^d]
     * @param counts              particles per shell
     * @param density             counts / volume [sigma^-d]
     * @param normal              P_N [epsilon sigma^-d]
     * @param tangential          P_T [epsilon sigma^-d]
     * @param equilibriumResidual P_T - P_N - r / (d - 1) dP_N/dr [epsilon sigma^-d]
     * @param idealGasKinetic     whether the kinetic part is rho k_B T (no velocities) rather than m v v
     */
    public record Result(int dims, double[] r, double[] shellVolume, long[] counts, double[] density, double[] normal,
                         double[] tangential, double[] equilibriumResidual, boolean idealGasKinetic) implements java.io.Serializable {
        /** Local scalar pressure (P_N + (d - 1) P_T) / d = tr P / d per shell. */
        public double[] pressure() {
            double[] p = new double[r.length];
            for (int b = 0; b < p.length; b++) {
                p[b] = (normal[b] + (dims - 1) * tangential[b]) / dims;
            }
            return p;
        }
    }

    /**
     * Profiles of a stored frame (needs the per-particle virial: simulate with --save-virial); velocities from the frame
     * when saved, else the ideal-gas term at {@code options.temperature()}.
     *
     * @param speciesMass mass per species of the frame's model
     * @param centre      x, y(, z) of the centre [sigma]
     */
    public static Result compute(FrameView frame, double[] speciesMass, double[] centre, Options options) {
        if (frame.virial() == null) {
            throw new IllegalArgumentException("frame " + frame.frameIndex() + " has no per-particle virial: simulate "
                    + "with --save-virial");
        }
        double[] mass = new double[frame.n()];
        for (int i = 0; i < mass.length; i++) {
            mass[i] = speciesMass[frame.species()[i]];
        }
        return compute(Neighbours.box(frame), frame.x(), frame.y(), frame.z(), frame.virial(), frame.vx(), frame.vy(),
                frame.vz(), mass, centre, options);
    }

    /**
     * Profiles of n = x.length particles.
     *
     * @param virial six arrays W^xx, W^yy, W^zz, W^xy, W^xz, W^yz per particle [epsilon] (FrameView's order; z parts
     *               ignored in 2D)
     * @param vx     velocities [sigma/tau], or all three null for the ideal-gas kinetic term
     * @param mass   per particle, or null for unit masses
     * @param centre x, y(, z) [sigma]
     */
    public static Result compute(Box box, double[] x, double[] y, double[] z, double[][] virial, double[] vx,
                                 double[] vy, double[] vz, double[] mass, double[] centre, Options options) {
        int d = box.dims();
        int n = x.length;
        if (!(options.rMax() <= 0.5 * box.minEdge())) {
            throw new IllegalArgumentException("rMax " + options.rMax() + " sigma exceeds half the shortest box edge ("
                    + 0.5 * box.minEdge() + "): a shell would meet its own periodic image");
        }
        if (virial == null || virial.length != 6) {
            throw new IllegalArgumentException("need the six per-particle virial arrays xx, yy, zz, xy, xz, yz");
        }
        boolean ideal = vx == null;
        if (ideal && !Double.isFinite(options.temperature())) {
            throw new IllegalArgumentException("no velocities: give the temperature for the ideal-gas kinetic term");
        }
        double[] edge = {box.lx(), box.ly(), box.lz()};
        int bins = options.bins();
        double width = options.rMax() / bins;
        long[] counts = new long[bins];
        double[] nn = new double[bins];
        double[] tt = new double[bins];
        double[] t = new double[9];
        double[] e = new double[3];
        double[] v = new double[3];
        for (int i = 0; i < n; i++) {
            e[0] = Gaussians.minimumImage(x[i] - centre[0], edge[0]);
            e[1] = Gaussians.minimumImage(y[i] - centre[1], edge[1]);
            e[2] = d == 3 ? Gaussians.minimumImage(z[i] - centre[2], edge[2]) : 0;
            double r = Math.sqrt(e[0] * e[0] + e[1] * e[1] + e[2] * e[2]);
            int b = (int) (r / width);
            if (b >= bins) {
                continue;
            }
            // full symmetric tensor of particle i (3 x 3; the z row and column stay 0 in 2D)
            t[0] = virial[0][i];
            t[4] = virial[1][i];
            t[8] = d == 3 ? virial[2][i] : 0;
            t[1] = t[3] = virial[3][i];
            t[2] = t[6] = d == 3 ? virial[4][i] : 0;
            t[5] = t[7] = d == 3 ? virial[5][i] : 0;
            if (ideal) {
                for (int a = 0; a < d; a++) {
                    t[4 * a] += options.temperature();
                }
            } else {
                double m = mass == null ? 1 : mass[i];
                v[0] = vx[i];
                v[1] = vy[i];
                v[2] = d == 3 ? vz[i] : 0;
                for (int a = 0; a < 3; a++) {
                    for (int c = 0; c < 3; c++) {
                        t[3 * a + c] += m * v[a] * v[c];
                    }
                }
            }
            double trace = t[0] + t[4] + t[8];
            double radial;
            if (r > 0) {
                radial = 0;
                for (int a = 0; a < 3; a++) {
                    for (int c = 0; c < 3; c++) {
                        radial += e[a] * t[3 * a + c] * e[c];
                    }
                }
                radial /= r * r;
            } else {
                radial = trace / d;
            }
            counts[b]++;
            nn[b] += radial;
            tt[b] += (trace - radial) / (d - 1);
        }
        double[] mid = new double[bins];
        double[] vol = new double[bins];
        double[] rho = new double[bins];
        for (int b = 0; b < bins; b++) {
            double r1 = b * width;
            double r2 = (b + 1) * width;
            mid[b] = (b + 0.5) * width;
            vol[b] = glassworks.md.analysis.RadialDistribution.shellVolume(d, r1, r2);
            rho[b] = counts[b] / vol[b];
            nn[b] /= vol[b];
            tt[b] /= vol[b];
        }
        double[] residual = new double[bins];
        for (int b = 0; b < bins; b++) {
            int lo = Math.max(0, b - 1);
            int hi = Math.min(bins - 1, b + 1);
            double slope = hi > lo ? (nn[hi] - nn[lo]) / (mid[hi] - mid[lo]) : 0;
            residual[b] = tt[b] - nn[b] - mid[b] / (d - 1) * slope;
        }
        return new Result(d, mid, vol, counts, rho, nn, tt, residual, ideal);
    }
}
