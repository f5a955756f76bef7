package glassworks.md.lammps;

import glassworks.md.bench.MdBenchmark;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** MdBenchmark with a tiny run: the table and the ratio lines, {@code md: ratio=x} last. */
class LammpsMdBenchmarkTest {

    @Test
    void tinyBenchmarkPrintsTableAndRatioLast() throws IOException {
        LammpsTestSupport.requireLammps();
        LammpsTestSupport.requireMpirun();
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
        MdBenchmark.Result result = MdBenchmark.run(new MdBenchmark.Options(500, 100, 1, true), out);
        String text = buf.toString(StandardCharsets.UTF_8);
        System.out.print(text);

        String[] lines = text.strip().split("\\R");
        assertTrue(lines[lines.length - 1].matches("md: ratio=\\d+\\.\\d+"), "last line: " + lines[lines.length - 1]);
        assertTrue(lines[lines.length - 2].matches("md: ratio_2threads=\\d+\\.\\d+"), lines[lines.length - 2]);
        assertTrue(text.contains("engine") && text.contains("atom-steps/s"), text);
        for (String engine : new String[] {"lammps ", "lammps-mpi ", "kernel "}) {
            assertTrue(text.lines().anyMatch(l -> l.startsWith(engine)), "a table row for " + engine + "\n" + text);
        }
        assertEquals(4, result.measurements().size());
        for (MdBenchmark.Measurement m : result.measurements()) {
            assertEquals(100, m.steps(), m.toString());
            assertEquals(500, m.atoms(), m.toString());
            assertTrue(m.seconds() > 0 && m.atomStepsPerSecond() > 0, m.toString());
        }
        assertEquals(2, result.find("lammps-mpi", 2).threads());
        assertEquals(result.find("kernel", 1).atomStepsPerSecond() / result.find("lammps", 1).atomStepsPerSecond(),
                result.ratio(), 1e-12);
    }

    @Test
    void lammpsInputIsInKa() {
        String in = MdBenchmark.lammpsInput(10, 5000);
        for (String line : new String[] {"lattice         fcc 1.2", "region          box block 0 10 0 10 0 10",
                "pair_coeff      1 2 1.5 0.80 2.0", "pair_modify     shift yes", "fix             1 all nvt temp 1.0 1.0 0.5",
                "timestep        0.005", "run             5000"}) {
            assertTrue(in.contains(line + "\n"), line);
        }
    }

    @Test
    void atomsMustFillAnFccLattice() {
        assertThrows(IllegalArgumentException.class, () -> new MdBenchmark.Options(1000, 100, 1, false));
        assertEquals(4000, MdBenchmark.Options.defaults().atoms());
        assertEquals(2, MdBenchmark.Options.defaults().threads());
        assertEquals(2, new MdBenchmark.Options(500, 100, 1, false).threads());
        assertThrows(IllegalArgumentException.class, () -> new MdBenchmark.Options(500, 100, 1, false, 1));
    }

    /** The parallel ratio line is named after the thread count. */
    @Test
    void parallelRatioLineNamesItsThreadCount() {
        MdBenchmark.Result r = new MdBenchmark.Result(List.of(
                new MdBenchmark.Measurement("lammps", 1, 10, 500, 1.0, 1.0),
                new MdBenchmark.Measurement("lammps-mpi", 3, 10, 500, 0.5, 0.5),
                new MdBenchmark.Measurement("kernel", 1, 10, 500, 0.8, 0.9),
                new MdBenchmark.Measurement("kernel", 3, 10, 500, 0.4, 0.5)), 1.25, 1.25, 1.1);
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        MdBenchmark.print(r, new PrintStream(buf, true, StandardCharsets.UTF_8));
        String[] lines = buf.toString(StandardCharsets.UTF_8).strip().split("\\R");
        assertEquals("md: ratio_3threads=1.250", lines[lines.length - 2]);
        assertEquals("md: ratio=1.250", lines[lines.length - 1]);
    }

    /** The scaling report (kernel only, no LAMMPS): one line per size and thread count, in the documented format. */
    @Test
    void scalingReportPrintsOneLinePerRun() throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
        List<MdBenchmark.ScalingRow> rows = MdBenchmark.scaling(
                new MdBenchmark.ScalingOptions(List.of(300, 864), 2, 60_000, 50), out);
        String text = buf.toString(StandardCharsets.UTF_8);
        System.out.print(text);
        assertEquals(4, rows.size());
        List<String> lines = text.lines().filter(l -> l.startsWith("md-scaling:")).toList();
        assertEquals(4, lines.size(), text);
        for (int k = 0; k < 4; k++) {
            MdBenchmark.ScalingRow row = rows.get(k);
            assertEquals(k < 2 ? 300 : 864, row.atoms());
            assertEquals(k % 2 == 0 ? 1 : 2, row.threads());
            assertEquals(200, row.steps(), "at least 200 steps");
            assertTrue(row.nsPerAtomStep() > 0, row.toString());
            // heap growth: ~480 B/atom for KA (particles ~110, Verlet list ~270, cell list ~60, frame buffers 28), but
            // inside a test JVM other garbage makes a few hundred atoms' worth of it too noisy to bound from below
            assertTrue(Double.isFinite(row.bytesPerAtom()) && row.bytesPerAtom() < 20_000, row.toString());
            assertTrue(lines.get(k).matches("md-scaling: N=\\d+ threads=\\d+ steps=\\d+ ns/atom-step=\\d+\\.\\d "
                    + "bytes/atom=-?\\d+"), lines.get(k));
        }
        assertEquals(List.of(1000, 10000, 100000), MdBenchmark.parseSizes("1000, 1e4,100000"));
        assertThrows(IllegalArgumentException.class, () -> MdBenchmark.parseSizes("1000,ten"));
        assertThrows(IllegalArgumentException.class, () -> new MdBenchmark.ScalingOptions(List.of(100), 2));
        assertThrows(IllegalArgumentException.class, () -> new MdBenchmark.ScalingOptions(List.of(), 2));
    }
}
