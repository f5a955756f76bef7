package glassworks.md;

import glassworks.md.bench.MdBenchmark;
import glassworks.md.lammps.Lammps;
import glassworks.md.lammps.LammpsDataFile;
import glassworks.md.lammps.LammpsException;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kernel's per-particle virial tensor against LAMMPS {@code compute stress/atom NULL virial} on the same KA
 * configuration (LAMMPS's pair settings of the benchmark input). LAMMPS reports the virial part of the per-atom stress
 * times volume, -W_i^ab with W_i^ab = 1/2 sum_j r_ij^a f_ij^b, components xx yy zz xy xz yz.
 *
 * <p>Like the tests in {@code glassworks.md.lammps}: fails when lmp is missing (bin/install-lammps installs it), skipped
 * with GLASSWORKS_SKIP_LAMMPS=1. It lives in this package because the tensor is kernel-internal.
 */
class LammpsPerAtomVirialTest {
    static final String INPUT = String.join("\n",
            "units           lj",
            "atom_style      atomic",
            "boundary        p p p",
            "read_data       data.lmp",
            MdBenchmark.KA_INTERACTIONS,
            "compute         sa all stress/atom NULL virial",
            "compute         pvir all pressure NULL virial",
            "dump            d all custom 1 dump.atoms id type c_sa[1] c_sa[2] c_sa[3] c_sa[4] c_sa[5] c_sa[6]",
            "dump_modify     d sort id format float %.17g",
            "thermo_style    custom step pe c_pvir",
            "thermo_modify   format float %.16g",
            "run             0",
            "");

    static Lammps requireLammps() {
        Assumptions.assumeFalse("1".equals(System.getenv("GLASSWORKS_SKIP_LAMMPS")),
                "GLASSWORKS_SKIP_LAMMPS=1: LAMMPS tests skipped");
        try {
            return Lammps.locate();
        } catch (LammpsException.NotFound e) {
            return Assertions.fail("LAMMPS (lmp) is required by this test and was not found: run bin/install-lammps "
                    + "(or set GLASSWORKS_SKIP_LAMMPS=1 to skip the LAMMPS tests). " + e.getMessage());
        }
    }

    @Test
    void perParticleVirialMatchesLammpsStressAtom() {
        Lammps lammps = requireLammps();
        PairModel model = Models.kobAndersen3d();
        PerturbedLattice lattice = PerturbedLattice.of(model, 10, 0.08, 37);
        int n = lattice.n();
        try (Simulation sim = lattice.simulation(2)) {
            sim.forces.tallyPerParticleVirial(true);
            sim.computeForces(true);
            Particles p = sim.p;
            Box box = sim.box;
            // id-ordered frame of the simulation's own (wrapped) positions, and its tensor by id
            int[] species = new int[n];
            double[] x = new double[n];
            double[] y = new double[n];
            double[] z = new double[n];
            double[][] w = new double[6][n];
            for (int i = 0; i < n; i++) {
                int id = p.id[i];
                species[id] = p.species[i];
                x[id] = p.x[i];
                y[id] = p.y[i];
                z[id] = p.z[i];
                for (int c = 0; c < 6; c++) {
                    w[c][id] = sim.forces.perParticleVirial[6 * i + c];
                }
            }
            FrameView f = new FrameView(0, 0, 0, n, 3, species, x, y, z, box.lx(), box.ly(), box.lz(), null, null,
                    null, null);
            Lammps.Run run = lammps.run(INPUT, Map.of("data.lmp", LammpsDataFile.format(f, LammpsDataFile.masses(model))),
                    List.of("dump.atoms"), 1, Duration.ofSeconds(120));
            double[][] lmp = new double[6][n];
            int seen = 0;
            boolean inAtoms = false;
            for (String line : run.outputs().get("dump.atoms").split("\\R")) {
                if (line.startsWith("ITEM:")) {
                    inAtoms = line.startsWith("ITEM: ATOMS");
                    continue;
                }
                if (!inAtoms || line.isBlank()) {
                    continue;
                }
                String[] t = line.trim().split("\\s+");
                int id = Integer.parseInt(t[0]) - 1;
                assertEquals(species[id] + 1, Integer.parseInt(t[1]));
                for (int c = 0; c < 6; c++) {
                    lmp[c][id] = -Double.parseDouble(t[2 + c]); // LAMMPS: -W
                }
                seen++;
            }
            assertEquals(n, seen, "atoms in the LAMMPS dump");
            double err = PerturbedLattice.relativeDifference(w, lmp);
            double pVirial = run.lastThermo().lastRow().get("c_pvir");
            double kernelPVirial = sim.virial() / (3 * box.volume());
            double pErr = Math.abs(kernelPVirial - pVirial) / Math.abs(pVirial);
            System.out.printf("per-particle virial vs LAMMPS stress/atom (N=%d): max |diff| / max |W| = %.2e; virial "
                    + "pressure %.15g vs %.15g (rel %.2e)%n", n, err, kernelPVirial, pVirial, pErr);
            assertTrue(err < 1e-10, "per-particle virial tensor vs LAMMPS compute stress/atom NULL virial: " + err);
            assertTrue(pErr < 1e-10, "virial pressure vs LAMMPS: " + pErr);
        }
    }
}
