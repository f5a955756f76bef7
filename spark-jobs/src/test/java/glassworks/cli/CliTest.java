package glassworks.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input is refused before Spark starts, with one message naming the problem and the fix, and nothing written. */
class CliTest {
    record Outcome(int code, String out, String err) {
    }

    static Outcome run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static void assertRefused(Path wh, String expected, String... args) {
        String[] full = new String[args.length + 2];
        full[0] = "--warehouse";
        full[1] = wh.toString();
        System.arraycopy(args, 0, full, 2, args.length);
        Outcome o = run(full);
        assertEquals(Main.EXIT_BAD_INPUT, o.code(), o.err());
        assertTrue(o.err().contains(expected), "expected '" + expected + "' in: " + o.err());
        assertFalse(Files.exists(wh), "nothing may be written for refused input");
    }

    @Test
    void simulateRefusesBadOptions(@TempDir Path tmp) {
        Path wh = tmp.resolve("wh");
        assertRefused(wh, "valid models: ka3d", "simulate", "--model", "lj-glass", "-T", "1.0");
        assertRefused(wh, "particles", "simulate", "-n", "0", "-T", "1.0");
        assertRefused(wh, "density", "simulate", "--density", "-1", "-T", "1.0");
        assertRefused(wh, "--temperatures", "simulate");
        assertRefused(wh, "not a finite number", "simulate", "-T", "NaN");
        assertRefused(wh, "not a number", "simulate", "-T", "1.0,abc");
        assertRefused(wh, "Unknown option", "simulate", "-T", "1.0", "--frobnicate");
        assertRefused(wh, "repeats", "simulate", "-T", "1.0,1.0");
    }

    @Test
    void rdfRefusesBadOptionsAndMissingInput(@TempDir Path tmp) {
        Path wh = tmp.resolve("wh");
        assertRefused(wh, "--r-max", "rdf", "--r-max", "0");
        assertRefused(wh, "--bins", "rdf", "--bins", "0");
        assertRefused(wh, "run `glassworks simulate` first", "rdf");
    }

    @Test
    void campaignErrorsNameTheFileStageAndOption(@TempDir Path tmp) throws Exception {
        Path wh = tmp.resolve("wh");
        Path bad = tmp.resolve("bad.yaml");
        Files.writeString(bad, "simulate:\n  temperatures: [1.0]\n  particle_count: 10\n");
        assertRefused(wh, "stage simulate", "run", bad.toString());
        Files.writeString(bad, "simulate:\n  temperatures: [1.0]\nanneal: {}\n");
        assertRefused(wh, "unknown stage 'anneal'", "run", bad.toString());
        Files.writeString(bad, "simulate: [1, 2\n");
        assertRefused(wh, "cannot read campaign", "run", bad.toString());
        Files.writeString(bad, "simulate:\n  temperatures: [1.0]\nrdf:\n  r_max: -2\n");
        assertRefused(wh, "--r-max", "run", bad.toString()); // a later stage's options are checked before anything runs
        assertRefused(wh, "cannot read campaign", "run", tmp.resolve("missing.yaml").toString());
    }

    @Test
    void noArgumentsPrintsTheCommandTableAndVersionPrintsVersions() {
        Outcome o = run();
        assertEquals(0, o.code());
        for (String c : new String[] {"simulate", "rdf", "sql", "describe", "run", "bench"}) {
            assertTrue(o.out().contains(c), o.out());
        }
        Outcome v = run("--version");
        assertTrue(v.out().contains("Spark 4.1.0") && v.out().contains("frames v2"), v.out());
    }

    @Test
    void describeOnAnEmptyWarehouseListsEveryTableAsEmpty(@TempDir Path tmp) {
        Outcome o = run("--warehouse", tmp.resolve("wh").toString(), "describe", "--columns");
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("frames   format v2  0 file(s)  0 row(s)  (empty)"), o.out());
        assertTrue(o.out().contains("[sigma_AA]"), o.out());
    }

    @Test
    void aCorruptFileIsNamedWithTheFix(@TempDir Path tmp) throws Exception {
        Path wh = tmp.resolve("wh");
        Path part = wh.resolve("runs/model=ka3d/T=1");
        Files.createDirectories(part);
        Files.write(part.resolve("part-0.parquet"), new byte[] {'P', 'A', 'R', '1', 1, 2, 3});
        Outcome o = run("--warehouse", wh.toString(), "describe");
        assertEquals(Main.EXIT_FAILED, o.code(), o.err());
        assertTrue(o.err().contains("part-0.parquet") && o.err().contains("truncated or corrupt"), o.err());
    }

    @Test
    void campaignsRefuseRepeatedKeysAndUnparsableSparkSettings(@TempDir Path tmp) throws Exception {
        Path wh = tmp.resolve("wh");
        Path twice = tmp.resolve("twice.yaml");
        Files.writeString(twice, "simulate:\n  temperatures: [1.0]\nsimulate:\n  temperatures: [2.0]\n");
        assertRefused(wh, "Duplicate field 'simulate'", "run", twice.toString());
        Outcome o = run("--conf", "spark.task.cpus", "describe");
        assertEquals(0, o.code(), o.err()); // a key without value is allowed by picocli's map fallback; describe needs no Spark
    }
}
