package glassworks.md;

import glassworks.md.lammps.Lammps;
import glassworks.md.lammps.LammpsDataFile;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every model preset's energy at a known configuration against an evaluation that shares no code with the kernel: an
 * O(N^2) sum written here from the papers' formulas and parameter tables (typed in again, not read from
 * {@link Models}), and for the 3D LJ presets LAMMPS itself. Also the smoothing polynomial of the 2D ternary model.
 */
class PresetEnergyTest {
    /** Published KA2D constants (seed 003, SM section I). */
    static final double C0 = 0.04049023795;
    static final double C2 = -0.00970155098;
    static final double C4 = 0.00062012616;

    @Test
    void smoothingCoefficientsReproduceThePublishedOnesAndVanishAtTheCutoff() {
        double[] c = PairModel.smoothingCoefficients(2.5);
        assertEquals(C0, c[0], 1e-10);
        assertEquals(C2, c[1], 1e-10);
        assertEquals(C4, c[2], 1e-10);
        // u, u' (through F/r) and u'' of every ka2d pair vanish at its cutoff 2.5 sigma_ab
        PairModel m = Models.kobAndersen2dTernary();
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                double rc = m.cutoff(a, b);
                double h = 1e-5 * rc;
                double below = rc - 1e-9;
                assertEquals(0.0, m.pairEnergy(a, b, below * below), 1e-12);
                assertEquals(0.0, m.pairForceOverR(a, b, below * below) * below, 1e-9);
                // second derivative by central differences of the force, inside the cutoff
                double r1 = rc - 2 * h;
                double r2 = rc - h;
                double curvature = (m.pairForceOverR(a, b, r2 * r2) * r2 - m.pairForceOverR(a, b, r1 * r1) * r1) / h;
                assertEquals(0.0, curvature, 1e-4, "u'' at the cutoff of pair " + a + b); // ~ u''' h; ~50 in the well
                // and the printed form with the constants outside the bracket would not vanish
                double x = 2.5;
                double outside = 4 * m.epsilon(a, b) * (Math.pow(x, -12) - Math.pow(x, -6)) + C0 + C2 * x * x
                        + C4 * Math.pow(x, 4);
                assertTrue(Math.abs(outside) > 1e-3);
            }
        }
    }

    @Test
    void ka2dEnergyMatchesThePaperFormula() {
        // KA2D table (seed 003, SM section I): types 1, 2, 3
        double[][] eps = {{1.0, 1.5, 0.75}, {1.5, 0.5, 1.5}, {0.75, 1.5, 0.75}};
        double[][] sig = {{1.0, 0.8, 0.9}, {0.8, 0.88, 0.8}, {0.9, 0.8, 0.94}};
        PairModel model = Models.kobAndersen2dTernary();
        assertEquals("A:600,B:330,C:360", model.compositionLabel(model.composition(1290)));
        assertEquals(1290 / (32.896 * 32.896), model.defaultDensity(), 1e-12);
        Config c = perturbedLattice(2, 1290, 32.896, new int[]{600, 330, 360}, 3);
        double expected = 0;
        for (int i = 0; i < c.n; i++) {
            for (int j = i + 1; j < c.n; j++) {
                double r = Math.hypot(minImage(c.x[i] - c.x[j], c.l), minImage(c.y[i] - c.y[j], c.l));
                double s = sig[c.species[i]][c.species[j]];
                if (r < 2.5 * s) {
                    double q = s / r;
                    double xr = r / s;
                    expected += 4 * eps[c.species[i]][c.species[j]] * (Math.pow(q, 12) - Math.pow(q, 6) + C0
                            + C2 * xr * xr + C4 * Math.pow(xr, 4));
                }
            }
        }
        double[] kernel = kernelEnergyVirial(model, Box.planar(c.l, c.l), c);
        assertEquals(expected, kernel[0], 1e-7 * Math.abs(expected), "ka2d potential energy");
    }

    @Test
    void ka3dPresetsAndWahnstromMatchBruteForceAndLammps() {
        double[][] kaEps = {{1.0, 1.5}, {1.5, 0.5}};
        double[][] kaSig = {{1.0, 0.8}, {0.8, 0.88}};
        double[][] kaCut = {{2.5, 2.0}, {2.0, 2.2}};
        double[][] uniform = {{2.5, 2.5}, {2.5, 2.5}};
        double sbb = 1 / 1.2;
        double sab = (1 + sbb) / 2;
        double[][] wEps = {{1, 1}, {1, 1}};
        double[][] wSig = {{1, sab}, {sab, sbb}};
        double[][] wCut = {{2.5, 2.5 * sab}, {2.5 * sab, 2.5 * sbb}};
        check(Models.kobAndersen3d(), kaEps, kaSig, kaCut, new double[]{1, 1}, 1.2);
        check(Models.kobAndersen3dUniformCutoff(), kaEps, kaSig, uniform, new double[]{1, 1}, 1.2);
        check(Models.wahnstrom(), wEps, wSig, wCut, new double[]{2, 1}, 1.297);
    }

    private void check(PairModel model, double[][] eps, double[][] sig, double[][] cut, double[] masses, double rho) {
        int n = 864;
        double l = Math.cbrt(n / rho);
        assertEquals(rho, model.defaultDensity(), 0);
        int[] counts = model.composition(n);
        Config c = perturbedLattice(3, n, l, counts, 7);
        double e = 0;
        double w = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double dx = minImage(c.x[i] - c.x[j], l);
                double dy = minImage(c.y[i] - c.y[j], l);
                double dz = minImage(c.z[i] - c.z[j], l);
                double r2 = dx * dx + dy * dy + dz * dz;
                int a = c.species[i];
                int b = c.species[j];
                if (r2 < cut[a][b] * cut[a][b]) {
                    double sr6 = Math.pow(sig[a][b] * sig[a][b] / r2, 3);
                    double sc6 = Math.pow(sig[a][b] / cut[a][b], 6);
                    e += 4 * eps[a][b] * (sr6 * sr6 - sr6 - (sc6 * sc6 - sc6));
                    w += 24 * eps[a][b] * (2 * sr6 * sr6 - sr6);
                }
            }
        }
        double[] kernel = kernelEnergyVirial(model, Box.cubic(l), c);
        assertEquals(e, kernel[0], 1e-10 * Math.abs(e), model.name() + " energy");
        assertEquals(w, kernel[1], 1e-10 * Math.abs(w), model.name() + " virial");
        for (int s = 0; s < masses.length; s++) {
            assertEquals(masses[s], model.mass(s), 0, model.name() + " mass " + s);
        }

        if (!Lammps.available()) {
            return; // the brute force above already checked the preset; LAMMPS adds a second, external opinion
        }
        StringBuilder in = new StringBuilder(String.join("\n", "units lj", "atom_style atomic", "boundary p p p",
                "read_data data.lmp", "pair_style lj/cut 2.5", "pair_modify shift yes"));
        for (int a = 0; a < 2; a++) {
            for (int b = a; b < 2; b++) {
                in.append(String.format(java.util.Locale.ROOT, "%npair_coeff %d %d %.17g %.17g %.17g", a + 1, b + 1,
                        eps[a][b], sig[a][b], cut[a][b]));
            }
        }
        in.append("\nthermo_style custom step pe press\nthermo_modify norm no format float %.16g\nrun 0\n");
        FrameView f = new FrameView(0, 0, 0, n, 3, c.species, c.x, c.y, c.z, l, l, l, null, null, null, null);
        Lammps.Run run = Lammps.locate().run(in.toString(), Map.of("data.lmp", LammpsDataFile.format(f, masses)),
                List.of(), 1, Duration.ofSeconds(60));
        double lammpsPe = run.lastThermo().lastRow().get("PotEng");
        assertEquals(lammpsPe, kernel[0], 1e-10 * Math.abs(lammpsPe), model.name() + " energy vs LAMMPS");
    }

    @Test
    void declaredModelsParseAndBadOnesAreNamed() {
        PairModel uniform = Models.fromSpec("ka-rc25", Map.of("preset", "ka3d", "cutoff", Map.of("uniform", 2.5)));
        assertEquals(2.5, uniform.cutoff(0, 1), 0);
        assertEquals(Models.kobAndersen3dUniformCutoff().describe(), uniform.describe());
        PairModel full = Models.fromSpec("my-lj", Map.of("dims", 3, "density", 1.0,
                "species", List.of(Map.of("name", "A", "mass", 1.0, "fraction", 1.0)),
                "pairs", Map.of("AA", Map.of("epsilon", 1.0, "sigma", 1.0)), "cutoff_mode", "truncated"));
        assertEquals(PairModel.CutoffMode.TRUNCATED, full.cutoffMode());
        assertEquals(2.5, full.cutoff(0, 0), 0);
        assertTrue(full.pairEnergy(0, 0, 2.49 * 2.49) < 0, "truncated, not shifted");
        assertEquals("model 'ka3d' is a preset name; give the declared model another name",
                assertThrows(IllegalArgumentException.class, () -> Models.fromSpec("ka3d", Map.of("preset", "ka3d")))
                        .getMessage());
        String missing = assertThrows(IllegalArgumentException.class, () -> Models.fromSpec("x", Map.of("dims", 3,
                "density", 1.0, "species", List.of(Map.of("name", "A", "fraction", 0.5), Map.of("name", "B",
                        "fraction", 0.5)), "pairs", Map.of("AA", Map.of("epsilon", 1, "sigma", 1))))).getMessage();
        assertEquals("model 'x': pairs has no entry AB", missing);
        String mode = assertThrows(IllegalArgumentException.class, () -> Models.fromSpec("y",
                Map.of("preset", "ka3d", "cutoff_mode", "soft"))).getMessage();
        assertEquals("unknown cutoff mode 'soft'; valid: truncated, shifted, smoothed", mode);
    }

    // ---- helpers

    record Config(int n, double l, int[] species, double[] x, double[] y, double[] z) {
    }

    /** A jittered square (2D) or simple cubic (3D) lattice with species dealt at random. */
    static Config perturbedLattice(int dims, int n, double l, int[] counts, long seed) {
        Random r = new Random(seed);
        int m = (int) Math.ceil(dims == 2 ? Math.sqrt(n) : Math.cbrt(n) - 1e-9);
        while (Math.pow(m, dims) < n) {
            m++;
        }
        double a = l / m;
        int[] species = new int[n];
        for (int s = 0, id = 0; s < counts.length; s++) {
            for (int k = 0; k < counts[s]; k++) {
                species[id++] = s;
            }
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = species[i];
            species[i] = species[j];
            species[j] = t;
        }
        double[] x = new double[n];
        double[] y = new double[n];
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = (i % m + 0.5) * a + 0.08 * r.nextGaussian();
            y[i] = (i / m % m + 0.5) * a + 0.08 * r.nextGaussian();
            z[i] = dims == 2 ? 0 : (i / (m * m) + 0.5) * a + 0.08 * r.nextGaussian();
        }
        return new Config(n, l, species, x, y, z);
    }

    static double[] kernelEnergyVirial(PairModel model, Box box, Config c) {
        try (Simulation sim = new Simulation(model, box, c.species, c.x, c.y, c.z, 0.3, 1, 0.005)) {
            sim.computeForces(true);
            return new double[]{sim.potentialEnergy(), sim.virial()};
        }
    }

    static double minImage(double d, double l) {
        return d - l * Math.rint(d / l);
    }
}
