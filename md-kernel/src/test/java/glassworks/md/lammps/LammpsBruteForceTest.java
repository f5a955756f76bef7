package glassworks.md.lammps;

import glassworks.md.FrameView;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checks the yardstick itself, independently of the kernel: a perturbed KA configuration goes through
 * {@link LammpsDataFile} and {@link LammpsComparisonTest#INPUT} into LAMMPS, and LAMMPS's energy, virial pressure,
 * kinetic energy and per-atom energies must equal an O(N^2) brute-force sum written here from the KA definition.
 * When LammpsComparisonTest fails while this passes, the kernel is at fault, not the harness.
 */
class LammpsBruteForceTest {
    // KA 80:20: epsilon, sigma per pair (AA, AB, BB); cutoff 2.5 sigma_ab; energy shifted to 0 at the cutoff.
    static final double[][] EPS = {{1.0, 1.5}, {1.5, 0.5}};
    static final double[][] SIG = {{1.0, 0.8}, {0.8, 0.88}};

    @Test
    void lammpsAgreesWithBruteForceKa() {
        Lammps lammps = LammpsTestSupport.requireLammps();
        int k = 5;
        int n = 4 * k * k * k;
        double a = Math.cbrt(4 / 1.2);
        double box = k * a;
        Random r = new Random(11);
        int[] species = new int[n];
        double[] x = new double[n];
        double[] y = new double[n];
        double[] z = new double[n];
        double[] vx = new double[n];
        double[] vy = new double[n];
        double[] vz = new double[n];
        double[][] basis = {{0, 0, 0}, {0.5, 0.5, 0}, {0.5, 0, 0.5}, {0, 0.5, 0.5}};
        int p = 0;
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                for (int l = 0; l < k; l++) {
                    for (double[] b : basis) {
                        species[p] = r.nextDouble() < 0.2 ? 1 : 0;
                        // displaced, and some shifted by whole boxes (unwrapped) to exercise the wrapping
                        x[p] = (i + b[0]) * a + 0.06 * r.nextGaussian() + box * (r.nextInt(3) - 1);
                        y[p] = (j + b[1]) * a + 0.06 * r.nextGaussian();
                        z[p] = (l + b[2]) * a + 0.06 * r.nextGaussian() - box * r.nextInt(2);
                        vx[p] = r.nextGaussian();
                        vy[p] = r.nextGaussian();
                        vz[p] = r.nextGaussian();
                        p++;
                    }
                }
            }
        }
        FrameView f = new FrameView(0, 0, 0, n, 3, species, x, y, z, box, box, box, vx, vy, vz, null);

        // Brute force.
        double[] peAtom = new double[n];
        double pe = 0;
        double virial = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double dx = minImage(x[i] - x[j], box);
                double dy = minImage(y[i] - y[j], box);
                double dz = minImage(z[i] - z[j], box);
                double r2 = dx * dx + dy * dy + dz * dz;
                double s = SIG[species[i]][species[j]];
                double e = EPS[species[i]][species[j]];
                double rc = 2.5 * s;
                if (r2 >= rc * rc) {
                    continue;
                }
                double sr6 = Math.pow(s * s / r2, 3);
                double src6 = Math.pow(s / rc, 6);
                double u = 4 * e * (sr6 * sr6 - sr6) - 4 * e * (src6 * src6 - src6);
                pe += u;
                peAtom[i] += u / 2;
                peAtom[j] += u / 2;
                virial += 24 * e * (2 * sr6 * sr6 - sr6);
            }
        }
        double ke = 0;
        for (int i = 0; i < n; i++) {
            ke += 0.5 * (vx[i] * vx[i] + vy[i] * vy[i] + vz[i] * vz[i]);
        }
        double volume = box * box * box;
        double pVirial = virial / (3 * volume);
        double temp = 2 * ke / (3 * n - 3);

        Lammps.Run run = lammps.run(LammpsComparisonTest.INPUT,
                Map.of("data.lmp", LammpsDataFile.format(f, LammpsComparisonTest.KA_MASSES)), List.of("dump.atoms"),
                1, Duration.ofSeconds(120));
        Map<String, Double> l = run.lastThermo().lastRow();
        System.out.printf("brute force vs LAMMPS (N=%d): pe/N %.15g vs %.15g, P_vir %.15g vs %.15g, press %.15g%n", n,
                pe / n, l.get("PotEng"), pVirial, l.get("c_pvir"), l.get("Press"));
        assertEquals(pe / n, l.get("PotEng"), 1e-10 * Math.abs(pe / n), "potential energy per particle");
        assertEquals(pVirial, l.get("c_pvir"), 1e-10 * Math.abs(pVirial), "virial pressure");
        assertEquals(ke / n, l.get("KinEng"), 1e-12, "kinetic energy per particle");
        assertEquals(temp, l.get("Temp"), 1e-12, "LAMMPS temp = 2 KE / (3N - 3)");
        assertEquals(pVirial + (n - 1) * temp / volume, l.get("Press"), 1e-10 * Math.abs(l.get("Press")),
                "LAMMPS press = P_virial + (N-1) T / V (dof-based), not N T / V");

        int seen = 0;
        double maxDiff = 0;
        boolean inAtoms = false;
        for (String line : run.outputs().get("dump.atoms").split("\\R")) {
            if (line.startsWith("ITEM:")) {
                inAtoms = line.startsWith("ITEM: ATOMS");
                continue;
            }
            if (inAtoms && !line.isBlank()) {
                String[] t = line.trim().split("\\s+");
                int i = Integer.parseInt(t[0]) - 1;
                maxDiff = Math.max(maxDiff, Math.abs(Double.parseDouble(t[2]) - peAtom[i]));
                seen++;
            }
        }
        assertEquals(n, seen);
        assertTrue(maxDiff < 1e-10, "per-atom energy (half of each pair) max diff " + maxDiff);
    }

    private static double minImage(double d, double box) {
        return d - box * Math.rint(d / box);
    }
}
