package glassworks.md.lammps;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Thermo-block and Loop-time parsing on canned LAMMPS logs (no LAMMPS needed). */
class LammpsLogParseTest {

    /** Abridged from a real log of bench/in.ka (LAMMPS 29 Sep 2021) plus a second run with custom thermo. */
    static final String LOG = """
            LAMMPS (29 Sep 2021 - Update 2)
            units           lj
            pair_modify     shift yes
            neighbor        0.3 bin
            thermo          1000
            run 1000
            Neighbor list info ...
              update every 1 steps, delay 0 steps, check yes
              1 neighbor lists, perpetual/occasional/extra = 1 0 0
            Per MPI rank memory allocation (min/avg/max) = 4.100 | 4.100 | 4.100 Mbytes
            Step Temp E_pair E_mol TotEng Press\s
                   0            1   -6.4977123            0   -4.9980873    4.9693006\s
                1000   0.98526828   -5.9973716            0   -4.5198387    10.351631\s
            Loop time of 2.81314 on 1 procs for 1000 steps with 4000 atoms

            Performance: 153564.987 tau/day, 355.475 timesteps/s
            100.0% CPU use with 1 MPI tasks x 1 OpenMP threads

            MPI task timing breakdown:
            Section |  min time  |  avg time  |  max time  |%varavg| %total
            ---------------------------------------------------------------
            Pair    | 1.8598     | 1.8598     | 1.8598     |   0.0 | 66.11
            Nlocal:        4000.00 ave        4000 max        4000 min
            Histogram: 1 0 0 0 0 0 0 0 0 0
            Neighbor list builds = 134
            Dangerous builds = 0
            thermo_style custom step pe ke press temp etotal c_pvir
            thermo_modify norm yes format float %.16g
            run 0
            Per MPI rank memory allocation (min/avg/max) = 3.1 | 3.1 | 3.1 Mbytes
               Step          PotEng          KinEng          Press           Temp          TotEng          c_pvir
                   0  -6.936215043716393  1.495426531787004  5.123456789012345  1.000000000000000  -5.440788511929389  3.92345678901
            WARNING: Inconsistent image flags (src/domain.cpp:814)
                  10  -nan  inf  -1e-3  1E+2  0  -0
            Loop time of 1.139e-06 on 2 procs for 0 steps with 500 atoms
            Total wall time: 0:00:03
            """;

    @Test
    void parsesThermoBlocks() {
        List<ThermoBlock> blocks = Lammps.parseThermo(LOG);
        assertEquals(2, blocks.size(), "two runs, two thermo blocks");

        ThermoBlock a = blocks.get(0);
        assertEquals(List.of("Step", "Temp", "E_pair", "E_mol", "TotEng", "Press"), a.columns());
        assertEquals(2, a.rows().size());
        assertEquals(1000, a.get(1, "Step"));
        assertEquals(0.98526828, a.get(1, "Temp"));
        assertEquals(-5.9973716, a.get(1, "E_pair"));
        assertEquals(10.351631, a.get(1, "Press"));
        assertEquals(-4.9980873, a.maps().get(0).get("TotEng"));

        ThermoBlock b = blocks.get(1);
        assertEquals(List.of("Step", "PotEng", "KinEng", "Press", "Temp", "TotEng", "c_pvir"), b.columns());
        assertEquals(2, b.rows().size(), "the WARNING line inside the block is skipped, not the end of it");
        assertEquals(-6.936215043716393, b.get(0, "PotEng"), 0.0, "full %.16g precision kept");
        assertEquals(3.92345678901, b.get(0, "c_pvir"));
        Map<String, Double> last = b.lastRow();
        assertTrue(Double.isNaN(last.get("PotEng")), "-nan parses as NaN");
        assertEquals(Double.POSITIVE_INFINITY, last.get("KinEng"));
        assertEquals(-1e-3, last.get("Press"));
        assertEquals(100.0, last.get("Temp"));
        assertEquals(-1, b.column("Volume"));
    }

    @Test
    void parsesLoopTimes() {
        List<LoopTime> loops = Lammps.parseLoopTimes(LOG);
        assertEquals(2, loops.size());
        LoopTime first = loops.get(0);
        assertEquals(2.81314, first.seconds());
        assertEquals(1, first.procs());
        assertEquals(1000, first.steps());
        assertEquals(4000, first.atoms());
        assertEquals(1000 * 4000 / 2.81314, first.atomStepsPerSecond(), 1e-6);
        assertEquals(1000 / 2.81314, first.stepsPerSecond(), 1e-9);

        LoopTime second = loops.get(1);
        assertEquals(1.139e-06, second.seconds());
        assertEquals(2, second.procs());
        assertEquals(0, second.steps());
        assertEquals(500, second.atoms());
    }

    @Test
    void ignoresNonThermoText() {
        String text = """
                pair_modify shift yes
                neighbor 0.3 bin
                Histogram: 1 0 0 0 0 0 0 0 0 0
                Section |  min time  |  avg time
                """;
        assertTrue(Lammps.parseThermo(text).isEmpty());
        assertTrue(Lammps.parseLoopTimes(text).isEmpty());
    }

    @Test
    void installHintNamesTheScript() {
        assertTrue(Lammps.INSTALL_HINT.contains("bin/install-lammps"));
    }
}
