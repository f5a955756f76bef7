package glassworks.md.bench;

import glassworks.md.lammps.Lammps;
import glassworks.md.lammps.LammpsException;
import glassworks.md.structure.DescriptorCatalog;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link DescriptorBenchmark}: the LAMMPS yardstick's input and log parsing (no LAMMPS needed), and a tiny real run
 * (N = 500, 2 frames) that must print every documented line in order, {@code descriptors: ratio=x} last. No timing is
 * asserted.
 */
class DescriptorBenchmarkTest {

    @Test
    void lammpsInputTimesTheComputeAgainstABaselinePerFrame() {
        String in = DescriptorBenchmark.lammpsInput(2, 1.45, 7);
        for (int k = 0; k < 2; k++) {
            assertTrue(in.contains("read_data       frame" + k + ".data\n"), in);
        }
        assertEquals(2, count(in, "clear\n"));
        assertEquals(4, count(in, "run             7\n"), "a baseline and a compute run per frame");
        assertEquals(2, count(in, "compute         q all orientorder/atom nnn NULL cutoff 1.45 degrees 8 1 2 3 4 5 6 7 8\n"));
        assertEquals(2, count(in, "fix             qa all ave/atom 1 1 1 c_q[*]\n"), "evaluated every step");
        assertEquals(2, count(in, "pair_style      zero 1.45\n"), "list cutoff = the compute's cutoff");
        assertEquals(2, count(in, "neighbor        0.0 bin\n"));
        assertTrue(!in.contains("fix             1 all nve") && !in.contains("nvt"), "no integrator: atoms stay put");
        // in each frame's block the baseline run comes before the compute is defined
        int block = in.indexOf("read_data       frame1.data");
        String first = in.substring(0, block);
        assertTrue(first.indexOf("run             7") < first.indexOf("compute         q all"), first);
        assertTrue(first.lastIndexOf("run             7") > first.indexOf("fix             qa"), first);
    }

    @Test
    void lammpsLogGivesComputeMinusBaselineAndMeanQ6() {
        String log = String.join("\n",
                "Step ", "       0 ", "      10 ",
                "Loop time of 0.002 on 1 procs for 10 steps with 500 atoms", "",
                "Step c_q6 ", "      10   0.31 ", "      20   0.31 ",
                "Loop time of 0.502 on 1 procs for 10 steps with 500 atoms", "",
                "Step ", "       0 ", "      10 ",
                "Loop time of 0.004 on 1 procs for 10 steps with 500 atoms", "",
                "Step c_q6 ", "      10   0.33 ", "      20   0.33 ",
                "Loop time of 0.604 on 1 procs for 10 steps with 500 atoms", "");
        Lammps.Run run = new Lammps.Run(log, Lammps.parseThermo(log), Lammps.parseLoopTimes(log), Map.of(), 1.0);
        DescriptorBenchmark.LammpsTiming t = DescriptorBenchmark.parseLammps(run, 2, 10);
        assertEquals(0.5 + 0.6, t.seconds(), 1e-12);
        assertEquals(0.32, t.meanQ6(), 1e-12);
        assertThrows(LammpsException.class, () -> DescriptorBenchmark.parseLammps(run, 3, 10), "loop count");
        assertThrows(LammpsException.class, () -> DescriptorBenchmark.parseLammps(run, 2, 20), "steps per run");
    }

    @Test
    void optionsAreChecked() {
        DescriptorBenchmark.Options d = DescriptorBenchmark.Options.defaults();
        assertEquals(4096, d.atoms());
        assertEquals(DescriptorCatalog.families(), d.selectedFamilies());
        assertEquals(List.of("bo", "seed004"), d.withFamilies(DescriptorBenchmark.parseFamilies("bo, seed004,"))
                .selectedFamilies());
        assertThrows(IllegalArgumentException.class, () -> d.withFamilies(List.of("nope")));
        assertThrows(IllegalArgumentException.class, () -> d.withFrames(0));
        assertThrows(IllegalArgumentException.class, () -> d.withRepeats(0));
        assertThrows(IllegalArgumentException.class, () -> d.withAtoms(10));
    }

    @Test
    void tinyRunPrintsEveryLineAndTheRatioLast() throws IOException {
        Assumptions.assumeFalse("1".equals(System.getenv("GLASSWORKS_SKIP_LAMMPS")),
                "GLASSWORKS_SKIP_LAMMPS=1: LAMMPS tests skipped");
        if (!Lammps.available()) {
            Assertions.fail("LAMMPS (lmp) is required by this test and was not found: run bin/install-lammps (or set "
                    + "GLASSWORKS_SKIP_LAMMPS=1 to skip the LAMMPS tests)");
        }
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
        DescriptorBenchmark.Options o = new DescriptorBenchmark.Options(500, 2, 1, List.of(), 2, 0.0, 300, 50);
        DescriptorBenchmark.Result r = DescriptorBenchmark.run(o, out, () -> out.println("between"));
        String text = buf.toString(StandardCharsets.UTF_8);
        System.out.print(text);
        List<String> lines = text.strip().lines().toList();

        assertTrue(lines.get(0).startsWith("descriptors bench: "), lines.get(0));
        assertTrue(lines.get(1).startsWith("descriptors-reference: "), lines.get(1));
        List<String> familyLines = lines.stream().filter(l -> l.startsWith("descriptors-family: ")).toList();
        assertEquals(DescriptorCatalog.families().size(), familyLines.size(), text);
        for (int k = 0; k < familyLines.size(); k++) {
            String l = familyLines.get(k);
            String f = DescriptorCatalog.families().get(k);
            assertTrue(l.matches("descriptors-family: family=" + f + " features=\\d+ particle_frames_per_s=\\d+ "
                    + "alloc_bytes_per_particle=(\\d+|n/a)") || l.startsWith("descriptors-family: family=" + f
                    + " skipped: "), l);
        }
        assertTrue(familyLines.stream().anyMatch(l -> l.startsWith("descriptors-family: family=bo features=8 ")), text);
        assertTrue(familyLines.stream().anyMatch(l -> l.startsWith("descriptors-family: family=cg skipped: ")),
                "cg is 2D only\n" + text);
        int n = lines.size();
        assertEquals("between", lines.get(n - 4), "the caller's lines come before the yardstick's");
        assertTrue(lines.get(n - 3).startsWith("descriptors: check mean_Q6 lammps="), lines.get(n - 3));
        assertTrue(lines.get(n - 2).matches("descriptors: lammps_particle_frames_per_s=\\d+ ours=\\d+"), lines.get(n - 2));
        assertTrue(lines.get(n - 1).matches("descriptors: ratio=\\d+\\.\\d{3}"), lines.get(n - 1));

        assertTrue(r.lammpsPerSecond() > 0 && r.oursPerSecond() > 0, r.toString());
        assertEquals(r.oursPerSecond() / r.lammpsPerSecond(), r.ratio(), 1e-12);
        assertEquals(r.lammpsMeanQ6(), r.oursMeanQ6(), 1e-6 * r.oursMeanQ6(), "same Q6 from both engines");
        assertTrue(r.oursMeanQ6() > 0.2, "real bond orders, <Q6> = " + r.oursMeanQ6());
    }

    private static int count(String text, String part) {
        int c = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            c++;
        }
        return c;
    }
}
