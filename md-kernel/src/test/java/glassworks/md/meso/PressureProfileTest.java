package glassworks.md.meso;

import glassworks.md.Box;
import glassworks.md.FrameView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pressure profiles: sum rules against the global virial pressure, isotropy, and an analytic equilibrium profile. */
class PressureProfileTest {

    /** Random symmetric per-particle virials (mean diagonal 2) and Maxwell velocities for masses 1 and 2. */
    private static double[][] randomVirial(int n, int dims, Random rnd) {
        double[][] w = new double[6][n];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 6; c++) {
                boolean zPart = c == 2 || c == 4 || c == 5;
                w[c][i] = dims == 2 && zPart ? 0 : (c < 3 ? 2 : 0) + rnd.nextGaussian();
            }
        }
        return w;
    }

    /**
     * Homogeneous random configuration: sum_shells V_b tr P_b / d equals sum_{i inside} tr p_i / d exactly (rotation
     * invariance of the trace), and the mean pressure of the inscribed sphere equals the global virial pressure
     * (sum_i m v_i^2 + tr W_i) / (d V) within its sampling error.
     */
    @ParameterizedTest(name = "{0}D")
    @ValueSource(ints = {2, 3})
    void shellSumsMatchTheGlobalVirialPressure(int dims) {
        Random rnd = new Random(31 + dims);
        double l = dims == 3 ? 20 : 120;
        Box box = TwoPhase.box(dims, l);
        int n = 20000;
        double[][] pos = new double[3][n];
        double[] mass = new double[n];
        double[][] v = new double[3][n];
        double temperature = 0.8;
        for (int i = 0; i < n; i++) {
            mass[i] = i % 5 == 0 ? 2 : 1;
            for (int a = 0; a < 3; a++) {
                pos[a][i] = a < dims ? rnd.nextDouble() * l : 0;
                v[a][i] = a < dims ? rnd.nextGaussian() * Math.sqrt(temperature / mass[i]) : 0;
            }
        }
        double[][] w = randomVirial(n, dims, rnd);
        double[] centre = {3.0, 17.0, 1.0};
        PressureProfile.Result r = PressureProfile.compute(box, pos[0], pos[1], pos[2], w, v[0], v[1], v[2], mass, centre,
                new PressureProfile.Options(l / 2, 25, Double.NaN));
        assertTrue(!r.idealGasKinetic());
        double global = 0;
        double inside = 0;
        long counted = 0;
        for (int i = 0; i < n; i++) {
            double tr = 0;
            double r2 = 0;
            for (int a = 0; a < dims; a++) {
                tr += mass[i] * v[a][i] * v[a][i] + w[a][i];
                double d = Gaussians.minimumImage(pos[a][i] - centre[a], l);
                r2 += d * d;
            }
            global += tr;
            if (r2 < l * l / 4) {
                inside += tr;
                counted++;
            }
        }
        global /= dims * box.volume();
        double shellSum = 0;
        double volume = 0;
        long shellCount = 0;
        double[] p = r.pressure();
        for (int b = 0; b < p.length; b++) {
            shellSum += p[b] * r.shellVolume()[b];
            volume += r.shellVolume()[b];
            shellCount += r.counts()[b];
        }
        assertEquals(counted, shellCount);
        assertEquals(inside / dims, shellSum, 1e-9 * Math.abs(inside));
        double sphere = shellSum / volume;
        System.out.printf("%dD: sphere pressure %.4f, global virial pressure %.4f%n", dims, sphere, global);
        assertEquals(global, sphere, 0.03 * global);
        assertEquals(volume, dims == 3 ? 4.0 / 3 * Math.PI * Math.pow(l / 2, 3) : Math.PI * l * l / 4, 1e-9 * volume);
    }

    /** Every particle under the same isotropic stress w and no velocities: P_N = P_T = rho(r) (k_B T + w) in every shell. */
    @ParameterizedTest(name = "{0}D")
    @ValueSource(ints = {2, 3})
    void isotropicStressGivesEqualNormalAndTangentialPressure(int dims) {
        Random rnd = new Random(7);
        double l = 12;
        Box box = TwoPhase.box(dims, l);
        int n = 3000;
        double[][] pos = new double[3][n];
        double[][] w = new double[6][n];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < dims; a++) {
                pos[a][i] = rnd.nextDouble() * l;
                w[a][i] = 1.5;
            }
        }
        double t = 0.45;
        PressureProfile.Result r = PressureProfile.compute(box, pos[0], pos[1], pos[2], w, null, null, null, null,
                new double[]{11.5, 0.3, 6}, new PressureProfile.Options(6, 12, t));
        assertTrue(r.idealGasKinetic());
        for (int b = 0; b < r.r().length; b++) {
            assertEquals(r.normal()[b], r.tangential()[b], 1e-12 * (1 + r.normal()[b]), "shell " + b);
            assertEquals(r.density()[b] * (t + 1.5), r.normal()[b], 1e-12 * (1 + r.normal()[b]));
        }
        assertThrows(IllegalArgumentException.class, () -> PressureProfile.compute(box, pos[0], pos[1], pos[2], w, null,
                null, null, null, new double[]{1, 1, 1}, new PressureProfile.Options(6, 12, Double.NaN)));
        assertThrows(IllegalArgumentException.class, () -> PressureProfile.compute(box, pos[0], pos[1], pos[2], w, null,
                null, null, null, new double[]{1, 1, 1}, new PressureProfile.Options(6.5, 12, t)));
    }

    /**
     * An analytic profile in mechanical equilibrium: P_N(r) = A + B r^2, so P_T = P_N + r / (d - 1) P_N' = A + B r^2
     * (1 + 2 / (d - 1)). Particles are put at the shell mid radii in random directions about a centre near a box corner
     * (so shells cross the periodic boundary), each carrying (V_b / n_b) [P_N e_r e_r + P_T (1 - e_r e_r)], part of the
     * radial term as m v v with v along e_r. The profiles come out exactly, and the equilibrium residual vanishes on the
     * inner shells (central differences are exact for a quadratic); with P_T = P_N instead it is -2 B r^2 / (d - 1).
     */
    @ParameterizedTest(name = "{0}D")
    @ValueSource(ints = {2, 3})
    void analyticEquilibriumProfileHasZeroResidual(int dims) {
        double a0 = 2.0;
        double b0 = 0.3;
        double l = 14;
        int bins = 20;
        double rMax = 6.5;
        for (boolean balanced : new boolean[]{true, false}) {
            Random rnd = new Random(3);
            Box box = TwoPhase.box(dims, l);
            double[] centre = {0.4, 13.8, dims == 3 ? 0.1 : 0};
            java.util.List<double[]> rows = new java.util.ArrayList<>(); // x, y, z, w[6], vx, vy, vz, m
            double width = rMax / bins;
            for (int b = 0; b < bins; b++) {
                double r = (b + 0.5) * width;
                double r1 = b * width;
                double r2 = r1 + width;
                double vol = dims == 3 ? 4.0 / 3 * Math.PI * (r2 * r2 * r2 - r1 * r1 * r1) : Math.PI * (r2 * r2 - r1 * r1);
                int count = Math.max(1, (int) Math.round(2 * vol));
                double pn = a0 + b0 * r * r;
                double pt = balanced ? a0 + b0 * r * r * (1 + 2.0 / (dims - 1)) : pn;
                double scale = vol / count;
                for (int k = 0; k < count; k++) {
                    double[] e = new double[3];
                    double norm = 0;
                    for (int c = 0; c < dims; c++) {
                        e[c] = rnd.nextGaussian();
                        norm += e[c] * e[c];
                    }
                    norm = Math.sqrt(norm);
                    double[] row = new double[13];
                    for (int c = 0; c < 3; c++) {
                        e[c] /= norm;
                        row[c] = c < dims ? Gaussians.wrap(centre[c] + r * e[c], l) : 0;
                    }
                    // tensor scale * [pn e e + pt (1 - e e)], 30% of the radial part carried by m v v, v = u e
                    double mass = 1.5;
                    double kin = 0.3 * scale * pn;
                    double u = Math.sqrt(kin / mass);
                    int[][] comp = {{0, 0}, {1, 1}, {2, 2}, {0, 1}, {0, 2}, {1, 2}};
                    for (int c = 0; c < 6; c++) {
                        int p = comp[c][0];
                        int q = comp[c][1];
                        boolean inPlane = p < dims && q < dims;
                        double t = (pn - pt) * e[p] * e[q] + (p == q ? pt : 0);
                        row[3 + c] = inPlane ? scale * t - kin * e[p] * e[q] : 0;
                    }
                    for (int c = 0; c < 3; c++) {
                        row[9 + c] = u * e[c];
                    }
                    row[12] = mass;
                    rows.add(row);
                }
            }
            int n = rows.size();
            double[][] cols = new double[13][n];
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < 13; c++) {
                    cols[c][i] = rows.get(i)[c];
                }
            }
            double[][] w = {cols[3], cols[4], cols[5], cols[6], cols[7], cols[8]};
            PressureProfile.Result res = PressureProfile.compute(box, cols[0], cols[1], cols[2], w, cols[9], cols[10],
                    cols[11], cols[12], centre, new PressureProfile.Options(rMax, bins, Double.NaN));
            for (int b = 1; b < bins - 1; b++) {
                double r = res.r()[b];
                double pn = a0 + b0 * r * r;
                assertEquals(pn, res.normal()[b], 1e-9, "P_N in shell " + b);
                if (balanced) {
                    assertEquals(a0 + b0 * r * r * (1 + 2.0 / (dims - 1)), res.tangential()[b], 1e-9, "P_T " + b);
                    assertEquals(0.0, res.equilibriumResidual()[b], 1e-9, "residual in shell " + b);
                } else {
                    assertEquals(-2 * b0 * r * r / (dims - 1), res.equilibriumResidual()[b], 1e-9, "unbalanced residual " + b);
                }
            }
        }
    }

    /** The FrameView entry point reads virials, velocities and per-species masses from the frame. */
    @Test
    void frameViewMatchesTheArrays() {
        Random rnd = new Random(5);
        int n = 500;
        double l = 8;
        double[][] pos = new double[3][n];
        double[][] v = new double[3][n];
        int[] species = new int[n];
        double[] mass = new double[n];
        double[] speciesMass = {1.0, 2.5};
        for (int i = 0; i < n; i++) {
            species[i] = i % 4 == 0 ? 1 : 0;
            mass[i] = speciesMass[species[i]];
            for (int a = 0; a < 3; a++) {
                pos[a][i] = rnd.nextDouble() * l;
                v[a][i] = rnd.nextGaussian();
            }
        }
        double[][] w = randomVirial(n, 3, rnd);
        FrameView f = new FrameView(0, 0, 0, n, 3, species, pos[0], pos[1], pos[2], l, l, l, v[0], v[1], v[2], null, w);
        double[] centre = {4, 4, 4};
        PressureProfile.Options o = new PressureProfile.Options(4, 8, Double.NaN);
        PressureProfile.Result a = PressureProfile.compute(f, speciesMass, centre, o);
        PressureProfile.Result b = PressureProfile.compute(Box.cubic(l), pos[0], pos[1], pos[2], w, v[0], v[1], v[2], mass,
                centre, o);
        assertArrayEquals(b.normal(), a.normal(), 0.0);
        assertArrayEquals(b.tangential(), a.tangential(), 0.0);
        FrameView noVirial = new FrameView(0, 0, 0, n, 3, species, pos[0], pos[1], pos[2], l, l, l, v[0], v[1], v[2], null);
        assertThrows(IllegalArgumentException.class, () -> PressureProfile.compute(noVirial, speciesMass, centre, o));
    }
}
