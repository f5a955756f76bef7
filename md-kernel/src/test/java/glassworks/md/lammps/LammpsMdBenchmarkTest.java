package glassworks.md.lammps;

import glassworks.md.bench.MdBenchmark;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

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
    }
}
