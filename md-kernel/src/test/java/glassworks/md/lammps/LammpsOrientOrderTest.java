package glassworks.md.lammps;

import glassworks.md.FrameView;
import glassworks.md.structure.BondOrder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bare bond order ({@link BondOrder}, family bo) against LAMMPS {@code compute orientorder/atom} on a random dense
 * configuration. LAMMPS's definition with {@code nnn NULL cutoff rc} is seed 002's Eqs. 4-5 exactly: q_lm the plain
 * average of Y_lm over every neighbour with r^2 &lt; rc^2 (strict, like ours), Q_l = sqrt(4 pi/(2l+1) sum_m |q_lm|^2),
 * and 0 for an atom without neighbours (our convention too). LAMMPS uses r_i - r_j as the bond where we use r_j - r_i,
 * which multiplies Y_lm by (-1)^l and leaves Q_l unchanged. So the numbers must agree to round-off.
 *
 * <p>Two cutoffs in one run (the KA AA and AB first minima, 1.45 and 1.25), degrees 1..8; a pair style {@code zero}
 * provides the neighbour list (orientorder's cutoff must not exceed the pair cutoff).
 */
class LammpsOrientOrderTest {
    static final int N = 1000;
    static final double RHO = 1.2;
    static final double[] CUTOFFS = {1.45, 1.25};

    static final String INPUT = String.join("\n",
            "units           lj",
            "atom_style      atomic",
            "boundary        p p p",
            "read_data       data.lmp",
            "pair_style      zero 2.0",
            "pair_coeff      * *",
            "neighbor        0.3 bin",
            "compute         qa all orientorder/atom nnn NULL cutoff " + CUTOFFS[0] + " degrees 8 1 2 3 4 5 6 7 8",
            "compute         qb all orientorder/atom nnn NULL cutoff " + CUTOFFS[1] + " degrees 8 1 2 3 4 5 6 7 8",
            "dump            d all custom 1 dump.q id c_qa[*] c_qb[*]",
            "dump_modify     d sort id format float %.17g",
            "run             0",
            "");

    /** N uniformly random points at density 1.2, some shifted by whole boxes (unwrapped input), KA-like species. */
    static FrameView randomDense(long seed) {
        double edge = Math.cbrt(N / RHO);
        SplittableRandom rng = new SplittableRandom(seed);
        int[] species = new int[N];
        double[] x = new double[N];
        double[] y = new double[N];
        double[] z = new double[N];
        for (int i = 0; i < N; i++) {
            species[i] = rng.nextDouble() < 0.2 ? 1 : 0;
            x[i] = rng.nextDouble(0, edge) + edge * (rng.nextInt(3) - 1);
            y[i] = rng.nextDouble(0, edge);
            z[i] = rng.nextDouble(0, edge) - edge * rng.nextInt(2);
        }
        return new FrameView(0, 0, 0, N, 3, species, x, y, z, edge, edge, edge, null, null, null, null);
    }

    @Test
    void bondOrderEqualsLammpsOrientOrder() {
        Lammps lammps = LammpsTestSupport.requireLammps();
        FrameView f = randomDense(20260601L);
        Lammps.Run run = lammps.run(INPUT, Map.of("data.lmp", LammpsDataFile.format(f, new double[]{1.0, 1.0})),
                List.of("dump.q"), 1, Duration.ofSeconds(120));

        double[][] ours = new double[CUTOFFS.length][];
        for (int c = 0; c < CUTOFFS.length; c++) {
            ours[c] = new BondOrder(CUTOFFS[c], 1, 8).compute(f);
        }
        double[] maxDiff = new double[CUTOFFS.length];
        double[] meanQ6 = new double[CUTOFFS.length];
        int zeros = 0;
        int seen = 0;
        boolean inAtoms = false;
        for (String line : run.outputs().get("dump.q").split("\\R")) {
            if (line.startsWith("ITEM:")) {
                inAtoms = line.startsWith("ITEM: ATOMS");
                continue;
            }
            if (!inAtoms || line.isBlank()) {
                continue;
            }
            String[] t = line.trim().split("\\s+");
            assertEquals(1 + 8 * CUTOFFS.length, t.length, "columns of the dump row: " + line);
            int i = Integer.parseInt(t[0]) - 1;
            for (int c = 0; c < CUTOFFS.length; c++) {
                for (int l = 1; l <= 8; l++) {
                    double theirs = Double.parseDouble(t[1 + 8 * c + l - 1]);
                    double mine = ours[c][i * 8 + l - 1];
                    maxDiff[c] = Math.max(maxDiff[c], Math.abs(theirs - mine));
                    if (l == 6) {
                        meanQ6[c] += mine / N;
                        if (mine == 0) {
                            zeros++;
                        }
                    }
                }
            }
            seen++;
        }
        assertEquals(N, seen, "atoms in the LAMMPS dump");
        for (int c = 0; c < CUTOFFS.length; c++) {
            System.out.printf("bo vs LAMMPS orientorder/atom (N=%d, rho=%.1f, cutoff %.2f, l = 1..8): max |dQ_l| %.2e, "
                    + "<Q6> = %.5f%n", N, RHO, CUTOFFS[c], maxDiff[c], meanQ6[c]);
        }
        System.out.println("atoms without neighbours (Q = 0 in both): " + zeros);
        for (int c = 0; c < CUTOFFS.length; c++) {
            assertTrue(meanQ6[c] > 0.2, "the comparison must see real bond orders, <Q6> = " + meanQ6[c]);
            assertTrue(maxDiff[c] < 1e-10, "cutoff " + CUTOFFS[c] + ": max |Q_l(ours) - Q_l(LAMMPS)| = " + maxDiff[c]);
        }
    }
}
