package glassworks.md.lammps;

import glassworks.md.Ensemble;
import glassworks.md.FrameView;
import glassworks.md.InherentStructures;
import glassworks.md.MdRun;
import glassworks.md.Models;
import glassworks.md.PairModel;
import glassworks.md.RunConfig;
import glassworks.md.Snapshot;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kernel's inherent structure of a KA liquid configuration against LAMMPS's minimisers on the same configuration.
 *
 * <p>Two checks. (1) The robust one: LAMMPS evaluates our minimum (its energy must equal ours) and minimises it further
 * with {@code min_style cg} to {@code minimize 0 1e-10}: a true minimum cannot be lowered, so the energy may fall by no
 * more than 1e-8 per particle. (2) LAMMPS {@code min_style fire} from the same start: when it reaches the same minimum
 * (every particle within 1e-3 sigma of ours), e_IS agrees to 1e-6 relative; two minimisers may also slide into
 * neighbouring basins from a liquid configuration, which is reported, not failed.
 */
class LammpsInherentStructuresTest {
    static final int N = 500;
    static final double[] KA_MASSES = LammpsDataFile.masses(Models.byName("ka3d"));

    static String input(String minStyle) {
        return String.join("\n",
                "units           lj",
                "atom_style      atomic",
                "boundary        p p p",
                "read_data       data.lmp",
                glassworks.md.bench.MdBenchmark.KA_INTERACTIONS,
                "timestep        0.005",
                "thermo_style    custom step pe fnorm fmax",
                "thermo_modify   norm yes format float %.16g",
                "thermo          1000000",
                "min_style       " + minStyle,
                "minimize        0 1e-10 100000 1000000",
                "write_dump      all custom dump.final id x y z modify sort id format float %.17g",
                "");
    }

    @Test
    void kernelInherentStructureIsALammpsMinimum() {
        Lammps lammps = LammpsTestSupport.requireLammps();
        PairModel ka = Models.kobAndersen3d();
        RunConfig cfg = new RunConfig("is-lammps", "ka3d", N, 1.2, 0.8, 0.005, 2000, 100, 100, 100, 20260601L,
                Ensemble.NVT, 0.5, 0.3, 1, false, true);
        LammpsComparisonTest.Capture cap = new LammpsComparisonTest.Capture();
        try {
            MdRun.run(cfg, cap);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        FrameView f = cap.last;
        InherentStructures.Result ours = InherentStructures.minimize(ka, Snapshot.positionsOf(f, "is-lammps"));
        assertTrue(ours.converged(), ours.summary());
        FrameView is = new FrameView(0, 0, 0, N, 3, f.species(), ours.x(), ours.y(), ours.z(), f.boxX(), f.boxY(),
                f.boxZ(), null, null, null, null);

        // (1) LAMMPS cg from our minimum
        Lammps.Run cg = lammps.run(input("cg"), Map.of("data.lmp", LammpsDataFile.format(is, KA_MASSES, false)),
                List.of("dump.final"), 1, Duration.ofSeconds(300));
        ThermoBlockView cgT = new ThermoBlockView(cg);
        // (2) LAMMPS fire from the liquid frame
        Lammps.Run fire = lammps.run(input("fire"), Map.of("data.lmp", LammpsDataFile.format(f, KA_MASSES, false)),
                List.of("dump.final"), 1, Duration.ofSeconds(300));
        ThermoBlockView fireT = new ThermoBlockView(fire);
        double sameBasin = maxDistance(is, fire.outputs().get("dump.final"));

        String report = String.format(Locale.ROOT, """
                        inherent structure of KA N=%d (T=0.8 frame, start U/N %.10f):
                          kernel FIRE 2.0     e_IS %.12f  max|F| %.2e  %d iterations
                          LAMMPS pe of ours   %.12f  fnorm %.2e  (rel.diff %.2e)
                          LAMMPS cg from ours %.12f  fnorm %.2e  %s  (lowered by %.2e per particle)
                          LAMMPS fire         %.12f  fnorm %.2e  %s  (rel.diff %.2e; max distance to ours %.2e sigma: %s)""",
                N, ours.startEnergyPerParticle(), ours.energyPerParticle(), ours.maxForce(), ours.iterations(),
                cgT.first("PotEng"), cgT.first("Fnorm"), LammpsTestSupport.rel(cgT.first("PotEng"), ours.energyPerParticle()),
                cgT.last("PotEng"), cgT.last("Fnorm"), cgT.stop, ours.energyPerParticle() - cgT.last("PotEng"),
                fireT.last("PotEng"), fireT.last("Fnorm"), fireT.stop,
                LammpsTestSupport.rel(fireT.last("PotEng"), ours.energyPerParticle()), sameBasin,
                sameBasin < 1e-3 ? "same minimum" : "another minimum");
        System.out.println(report);

        assertEquals(ours.energyPerParticle(), cgT.first("PotEng"), 1e-10 * Math.abs(ours.energyPerParticle()),
                "LAMMPS's energy of our minimum\n" + report);
        assertTrue(ours.energyPerParticle() - cgT.last("PotEng") <= 1e-8,
                "LAMMPS cg lowered our minimum's energy\n" + report);
        assertTrue(fireT.last("PotEng") < ours.startEnergyPerParticle(), "LAMMPS fire did not minimise\n" + report);
        if (sameBasin < 1e-3) {
            assertTrue(LammpsTestSupport.rel(fireT.last("PotEng"), ours.energyPerParticle()) <= 1e-6,
                    "same minimum, different energies\n" + report);
        }
    }

    /** First and last thermo rows of a minimize, and LAMMPS's stopping criterion. */
    static final class ThermoBlockView {
        final Map<String, Double> first;
        final Map<String, Double> last;
        final String stop;

        ThermoBlockView(Lammps.Run run) {
            List<Map<String, Double>> rows = run.lastThermo().maps();
            first = rows.get(0);
            last = rows.get(rows.size() - 1);
            String s = "stopping criterion ?";
            for (String line : run.log().split("\\R")) {
                if (line.contains("Stopping criterion")) {
                    s = "stop: " + line.substring(line.indexOf('=') + 1).trim();
                }
            }
            stop = s;
        }

        double first(String column) {
            return first.get(column);
        }

        double last(String column) {
            return last.get(column);
        }
    }

    /** Largest minimum-image distance between our positions and a LAMMPS dump's ("id x y z", sorted by id). */
    static double maxDistance(FrameView ours, String dump) {
        double max = 0;
        boolean atoms = false;
        for (String line : dump.split("\\R")) {
            if (line.startsWith("ITEM:")) {
                atoms = line.startsWith("ITEM: ATOMS");
                continue;
            }
            if (!atoms || line.isBlank()) {
                continue;
            }
            String[] t = line.trim().split("\\s+");
            int i = Integer.parseInt(t[0]) - 1;
            double dx = minImage(Double.parseDouble(t[1]) - ours.x()[i], ours.boxX());
            double dy = minImage(Double.parseDouble(t[2]) - ours.y()[i], ours.boxY());
            double dz = minImage(Double.parseDouble(t[3]) - ours.z()[i], ours.boxZ());
            max = Math.max(max, Math.sqrt(dx * dx + dy * dy + dz * dz));
        }
        return max;
    }

    static double minImage(double d, double edge) {
        return d - edge * Math.rint(d / edge);
    }
}
