package glassworks.spark;

import glassworks.cli.Main;
import glassworks.md.Ensemble;
import glassworks.schema.tables.InherentTable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code glassworks inherent} end to end: a tiny simulate, then every frame minimised on Spark into the inherent table. */
@ExtendWith(SparkExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InherentJobTest {
    static final int N = 256;
    static java.nio.file.Path dir;
    static Warehouse warehouse;
    static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());

    static InherentOptions options(List<Double> ts, List<String> runs, int every, boolean overwrite) {
        return new InherentOptions("ka3d", ts, runs, every, 1e-8, 100_000, overwrite);
    }

    @BeforeAll
    static void simulate() throws IOException {
        dir = Files.createTempDirectory("glassworks-is");
        warehouse = new Warehouse(dir.resolve("warehouse").toString());
    }

    @Test
    @Order(1)
    void everyFrameIsMinimisedIntoTheInherentTable(SparkSession spark) {
        // two temperatures, 5 frames each (production 800 steps, a frame every 200), per-particle energies saved
        new SimulateJob(new SimulateOptions("ka3d", N, 1.2, List.of(1.0, 0.8), 1, 0.005, 400, 800, 200, 100, 5,
                Ensemble.NVT, 0.5, 0.3, false, true, false), warehouse).run(spark, QUIET);

        ByteArrayOutputStream log = new ByteArrayOutputStream();
        List<InherentJob.RunResult> results = new InherentJob(options(List.of(), List.of(), 1, false), warehouse)
                .run(spark, new PrintStream(log, true));
        System.out.print(log);
        assertEquals(2, results.size());
        assertTrue(Files.exists(dir.resolve("warehouse/inherent/_SUCCESS")));
        assertTrue(Files.isDirectory(dir.resolve("warehouse/inherent/model=ka3d/T=0.8/run=ka3d-T0.8-r0-s5")));
        assertFalse(Files.exists(dir.resolve("warehouse/_staging")), "staging is removed after commit");
        assertEquals(2, warehouse.dataFiles(InherentTable.SCHEMA).size(), "one file per run");

        warehouse.registerViews(spark);
        assertEquals(2L * 5 * N, spark.sql("SELECT count(*) FROM inherent").first().getLong(0), "rows = frames x particles");
        assertEquals(spark.sql("SELECT count(*) FROM frames").first().getLong(0),
                spark.sql("SELECT count(*) FROM inherent").first().getLong(0));
        assertEquals(0L, spark.sql("SELECT count(*) FROM inherent WHERE NOT converged OR max_force >= 1e-8")
                .first().getLong(0));
        // e_IS below the frame's own mean potential energy, and equal to the mean of the per-particle energies
        List<Row> perFrame = spark.sql("""
                SELECT i.T, i.run, i.frame, first(i.e_is) AS e_is, avg(i.pe) AS pe_is, avg(f.pe) AS pe_frame,
                       count(DISTINCT i.e_is) AS values, count(*) AS n
                FROM inherent i JOIN frames f ON f.run = i.run AND f.frame = i.frame AND f.particle = i.particle
                GROUP BY i.T, i.run, i.frame ORDER BY i.T, i.run, i.frame""").collectAsList();
        assertEquals(10, perFrame.size());
        for (Row r : perFrame) {
            System.out.printf("  T=%s %s frame %d: U/N %.6f -> e_IS %.8f%n", r.getDouble(0), r.getString(1), r.getInt(2),
                    r.getDouble(5), r.getDouble(3));
            assertTrue(r.getDouble(3) < r.getDouble(5) - 0.3, "e_IS below the frame's energy: " + r);
            assertEquals(r.getDouble(3), r.getDouble(4), 1e-12, "per-particle energies average to e_IS: " + r);
            assertEquals(1L, r.getLong(6), "one e_is per frame");
            assertEquals((long) N, r.getLong(7));
            assertTrue(r.getDouble(3) > -7.8 && r.getDouble(3) < -7.0, "KA e_IS range: " + r);
        }
        // positions are unwrapped like the frames: displacements are small, never a box edge
        double maxDisp = spark.sql("SELECT max(sqrt(pow(i.x - f.x, 2) + pow(i.y - f.y, 2) + pow(i.z - f.z, 2))) "
                + "FROM inherent i JOIN frames f ON f.run = i.run AND f.frame = i.frame AND f.particle = i.particle")
                .first().getDouble(0);
        assertTrue(maxDisp < 2.0, "largest displacement to the inherent structure " + maxDisp);
    }

    @Test
    @Order(2)
    void existingOutputIsRefusedWithoutOverwriteAndReplacedWithIt(SparkSession spark) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new InherentJob(options(List.of(), List.of(), 1, false), warehouse).validate());
        assertTrue(e.getMessage().contains("--overwrite"), e.getMessage());

        // one run, every 2nd frame (0, 2, 4), replacing that run's partition as a whole
        new InherentJob(options(List.of(0.8), List.of("ka3d-T0.8-r0-s5"), 2, true), warehouse).run(spark, QUIET);
        warehouse.registerViews(spark);
        assertEquals(3L * N, spark.sql("SELECT count(*) FROM inherent WHERE T = 0.8").first().getLong(0));
        assertEquals(5L * N, spark.sql("SELECT count(*) FROM inherent WHERE T = 1.0").first().getLong(0), "untouched");
        assertEquals(List.of(0, 2, 4), spark.sql("SELECT DISTINCT frame FROM inherent WHERE T = 0.8 ORDER BY frame")
                .collectAsList().stream().map(r -> r.getInt(0)).toList());
        assertEquals(2, warehouse.dataFiles(InherentTable.SCHEMA).size());

        // the same again: replaced, not duplicated
        new InherentJob(options(List.of(0.8), List.of(), 2, true), warehouse).run(spark, QUIET);
        warehouse.registerViews(spark);
        assertEquals((3L + 5) * N, spark.sql("SELECT count(*) FROM inherent").first().getLong(0));
        assertEquals(2, warehouse.dataFiles(InherentTable.SCHEMA).size());
    }

    @Test
    @Order(3)
    void badSelectionsAreRefusedBeforeSpark() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new InherentJob(options(List.of(), List.of("ka3d-T9-r0-s1"), 1, true), warehouse).validate());
        assertTrue(e.getMessage().contains("stored runs: ka3d-T0.8-r0-s5, ka3d-T1-r0-s5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new InherentJob(options(List.of(0.5), List.of(), 1, true), warehouse).validate());
        assertTrue(e.getMessage().contains("stored temperatures: 0.8, 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new InherentJob(options(List.of(), List.of(), 0, true), warehouse).validate());
        assertTrue(e.getMessage().contains("--every"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new InherentJob(
                new InherentOptions("ka3d", List.of(), List.of(), 1, -1, 10, true), warehouse).validate());
        assertTrue(e.getMessage().contains("--force-tolerance"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new InherentJob(options(List.of(), List.of(), 1, false),
                new Warehouse(dir.resolve("empty").toString())).validate());
        assertTrue(e.getMessage().contains("run `glassworks simulate` first"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("empty")));
    }

    @Test
    @Order(4)
    void theCommandLineRefusesWithExitStatus2() {
        java.nio.file.Path wh = dir.resolve("cli-wh");
        for (String[] args : new String[][] {
                {"inherent", "--every", "0"},
                {"inherent", "--max-iterations", "0"},
                {"inherent", "--force-tolerance", "NaN"},
                {"inherent"}}) {
            String[] full = new String[args.length + 2];
            full[0] = "--warehouse";
            full[1] = wh.toString();
            System.arraycopy(args, 0, full, 2, args.length);
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = Main.execute(full, QUIET, new PrintStream(err, true));
            assertEquals(2, code, String.join(" ", args) + ": " + err);
            assertFalse(Files.exists(wh), "nothing written");
        }
    }
    @Test
    @Order(5)
    void aCampaignStageIsCheckedAgainstThePlannedSimulation() throws IOException {
        java.nio.file.Path wh = dir.resolve("campaign-wh");
        java.nio.file.Path file = dir.resolve("campaign.yaml");
        // the inherent stage's runs do not exist yet, but the simulate stage before it will write them
        Files.writeString(file, "simulate: {temperatures: [0.6], particles: 256}\ninherent: {every: 2, temperatures: [0.6]}\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.execute(new String[] {"--warehouse", wh.toString(), "run", "--dry-run", file.toString()}, QUIET,
                new PrintStream(err, true));
        assertEquals(0, code, err.toString());
        Files.writeString(file, "simulate: {temperatures: [0.6], particles: 256}\ninherent: {temperatures: [0.7]}\n");
        code = Main.execute(new String[] {"--warehouse", wh.toString(), "run", "--dry-run", file.toString()}, QUIET,
                new PrintStream(err, true));
        assertEquals(2, code, err.toString());
        assertTrue(err.toString().contains("no earlier stage simulates it"), err.toString());
        assertFalse(Files.exists(wh));
    }
}
